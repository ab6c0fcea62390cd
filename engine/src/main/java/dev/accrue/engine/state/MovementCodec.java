package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.UnsafeMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@link Movement}'s stored form, as its javadoc draws it: written by the log's business-thread
 * side, read by it and by {@link MovementReader}s on other threads. Every stored movement is a
 * multiple of 8 bytes, so every movement starts at a multiple of 8. No allocation.
 */
final class MovementCodec {
    private static final int KINDS = Movement.Kind.values().length;
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    static {
        // encode stores in the machine's order; the log is little-endian (its buffers say so).
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("the movement log is written on little-endian machines only");
        }
    }
    private static final int MAX_EVENT_ID_BYTES = 3 * Movement.MAX_EVENT_ID_CHARS;
    /** An admin's name (64 chars), a reason (256) or a wallet id (64), in UTF-8. */
    private static final int MAX_TEXT_BYTES = 3 * 256;

    private MovementCodec() {
    }

    /**
     * Writes {@code m}, of {@code size} = {@link Movement#storedSize()} bytes, at the position of
     * {@code b} (direct, little-endian, with room for it), advancing past it. Plain stores at the
     * buffer's address: a bounds-checked put per field and per character cost a twentieth of a
     * purchase.
     */
    static void encode(Movement m, int size, ByteBuffer b) {
        int start = b.position();
        long a = Jvm.address(b) + start;
        MEMORY.writeInt(a, size);
        MEMORY.writeInt(a + 4, m.kind.ordinal());
        MEMORY.writeLong(a + 8, m.memberId);
        MEMORY.writeLong(a + 16, m.previous);
        MEMORY.writeLong(a + 24, m.sequence);
        MEMORY.writeLong(a + 32, m.occurredAtMillis);
        MEMORY.writeLong(a + 40, m.points);
        MEMORY.writeLong(a + 48, m.pendingPoints);
        MEMORY.writeLong(a + 56, m.pendingUntilMillis);
        MEMORY.writeLong(a + 64, m.expiresAtMillis);
        MEMORY.writeLong(a + 72, m.related);
        MEMORY.writeLong(a + 80, m.relatedPrevious);
        MEMORY.writeInt(a + 88, m.programVersion);
        MEMORY.writeInt(a + 92, m.entryCount);
        MEMORY.writeInt(a + 96, m.lineCount);
        MEMORY.writeLong(a + 112, m.otherMemberId);
        MEMORY.writeInt(a + 124, 0);
        long at = putText(a + 100, a + Movement.HEADER_SIZE, m.eventId);
        at = putText(a + 104, at, m.admin);
        at = putText(a + 108, at, m.reason);
        at = putText(a + 120, at, m.wallet);
        for (int i = 0; i < m.entryCount; i++, at += Movement.ENTRY_SIZE) {
            MEMORY.writeInt(at, m.entryRule[i]);
            MEMORY.writeInt(at + 4, m.entryLine[i]);
            MEMORY.writeLong(at + 8, m.entryPoints[i]);
        }
        for (int i = 0; i < m.lineCount; i++, at += Movement.LINE_SIZE) {
            MEMORY.writeLong(at, m.lineQuantity[i]);
            MEMORY.writeLong(at + 8, m.linePoints[i]);
            MEMORY.writeLong(at + 16, m.lineAmountMinor[i]);
            MEMORY.writeLong(at + 24, m.lineQualifying[i]);
            MEMORY.writeLong(at + 32, m.lineBasketAmount[i]);
        }
        b.position(start + size);
    }

    /** Reads the movement at the buffer's position into {@code into}, advancing past it. */
    static void decode(ByteBuffer b, Movement into) {
        b.getInt(); // the size, checked by the caller
        into.clear(Movement.Kind.of(b.getInt()));
        into.memberId = b.getLong();
        into.previous = b.getLong();
        into.sequence = b.getLong();
        into.occurredAtMillis = b.getLong();
        into.points = b.getLong();
        into.pendingPoints = b.getLong();
        into.pendingUntilMillis = b.getLong();
        into.expiresAtMillis = b.getLong();
        into.related = b.getLong();
        into.relatedPrevious = b.getLong();
        into.programVersion = b.getInt();
        into.entryCount = b.getInt();
        into.lineCount = b.getInt();
        int eventIdBytes = b.getInt();
        int adminBytes = b.getInt();
        int reasonBytes = b.getInt();
        into.otherMemberId = b.getLong();
        int walletBytes = b.getInt();
        b.getInt();
        getText(b, eventIdBytes, into.eventId);
        getText(b, adminBytes, into.admin);
        getText(b, reasonBytes, into.reason);
        getText(b, walletBytes, into.wallet);
        into.ensureEntries(into.entryCount);
        for (int i = 0; i < into.entryCount; i++) {
            into.entryRule[i] = b.getInt();
            into.entryLine[i] = b.getInt();
            into.entryPoints[i] = b.getLong();
        }
        for (int i = 0; i < into.lineCount; i++) {
            into.lineQuantity[i] = b.getLong();
            into.linePoints[i] = b.getLong();
            into.lineAmountMinor[i] = b.getLong();
            into.lineQualifying[i] = b.getLong();
            into.lineBasketAmount[i] = b.getLong();
        }
    }

    /**
     * Whether the header at {@code at} in {@code b} (at least {@link Movement#HEADER_SIZE} bytes)
     * is a movement's, stored at {@code offset} in a log of which {@code readable} bytes can be
     * read: every count in range and the size exactly what they add up to. A position inside a
     * movement passes this by accident only in contrived cases.
     */
    static boolean isHeader(ByteBuffer b, int at, long offset, long readable) {
        int size = b.getInt(at);
        int kind = b.getInt(at + 4);
        long memberId = b.getLong(at + 8);
        long previous = b.getLong(at + 16);
        int entries = b.getInt(at + 92);
        int lines = b.getInt(at + 96);
        int idBytes = b.getInt(at + 100);
        int adminBytes = b.getInt(at + 104);
        int reasonBytes = b.getInt(at + 108);
        int walletBytes = b.getInt(at + 120);
        if (size < Movement.HEADER_SIZE || size % 8 != 0 || offset + size > readable || kind < 0 || kind >= KINDS
                || memberId < 0 || previous < 0 || previous > offset || entries < 0 || lines < 0
                || lines > Movement.MAX_LINES || idBytes < 0 || idBytes > MAX_EVENT_ID_BYTES
                || adminBytes < 0 || adminBytes > MAX_TEXT_BYTES || reasonBytes < 0 || reasonBytes > MAX_TEXT_BYTES
                || walletBytes < 0 || walletBytes > MAX_TEXT_BYTES || b.getInt(at + 124) != 0) {
            return false;
        }
        long expected = Movement.HEADER_SIZE + ((idBytes + 7L) & ~7L) + ((adminBytes + 7L) & ~7L)
                + ((reasonBytes + 7L) & ~7L) + ((walletBytes + 7L) & ~7L) + (long) entries * Movement.ENTRY_SIZE
                + (long) lines * Movement.LINE_SIZE;
        return expected == size;
    }

    /**
     * Writes {@code text} at {@code at} in UTF-8 (each char on its own, as {@link Movement#utf8Length}
     * counts), padded with zeros to 8 bytes, and its length in bytes (unpadded) at {@code lengthAt};
     * returns the address after the padding.
     */
    private static long putText(long lengthAt, long at, CharSequence text) {
        long start = at;
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
        MEMORY.writeInt(lengthAt, (int) (at - start));
        while (((at - start) & 7) != 0) {
            MEMORY.writeByte(at++, (byte) 0);
        }
        return at;
    }

    private static void getText(ByteBuffer b, int bytes, StringBuilder into) {
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
        b.position(end + (8 - bytes % 8) % 8);
    }
}
