package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MovementCodecTest {
    private static final long[] EXTREMES = {0, 1, -1, 63, -64, 64, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 1_767_225_600_000L};

    @Test
    void everyFieldOfEveryKindReadsBackWhateverItsValue() {
        SplittableRandom random = new SplittableRandom(7);
        long offset = 0;
        ByteBuffer log = buffer(1 << 22);
        List<Movement> written = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Movement m = randomMovement(random, offset);
            int before = log.position();
            int room = MovementCodec.maxSize(m);
            long sentinel = 0x5EA1_5EA1_5EA1_5EA1L;
            log.putLong(before + room, sentinel);
            int size = MovementCodec.encode(m, offset, log);
            assertEquals(size, log.position() - before);
            assertEquals(0, size % 8, "every movement starts at a multiple of 8");
            assertTrue(size <= room, "within the room reserved for it");
            assertEquals(sentinel, log.getLong(before + room), "nothing written past the room reserved");
            written.add(m);
            offsets.add(offset);
            offset += size;
        }
        for (int i = 0; i < written.size(); i++) {
            Movement read = new Movement();
            ByteBuffer at = log.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (long) offsets.get(i));
            MovementCodec.decode(at, offsets.get(i), read);
            assertSame(written.get(i), read);
            long next = i + 1 < offsets.size() ? offsets.get(i + 1) : offset;
            assertEquals(next, at.position(), "decoding ends where the next movement starts");
        }
    }

    /** Short ASCII texts take a path of their own, which a text with any other char leaves for the UTF-8 one. */
    @Test
    void textsReadBackWhateverTheirLengthAndWhereverTheirFirstNonAsciiChar() {
        ByteBuffer log = buffer(1 << 22);
        long offset = 0;
        for (int length = 0; length <= 80; length++) {
            for (int other = -1; other < length; other++) {
                for (char c : new char[] {'\u0080', '\u07FF', '\u20AC'}) {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        text.append(i == other ? c : (char) (0x20 + (i * 7 + length) % 0x5F));
                    }
                    Movement m = new Movement().clear(Movement.Kind.EARNED);
                    m.memberId = length;
                    m.eventId.append(text);
                    m.reason.append(text).reverse();
                    int before = log.position();
                    int room = MovementCodec.maxSize(m);
                    long sentinel = 0x5EA1_5EA1_5EA1_5EA1L;
                    log.putLong(before + room, sentinel);
                    int size = MovementCodec.encode(m, offset, log);
                    assertEquals(sentinel, log.getLong(before + room), "nothing written past the room reserved");
                    Movement read = new Movement();
                    MovementCodec.decode(log.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(before), offset, read);
                    assertEquals(text.toString(), read.eventId.toString(), "length " + length + ", other char at " + other);
                    assertEquals(m.reason.toString(), read.reason.toString());
                    offset += size;
                    if (other < 0) {
                        break; // all ASCII: one text, whatever c
                    }
                }
            }
        }
    }

    @Test
    void aPurchaseOfThreeLinesAndEightRulesTakesUnderTwoHundredBytes() {
        Movement m = new Movement().clear(Movement.Kind.EARNED);
        m.memberId = 734_221;
        m.previous = 1_000_000_000L - 4_000_000;
        m.sequence = 52_000_000_000L;
        m.occurredAtMillis = 1_767_225_600_000L;
        m.points = 412;
        m.pendingPoints = 412;
        m.pendingUntilMillis = m.occurredAtMillis + 14 * 86_400_000L;
        m.expiresAtMillis = 1_830_297_599_999L;
        m.programVersion = 12;
        m.eventId.append("store-0001/till-01/receipt-1234567890");
        m.entryCount = 8;
        for (int e = 0; e < 8; e++) {
            m.entryRule[e] = 40 + e;
            m.entryLine[e] = e % 4 - 1;
            m.entryPoints[e] = 10 + 13L * e;
        }
        m.lineCount = 3;
        for (int l = 0; l < 3; l++) {
            m.lineQuantity[l] = l + 1;
            m.linePoints[l] = 120;
            m.lineAmountMinor[l] = 2_999;
            m.lineQualifying[l] = 2_999;
            m.lineBasketAmount[l] = 2_850;
        }
        ByteBuffer log = buffer(4096);
        int size = MovementCodec.encode(m, 1_000_000_000L, log);
        assertTrue(size <= 192, "stored in " + size + " bytes (fixed-width fields took 416)");
        Movement read = new Movement();
        MovementCodec.decode(log.position(0), 1_000_000_000L, read);
        assertSame(m, read);
    }

    @Test
    void onlyAMovementAtTheOffsetItWasWrittenForPassesTheCheck() {
        SplittableRandom random = new SplittableRandom(11);
        ByteBuffer log = buffer(1 << 20);
        List<Long> starts = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 300; i++) {
            starts.add(offset);
            offset += MovementCodec.encode(randomMovement(random, offset), offset, log);
        }
        int checked = 0;
        for (long at = 0; at < offset; at += 8) {
            int size = MovementCodec.size(log, (int) at);
            boolean start = starts.contains(at);
            assertEquals(start, MovementCodec.isMovement(log, (int) at, size, at), "at " + at);
            if (start) {
                assertFalse(MovementCodec.isMovement(log, (int) at, size, at + 8), "read as if stored 8 bytes on");
                assertFalse(MovementCodec.isMovement(log, (int) at, size + 8, at), "with a size too large");
                checked++;
            }
        }
        assertEquals(300, checked);
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Movement randomMovement(SplittableRandom random, long offset) {
        Movement m = new Movement().clear(Movement.Kind.of(random.nextInt(Movement.Kind.values().length)));
        m.memberId = value(random) & Long.MAX_VALUE; // never negative in a log
        m.previous = random.nextInt(4) == 0 || offset == 0 ? 0 : 1 + random.nextLong(offset + 1);
        m.sequence = value(random);
        m.occurredAtMillis = value(random);
        m.points = value(random);
        m.pendingPoints = value(random);
        m.pendingUntilMillis = value(random);
        m.expiresAtMillis = value(random);
        m.related = value(random);
        m.relatedPrevious = value(random);
        m.programVersion = (int) value(random);
        m.otherMemberId = value(random);
        text(random, m.eventId, random.nextInt(Movement.MAX_EVENT_ID_CHARS + 1));
        text(random, m.admin, random.nextInt(3) == 0 ? random.nextInt(64) : 0);
        text(random, m.reason, random.nextInt(3) == 0 ? random.nextInt(256) : 0);
        text(random, m.wallet, random.nextInt(5) == 0 ? random.nextInt(64) : 0);
        m.entryCount = random.nextInt(12);
        for (int e = 0; e < m.entryCount; e++) {
            m.entryRule[e] = (int) value(random);
            m.entryLine[e] = random.nextInt(-1, 5);
            m.entryPoints[e] = value(random);
        }
        m.lineCount = random.nextInt(6);
        for (int l = 0; l < m.lineCount; l++) {
            m.lineQuantity[l] = value(random);
            m.linePoints[l] = value(random);
            m.lineAmountMinor[l] = value(random);
            m.lineQualifying[l] = value(random);
            m.lineBasketAmount[l] = value(random);
        }
        return m;
    }

    /** Extremes half the time, else anything from a byte's worth to a long's. */
    private static long value(SplittableRandom random) {
        return random.nextBoolean() ? EXTREMES[random.nextInt(EXTREMES.length)]
                : random.nextLong() >> random.nextInt(64);
    }

    /** Characters of one, two and three UTF-8 bytes. */
    private static void text(SplittableRandom random, StringBuilder into, int chars) {
        for (int i = 0; i < chars; i++) {
            int kind = random.nextInt(4);
            into.append(kind == 0 ? (char) random.nextInt(0x80, 0x800)
                    : kind == 1 ? (char) random.nextInt(0x800, 0xD800) : (char) random.nextInt(0x20, 0x7F));
        }
    }

    private static void assertSame(Movement expected, Movement read) {
        assertEquals(expected.kind, read.kind);
        assertEquals(expected.memberId, read.memberId);
        assertEquals(expected.previous, read.previous);
        assertEquals(expected.sequence, read.sequence);
        assertEquals(expected.occurredAtMillis, read.occurredAtMillis);
        assertEquals(expected.points, read.points);
        assertEquals(expected.pendingPoints, read.pendingPoints);
        assertEquals(expected.pendingUntilMillis, read.pendingUntilMillis);
        assertEquals(expected.expiresAtMillis, read.expiresAtMillis);
        assertEquals(expected.related, read.related);
        assertEquals(expected.relatedPrevious, read.relatedPrevious);
        assertEquals(expected.programVersion, read.programVersion);
        assertEquals(expected.otherMemberId, read.otherMemberId);
        assertEquals(expected.eventId.toString(), read.eventId.toString());
        assertEquals(expected.admin.toString(), read.admin.toString());
        assertEquals(expected.reason.toString(), read.reason.toString());
        assertEquals(expected.wallet.toString(), read.wallet.toString());
        assertEquals(expected.entryCount, read.entryCount);
        for (int e = 0; e < expected.entryCount; e++) {
            assertEquals(expected.entryRule[e], read.entryRule[e]);
            assertEquals(expected.entryLine[e], read.entryLine[e]);
            assertEquals(expected.entryPoints[e], read.entryPoints[e]);
        }
        assertEquals(expected.lineCount, read.lineCount);
        for (int l = 0; l < expected.lineCount; l++) {
            assertEquals(expected.lineQuantity[l], read.lineQuantity[l]);
            assertEquals(expected.linePoints[l], read.linePoints[l]);
            assertEquals(expected.lineAmountMinor[l], read.lineAmountMinor[l]);
            assertEquals(expected.lineQualifying[l], read.lineQualifying[l]);
            assertEquals(expected.lineBasketAmount[l], read.lineBasketAmount[l]);
        }
    }
}
