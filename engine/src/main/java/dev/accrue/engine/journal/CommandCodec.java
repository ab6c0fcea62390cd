package dev.accrue.engine.journal;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.IdentityKind;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.UnsafeMemory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Commands to and from journal payloads. Encoding writes straight from the ring slot into the
 * journal's buffer and allocates nothing; decoding (replay only) allocates the strings.
 *
 * <p>Strings are a signed 16-bit byte count (-1 for null) and UTF-8 bytes. Append fields at the
 * end of a payload only, and bump {@link JournalFormat#VERSION} when a layout changes.
 */
public final class CommandCodec {
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    private static final IdentityKind[] IDENTITY_KINDS = IdentityKind.values();
    private static final CommandType[] TYPES = CommandType.values();

    private CommandCodec() {
    }

    public static byte typeCode(CommandType type) {
        return (byte) type.ordinal();
    }

    /** Null for a code no version of the engine wrote. */
    public static CommandType type(int code) {
        return code >= 0 && code < TYPES.length && TYPES[code].mutates() ? TYPES[code] : null;
    }

    public static void encode(CommandSlot slot, ByteBuffer out) {
        switch (slot.type) {
            case PURCHASE -> encodePurchase(slot, out);
            case ENROL -> encodeEnrol(slot, out);
            case CLOCK_TICK -> out.putLong(slot.occurredAtMillis);
            case PROGRAM_CHANGE -> {
                putString(out, slot.eventId);
                out.putLong(slot.occurredAtMillis);
                out.putInt(slot.programBytes.length).put(slot.programBytes);
            }
            case RETURN -> encodeReturn(slot, out);
            case REDEEM, HOLD, CAPTURE, VOID_HOLD -> {
                putString(out, slot.eventId);
                putMember(slot, out);
                putString(out, slot.partnerId);
                putString(out, slot.storeId);
                out.putLong(slot.occurredAtMillis);
                out.putLong(slot.totalMinor);
                putString(out, slot.holdId);
                out.putInt(slot.holdTtlSeconds);
                putString(out, slot.wallet);
            }
            case SET_TIER_FLOOR -> {
                putString(out, slot.eventId);
                putMember(slot, out);
                out.putLong(slot.occurredAtMillis);
                out.putInt(slot.tierFloor);
                putString(out, slot.admin);
                putString(out, slot.reason);
            }
            case LINK_IDENTITY, UNLINK_IDENTITY -> {
                putString(out, slot.eventId);
                putMember(slot, out);
                out.putLong(slot.occurredAtMillis);
                out.put((byte) slot.identityKind.ordinal());
                putString(out, slot.identity);
            }
            case SET_MEMBER_STATUS, ADJUST_POINTS, MERGE_MEMBERS -> {
                putString(out, slot.eventId);
                putMember(slot, out);
                out.putLong(slot.occurredAtMillis);
                out.putInt(slot.memberStatus);
                out.putLong(slot.totalMinor);
                putString(out, slot.wallet);
                out.putLong(slot.otherMemberId);
                out.put(slot.otherIdentityKind == null ? -1 : (byte) slot.otherIdentityKind.ordinal());
                putString(out, slot.otherIdentity);
                putString(out, slot.admin);
                putString(out, slot.reason);
            }
            case GET_BALANCE, STATE_DIGEST, CHECKPOINT, GET_HISTORY, GET_MEMBER, GET_AUDIT_LOG ->
                    throw new IllegalArgumentException("not journaled: " + slot.type);
        }
    }

    /** Fills {@code slot} (reset to {@code type} by the caller) from the payload in {@code in}. */
    public static void decode(CommandType type, ByteBuffer in, CommandSlot slot) {
        switch (type) {
            case PURCHASE -> decodePurchase(in, slot);
            case ENROL -> decodeEnrol(in, slot);
            case CLOCK_TICK -> slot.occurredAtMillis = in.getLong();
            case PROGRAM_CHANGE -> {
                slot.eventId = getString(in);
                slot.occurredAtMillis = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("program length " + length);
                }
                slot.programBytes = new byte[length];
                in.get(slot.programBytes);
            }
            case RETURN -> decodeReturn(in, slot);
            case REDEEM, HOLD, CAPTURE, VOID_HOLD -> {
                slot.eventId = getString(in);
                getMember(in, slot);
                slot.partnerId = getString(in);
                slot.storeId = getString(in);
                slot.occurredAtMillis = in.getLong();
                slot.totalMinor = in.getLong();
                slot.holdId = getString(in);
                slot.holdTtlSeconds = in.getInt();
                slot.wallet = getString(in);
            }
            case SET_TIER_FLOOR -> {
                slot.eventId = getString(in);
                getMember(in, slot);
                slot.occurredAtMillis = in.getLong();
                slot.tierFloor = in.getInt();
                slot.admin = getString(in);
                slot.reason = getString(in);
            }
            case LINK_IDENTITY, UNLINK_IDENTITY -> {
                slot.eventId = getString(in);
                getMember(in, slot);
                slot.occurredAtMillis = in.getLong();
                slot.identityKind = IDENTITY_KINDS[in.get()];
                slot.identity = getString(in);
            }
            case SET_MEMBER_STATUS, ADJUST_POINTS, MERGE_MEMBERS -> {
                slot.eventId = getString(in);
                getMember(in, slot);
                slot.occurredAtMillis = in.getLong();
                slot.memberStatus = in.getInt();
                slot.totalMinor = in.getLong();
                slot.wallet = getString(in);
                slot.otherMemberId = in.getLong();
                byte kind = in.get();
                slot.otherIdentityKind = kind < 0 ? null : IDENTITY_KINDS[kind];
                slot.otherIdentity = getString(in);
                slot.admin = getString(in);
                slot.reason = getString(in);
            }
            case GET_BALANCE, STATE_DIGEST, CHECKPOINT, GET_HISTORY, GET_MEMBER, GET_AUDIT_LOG ->
                    throw new IllegalArgumentException("not journaled: " + type);
        }
    }

    private static void encodePurchase(CommandSlot s, ByteBuffer out) {
        putString(out, s.eventId);
        putMember(s, out);
        putString(out, s.partnerId);
        putString(out, s.storeId);
        out.put((byte) s.channel);
        out.putLong(s.occurredAtMillis);
        out.putInt(s.currency);
        out.putLong(s.totalMinor);
        out.put((byte) s.paymentMethod);
        out.putShort((short) s.lineCount);
        for (int i = 0; i < s.lineCount; i++) {
            putString(out, s.lineSku[i]);
            putString(out, s.lineCategory[i]);
            out.putLong(s.lineQuantity[i]);
            out.putLong(s.lineAmountMinor[i]);
        }
    }

    private static void decodePurchase(ByteBuffer in, CommandSlot s) {
        s.eventId = getString(in);
        getMember(in, s);
        s.partnerId = getString(in);
        s.storeId = getString(in);
        s.channel = in.get();
        s.occurredAtMillis = in.getLong();
        s.currency = in.getInt();
        s.totalMinor = in.getLong();
        s.paymentMethod = in.get();
        int lines = in.getShort();
        if (lines < 0 || lines > CommandSlot.MAX_LINE_ITEMS) {
            throw new IllegalArgumentException("line count " + lines);
        }
        for (int i = 0; i < lines; i++) {
            s.lineSku[i] = getString(in);
            s.lineCategory[i] = getString(in);
            s.lineQuantity[i] = in.getLong();
            s.lineAmountMinor[i] = in.getLong();
        }
        s.lineCount = lines;
    }

    private static void putMember(CommandSlot s, ByteBuffer out) {
        out.putLong(s.memberId);
        out.put(s.memberIdentityKind == null ? -1 : (byte) s.memberIdentityKind.ordinal());
        putString(out, s.memberIdentity);
    }

    private static void getMember(ByteBuffer in, CommandSlot s) {
        s.memberId = in.getLong();
        byte kind = in.get();
        s.memberIdentityKind = kind < 0 ? null : IDENTITY_KINDS[kind];
        s.memberIdentity = getString(in);
    }

    private static void encodeReturn(CommandSlot s, ByteBuffer out) {
        putString(out, s.eventId);
        putString(out, s.returnOf);
        putString(out, s.partnerId);
        putString(out, s.storeId);
        out.putLong(s.occurredAtMillis);
        out.putShort((short) s.lineCount);
        for (int i = 0; i < s.lineCount; i++) {
            out.putInt(s.returnLine[i]);
            out.putLong(s.lineQuantity[i]);
        }
    }

    private static void decodeReturn(ByteBuffer in, CommandSlot s) {
        s.eventId = getString(in);
        s.returnOf = getString(in);
        s.partnerId = getString(in);
        s.storeId = getString(in);
        s.occurredAtMillis = in.getLong();
        int lines = in.getShort();
        if (lines < 0 || lines > CommandSlot.MAX_LINE_ITEMS) {
            throw new IllegalArgumentException("line count " + lines);
        }
        for (int i = 0; i < lines; i++) {
            s.returnLine[i] = in.getInt();
            s.lineQuantity[i] = in.getLong();
        }
        s.lineCount = lines;
    }

    private static void encodeEnrol(CommandSlot s, ByteBuffer out) {
        putString(out, s.eventId);
        out.putLong(s.occurredAtMillis);
        putString(out, s.enrolCard);
        putString(out, s.enrolEshop);
        putString(out, s.enrolPhone);
        out.putInt(s.enrolBirthday);
        putString(out, s.enrolEmailHash);
    }

    private static void decodeEnrol(ByteBuffer in, CommandSlot s) {
        s.eventId = getString(in);
        s.occurredAtMillis = in.getLong();
        s.enrolCard = getString(in);
        s.enrolEshop = getString(in);
        s.enrolPhone = getString(in);
        s.enrolBirthday = in.getInt();
        s.enrolEmailHash = getString(in);
    }

    /** UTF-8 without an intermediate byte[]; protobuf strings never hold lone surrogates. */
    static void putString(ByteBuffer out, CharSequence value) {
        if (value == null) {
            out.putShort((short) -1);
            return;
        }
        // At most three bytes per char (a surrogate pair takes four for two).
        if (out.isDirect() && out.remaining() >= Short.BYTES + 3 * value.length()) {
            putStringAtAddress(out, value);
            return;
        }
        int lengthAt = out.position();
        out.putShort((short) 0);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out.put((byte) (0xF0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3F))
                        .put((byte) (0x80 | cp >> 6 & 0x3F)).put((byte) (0x80 | cp & 0x3F));
            } else {
                out.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
            }
        }
        out.putShort(lengthAt, (short) (out.position() - lengthAt - Short.BYTES));
    }

    /**
     * {@link #putString}'s bytes, written with plain stores at the direct buffer's address: a
     * bounds-checked put per character made string encoding most of the journal thread's work.
     * The caller has checked the room.
     */
    private static void putStringAtAddress(ByteBuffer out, CharSequence value) {
        int lengthAt = out.position();
        long start = Jvm.address(out) + lengthAt + Short.BYTES;
        long at = start;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                MEMORY.writeByte(at++, (byte) c);
            } else if (c < 0x800) {
                MEMORY.writeByte(at++, (byte) (0xC0 | c >> 6));
                MEMORY.writeByte(at++, (byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                MEMORY.writeByte(at++, (byte) (0xF0 | cp >> 18));
                MEMORY.writeByte(at++, (byte) (0x80 | cp >> 12 & 0x3F));
                MEMORY.writeByte(at++, (byte) (0x80 | cp >> 6 & 0x3F));
                MEMORY.writeByte(at++, (byte) (0x80 | cp & 0x3F));
            } else {
                MEMORY.writeByte(at++, (byte) (0xE0 | c >> 12));
                MEMORY.writeByte(at++, (byte) (0x80 | c >> 6 & 0x3F));
                MEMORY.writeByte(at++, (byte) (0x80 | c & 0x3F));
            }
        }
        int bytes = (int) (at - start);
        out.putShort(lengthAt, (short) bytes);
        out.position(lengthAt + Short.BYTES + bytes);
    }

    static String getString(ByteBuffer in) {
        int length = in.getShort();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
