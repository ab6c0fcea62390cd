package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.UnsafeMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link Movement}'s stored form: written by the log's business-thread side, read by it and by
 * {@link MovementReader}s on other threads. No allocation.
 *
 * <p>Compact, because the log takes every movement the engine makes: a purchase's EARNED
 * movement takes ~115 bytes instead of the ~350 of fixed-width fields, and at hundreds of thousands
 * of purchases a second the kernel's writeback of the log took 30-45% of two cores and halved
 * the business step (BENCHMARKS.md §4). Every number is a zigzag varint (small magnitudes of either sign in few bytes), but
 * {@code previous}, which points back into the log, is stored as the distance to it.
 *
 * <pre>
 * 0 size (int: stored bytes, a multiple of 8, so every movement starts at a multiple of 8)
 * 4 kind (byte)   5 check of the movement's own offset (short)   7 zero (byte)
 * 8 memberId, offset + 1 - previous (0: none), sequence, occurredAtMillis, points, pendingPoints,
 *   pendingUntil, expiresAt, related, relatedPrevious, programVersion, otherMemberId,
 *   entryCount, lineCount, then eventId, admin, reason, wallet (each its length in bytes, then
 *   its UTF-8), then entryCount x { rule, line (-1: all lines), points },
 *   lineCount x { quantity, points, amountMinor, qualifying, basketAmountMinor };
 *   zeros up to the size
 * </pre>
 *
 * <p>The offset's check makes a position inside a movement, or one written at another offset, fail
 * {@link #isMovement} but in contrived cases: a subscriber's cursor is checked with it.
 */
final class MovementCodec {
    private static final int KINDS = Movement.Kind.values().length;
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    static {
        // encode stores the size in the machine's order; the log is little-endian (its buffers say so).
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("the movement log is written on little-endian machines only");
        }
    }
    /** The size, kind and offset check before the fields. */
    static final int PREFIX = 8;
    /** The smallest movement: the prefix and fourteen numbers and four lengths of a byte each, padded. */
    static final int MIN_SIZE = 32;
    private static final int MAX_VARINT = 10;
    /** Numbers before the texts. */
    private static final int NUMBERS = 14;
    private static final int ENTRY_NUMBERS = 3;
    private static final int LINE_NUMBERS = 5;
    private static final int MAX_EVENT_ID_BYTES = 3 * Movement.MAX_EVENT_ID_CHARS;
    /** An admin's name (64 chars), a reason (256) or a wallet id (64), in UTF-8. */
    private static final int MAX_TEXT_BYTES = 3 * 256;
    private static final int MAX_ENTRIES = 1 << 16;
    /** Text lengths whose zigzag varint takes one byte. */
    private static final int ONE_BYTE_LENGTHS = 64;

    private MovementCodec() {
    }

    /** The most bytes {@link #encode} may take for {@code m}: room to reserve before it. */
    static int maxSize(Movement m) {
        long texts = 4L * MAX_VARINT + 3L * (m.eventId.length() + m.admin.length() + m.reason.length()
                + m.wallet.length());
        long bound = PREFIX + NUMBERS * MAX_VARINT + texts + (long) m.entryCount * ENTRY_NUMBERS * MAX_VARINT
                + (long) m.lineCount * LINE_NUMBERS * MAX_VARINT + 7;
        return (int) Math.min(bound, Integer.MAX_VALUE);
    }

    /**
     * Writes {@code m}, to be stored at log offset {@code offset}, at the position of {@code b}
     * (direct, little-endian, with {@link #maxSize} bytes of room), advancing past it; returns the
     * bytes it takes. Plain stores at the buffer's address: a bounds-checked put per field and per
     * character cost a twentieth of a purchase.
     */
    static int encode(Movement m, long offset, ByteBuffer b) {
        return encode(m, offset, b, new char[ONE_BYTE_LENGTHS]);
    }

    /** {@link #encode}, its texts copied out through {@code chars} (at least 64), kept by its caller: nothing is allocated. */
    static int encode(Movement m, long offset, ByteBuffer b, char[] chars) {
        int start = b.position();
        long a = Jvm.address(b) + start;
        long at = a + PREFIX;
        at = putLong(at, m.memberId);
        at = putLong(at, m.previous == 0 ? 0 : offset + 1 - m.previous);
        at = putLong(at, m.sequence);
        at = putLong(at, m.occurredAtMillis);
        at = putLong(at, m.points);
        at = putLong(at, m.pendingPoints);
        at = putLong(at, m.pendingUntilMillis);
        at = putLong(at, m.expiresAtMillis);
        at = putLong(at, m.related);
        at = putLong(at, m.relatedPrevious);
        at = putLong(at, m.programVersion);
        at = putLong(at, m.otherMemberId);
        at = putLong(at, m.entryCount);
        at = putLong(at, m.lineCount);
        at = putText(at, m.eventId, chars);
        at = putText(at, m.admin, chars);
        at = putText(at, m.reason, chars);
        at = putText(at, m.wallet, chars);
        for (int i = 0; i < m.entryCount; i++) {
            at = putLong(at, m.entryRule[i]);
            at = putLong(at, m.entryLine[i]);
            at = putLong(at, m.entryPoints[i]);
        }
        for (int i = 0; i < m.lineCount; i++) {
            at = putLong(at, m.lineQuantity[i]);
            at = putLong(at, m.linePoints[i]);
            at = putLong(at, m.lineAmountMinor[i]);
            at = putLong(at, m.lineQualifying[i]);
            at = putLong(at, m.lineBasketAmount[i]);
        }
        while (((at - a) & 7) != 0) {
            MEMORY.writeByte(at++, (byte) 0);
        }
        int size = (int) (at - a);
        MEMORY.writeInt(a, size);
        MEMORY.writeByte(a + 4, (byte) m.kind.ordinal());
        MEMORY.writeShort(a + 5, offsetCheck(offset));
        MEMORY.writeByte(a + 7, (byte) 0);
        b.position(start + size);
        return size;
    }

    /** The size stored at {@code at} in {@code b}: what a reader must have of the movement to decode it. */
    static int size(ByteBuffer b, int at) {
        return b.getInt(at);
    }

    /**
     * Reads the movement stored at log offset {@code offset}, at the position of {@code b}, into
     * {@code into}, advancing past it.
     */
    static void decode(ByteBuffer b, long offset, Movement into) {
        int start = b.position();
        int size = b.getInt(start);
        into.clear(Movement.Kind.of(b.get(start + 4)));
        b.position(start + PREFIX);
        into.memberId = getLong(b);
        long back = getLong(b);
        into.previous = back == 0 ? 0 : offset + 1 - back;
        into.sequence = getLong(b);
        into.occurredAtMillis = getLong(b);
        into.points = getLong(b);
        into.pendingPoints = getLong(b);
        into.pendingUntilMillis = getLong(b);
        into.expiresAtMillis = getLong(b);
        into.related = getLong(b);
        into.relatedPrevious = getLong(b);
        into.programVersion = (int) getLong(b);
        into.otherMemberId = getLong(b);
        into.entryCount = (int) getLong(b);
        into.lineCount = (int) getLong(b);
        getText(b, into.eventId);
        getText(b, into.admin);
        getText(b, into.reason);
        getText(b, into.wallet);
        into.ensureEntries(into.entryCount);
        for (int i = 0; i < into.entryCount; i++) {
            into.entryRule[i] = (int) getLong(b);
            into.entryLine[i] = (int) getLong(b);
            into.entryPoints[i] = getLong(b);
        }
        for (int i = 0; i < into.lineCount; i++) {
            into.lineQuantity[i] = getLong(b);
            into.linePoints[i] = getLong(b);
            into.lineAmountMinor[i] = getLong(b);
            into.lineQualifying[i] = getLong(b);
            into.lineBasketAmount[i] = getLong(b);
        }
        b.position(start + size);
    }

    /**
     * Whether the {@code size} bytes at {@code at} in {@code b} (see {@link #size}; the caller has
     * checked that they lie within the written log) are a movement stored at log offset
     * {@code offset}: the offset's check, every number well formed, every count and length in
     * range, and the fields ending exactly where the padding to the size begins.
     */
    static boolean isMovement(ByteBuffer b, int at, int size, long offset) {
        if (size < MIN_SIZE || size % 8 != 0 || at + size > b.limit()) {
            return false;
        }
        int kind = b.get(at + 4);
        if (kind < 0 || kind >= KINDS || b.getShort(at + 5) != offsetCheck(offset) || b.get(at + 7) != 0) {
            return false;
        }
        Walk walk = new Walk(b, at + PREFIX, at + size);
        long memberId = walk.next();
        long back = walk.next();
        for (int i = 0; i < 10; i++) {
            walk.next();
        }
        long entries = walk.next();
        long lines = walk.next();
        if (!walk.ok || memberId < 0 || back < 0 || back > offset + 1 || entries < 0 || entries > MAX_ENTRIES
                || lines < 0 || lines > Movement.MAX_LINES
                || !walk.skipText(MAX_EVENT_ID_BYTES) || !walk.skipText(MAX_TEXT_BYTES)
                || !walk.skipText(MAX_TEXT_BYTES) || !walk.skipText(MAX_TEXT_BYTES)) {
            return false;
        }
        for (long i = 0; i < entries * ENTRY_NUMBERS + lines * LINE_NUMBERS && walk.ok; i++) {
            walk.next();
        }
        if (!walk.ok || at + size - walk.at >= 8) {
            return false;
        }
        for (int p = walk.at; p < at + size; p++) {
            if (b.get(p) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads varints up to an end, noting rather than throwing when one is malformed or runs past it. */
    private static final class Walk {
        private final ByteBuffer b;
        private final int end;
        int at;
        boolean ok = true;

        Walk(ByteBuffer b, int at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        long next() {
            long value = 0;
            for (int shift = 0; ok; shift += 7) {
                if (at >= end || shift >= 7 * MAX_VARINT) {
                    ok = false;
                    break;
                }
                int c = b.get(at++);
                value |= (long) (c & 0x7F) << shift;
                if (c >= 0) {
                    return value >>> 1 ^ -(value & 1);
                }
            }
            return 0;
        }

        boolean skipText(int maxBytes) {
            long bytes = next();
            if (!ok || bytes < 0 || bytes > maxBytes || bytes > end - at) {
                ok = false;
                return false;
            }
            at += (int) bytes;
            return true;
        }
    }

    /** Sixteen bits of the offset's hash, so a movement stored elsewhere does not pass for one here. */
    static short offsetCheck(long offset) {
        return (short) ((offset >>> 3) * 0x9E3779B97F4A7C15L >>> 48);
    }

    /**
     * Writes {@code value} as a zigzag varint at {@code at}; returns the address after it. A byte
     * at a time: side by side with spreading the 7-bit groups in a register and storing them as one
     * long, this took half the time for a purchase's numbers (most take one to three bytes).
     */
    private static long putLong(long at, long value) {
        long v = value << 1 ^ value >> 63;
        if ((v & ~0x7FL) == 0) {
            MEMORY.writeByte(at, (byte) v);
            return at + 1;
        }
        MEMORY.writeByte(at++, (byte) (v | 0x80));
        v >>>= 7;
        while ((v & ~0x7FL) != 0) {
            MEMORY.writeByte(at++, (byte) (v | 0x80));
            v >>>= 7;
        }
        MEMORY.writeByte(at, (byte) v);
        return at + 1;
    }

    private static long getLong(ByteBuffer b) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int c = b.get();
            value |= (long) (c & 0x7F) << shift;
            if (c >= 0) {
                return value >>> 1 ^ -(value & 1);
            }
        }
    }

    /**
     * Writes {@code text}'s length in UTF-8 bytes ({@link Movement#utf8Length}: each char on its
     * own), then the bytes, at {@code at}; returns the address after them. Texts are mostly short
     * and ASCII (event ids, reasons): those are copied out in bulk into {@code chars} and stored a
     * byte a char, their length being their count of chars, in one pass (in {@code
     * MovementCodecBenchmark}, 22 ns for a 35-char event id against 85 with each char read
     * through the builder's {@code charAt}); a text with any other char is written again, from
     * {@code at}, by {@link #putUtf8}.
     */
    private static long putText(long at, StringBuilder text, char[] chars) {
        int length = text.length();
        if (length >= ONE_BYTE_LENGTHS || length > chars.length) {
            return putUtf8(at, text);
        }
        text.getChars(0, length, chars, 0);
        int all = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            all |= c;
            MEMORY.writeByte(at + 1 + i, (byte) c);
        }
        if (all >= 0x80) {
            return putUtf8(at, text);
        }
        MEMORY.writeByte(at, (byte) (length << 1)); // the zigzag varint of a length below 64
        return at + 1 + length;
    }

    /** {@link #putText} of any text: its UTF-8 length, then its chars one by one. */
    private static long putUtf8(long at, CharSequence text) {
        at = putLong(at, Movement.utf8Length(text));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                MEMORY.writeByte(at++, (byte) c);
            } else if (c < 0x800) {
                MEMORY.writeByte(at++, (byte) (0xC0 | c >> 6));
                MEMORY.writeByte(at++, (byte) (0x80 | c & 0x3F));
            } else {
                MEMORY.writeByte(at++, (byte) (0xE0 | c >> 12));
                MEMORY.writeByte(at++, (byte) (0x80 | c >> 6 & 0x3F));
                MEMORY.writeByte(at++, (byte) (0x80 | c & 0x3F));
            }
        }
        return at;
    }

    private static void getText(ByteBuffer b, StringBuilder into) {
        int bytes = (int) getLong(b);
        int end = b.position() + bytes;
        while (b.position() < end) {
            int c = b.get() & 0xFF;
            if (c >= 0xE0) {
                c = (c & 0x0F) << 12 | (b.get() & 0x3F) << 6 | b.get() & 0x3F;
            } else if (c >= 0xC0) {
                c = (c & 0x1F) << 6 | b.get() & 0x3F;
            }
            into.append((char) c);
        }
    }
}
