package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The movement log read from other threads while the business thread appends. */
class MovementReaderTest {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    @Test
    void aReaderSeesNothingBeforeTheWriterHasWrittenIt() {
        try (MovementLog log = MovementLog.open(file(), 0); MovementReader reader = log.reader()) {
            log.append(movement(1));

            assertEquals(MovementReader.NOT_YET, reader.read(0, new Movement()), "still in the business thread's buffer");
            assertEquals(0, reader.readable());
        }
    }

    @Test
    void writeBehindPublishesTheAppendedMovementsToReaders() {
        try (MovementLog log = MovementLog.open(file(), 0); MovementReader reader = log.reader()) {
            List<Long> offsets = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                offsets.add(log.append(movement(i)));
            }

            log.writeBehind();
            awaitReadable(log, log.length());

            Movement read = new Movement();
            long at = 0;
            for (int i = 1; i <= 3; i++) {
                assertEquals(offsets.get(i - 1), at);
                at = reader.read(at, read);
                assertMovement(read, i);
            }
            assertEquals(log.length(), at);
            assertEquals(MovementReader.NOT_YET, reader.read(at, read), "nothing after the last");
        }
    }

    @Test
    void whatIsPublishedWhileTheWriterIsBusyIsWrittenWithoutAnotherCall() {
        try (MovementLog log = MovementLog.open(file(), 0)) {
            for (int i = 1; i <= 500; i++) {
                log.append(movement(i));
                log.writeBehind();
                log.append(movement(i));
                log.writeBehind(); // most likely while the writer still writes the first: no later batch comes

                awaitReadable(log, log.length());
            }
        }
    }

    @Test
    void aReaderOnItsOwnThreadReadsEveryMovementInOrderWhileTheLogGrows() throws Exception {
        int count = 60_000; // about 18 MiB: buffers handed over full, and half full when idle
        try (MovementLog log = MovementLog.open(file(), 0)) {
            CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> readAll(log, count));
            for (int i = 1; i <= count; i++) {
                log.append(movement(i));
                if (i % 1_000 == 0) {
                    log.writeBehind(); // the business thread going idle between batches
                }
            }
            log.flush();

            assertEquals(count, reading.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void onlyMovementStartsAndTheEndAreBoundaries() {
        try (MovementLog log = MovementLog.open(file(), 0); MovementReader reader = log.reader()) {
            long first = log.append(movement(1));
            long second = log.append(movement(2));
            log.flush();
            long end = log.length();

            assertTrue(reader.isBoundary(first));
            assertTrue(reader.isBoundary(second));
            assertTrue(reader.isBoundary(end), "where the next movement will start");
            for (long inside = first + 8; inside < second; inside += 8) {
                assertFalse(reader.isBoundary(inside), "inside the first movement at " + inside);
            }
            assertFalse(reader.isBoundary(second + 4), "not even aligned");
            assertFalse(reader.isBoundary(end + 8), "past the end");
            assertFalse(reader.isBoundary(-8));
        }
    }

    @Test
    void aReaderOfAReopenedLogReadsWhatWasWrittenBefore() {
        File file = file();
        try (MovementLog log = MovementLog.open(file, 0)) {
            log.append(movement(1));
            log.append(movement(2));
        }
        try (MovementLog log = MovementLog.open(file, file.length());
             MovementReader reader = log.reader()) {
            Movement read = new Movement();
            long next = reader.read(0, read);
            assertMovement(read, 1);
            reader.read(next, read);
            assertMovement(read, 2);
        }
    }

    /** Follows the log from its start as a subscriber does, parking while it waits for more. */
    private static int readAll(MovementLog log, int count) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try (MovementReader reader = log.reader()) {
            Movement read = new Movement();
            long at = 0;
            int seen = 0;
            while (seen < count) {
                long next = reader.read(at, read);
                if (next == MovementReader.NOT_YET) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("read " + seen + " of " + count);
                    }
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                seen++;
                assertMovement(read, seen);
                at = next;
            }
            return seen;
        }
    }

    private static void awaitReadable(MovementLog log, long length) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (log.readableLength() < length) {
            assertTrue(System.nanoTime() < deadline, "the writer never wrote " + length + " bytes");
            LockSupport.parkNanos(100_000);
        }
    }

    private File file() {
        return dir.resolve("ledger/movements.log").toFile();
    }

    private static void assertMovement(Movement read, int i) {
        assertEquals(Movement.Kind.EARNED, read.kind);
        assertEquals(i, read.memberId);
        assertEquals(i * 10L, read.points);
        assertEquals("receipt-" + i + "-ü€", read.eventId.toString());
        assertEquals(i % 7, read.entryCount);
        assertEquals(i % 3, read.lineCount);
    }

    private static Movement movement(int i) {
        Movement m = new Movement().clear(Movement.Kind.EARNED);
        m.memberId = i;
        m.points = i * 10L;
        m.sequence = i;
        m.eventId.append("receipt-").append(i).append("-ü€");
        m.entryCount = i % 7;
        for (int e = 0; e < m.entryCount; e++) {
            m.entryRule[e] = e;
            m.entryLine[e] = -1;
            m.entryPoints[e] = e;
        }
        m.lineCount = i % 3;
        for (int l = 0; l < m.lineCount; l++) {
            m.lineQuantity[l] = l + 1;
            m.linePoints[l] = l;
        }
        return m;
    }
}
