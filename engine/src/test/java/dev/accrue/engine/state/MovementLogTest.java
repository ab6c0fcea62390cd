package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MovementLogTest {
    @TempDir
    Path dir;

    @Test
    void everyMovementReadsBackWhetherInTheFileInFlightOrBuffered() {
        File file = dir.resolve("ledger/movements.log").toFile();
        List<Long> offsets = new ArrayList<>();
        try (MovementLog log = MovementLog.open(file, 0)) {
            // About 12 MiB: several buffers handed to the writer, and one still filling.
            for (int i = 0; i < 40_000; i++) {
                offsets.add(log.append(movement(i)));
                if (i % 997 == 0) {
                    assertMovement(log, offsets.get(i / 2), i / 2);
                }
            }
            for (int i = 0; i < offsets.size(); i += 13) {
                assertMovement(log, offsets.get(i), i);
            }
        }
    }

    @Test
    void reopeningCutsTheLogBackToWhatTheStateHasSeen() {
        File file = dir.resolve("movements.log").toFile();
        long trusted;
        try (MovementLog log = MovementLog.open(file, 0)) {
            log.append(movement(0));
            trusted = log.length();
            log.append(movement(1));
        }
        try (MovementLog log = MovementLog.open(file, trusted)) {
            assertEquals(trusted, log.length());
            assertMovement(log, 0, 0);
            assertEquals(trusted, log.append(movement(2)), "the next movement takes the cut one's place");
        }
    }

    @Test
    void aLogShorterThanTheStateHasSeenIsRefused() {
        File file = dir.resolve("movements.log").toFile();
        MovementLog.open(file, 0).close();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MovementLog.open(file, 4_096));
        assertEquals(true, refused.getMessage().contains("cut short"), refused.getMessage());
    }

    private static void assertMovement(MovementLog log, long offset, int i) {
        Movement read = new Movement();
        log.read(offset, read);
        assertEquals(Movement.Kind.EARNED, read.kind);
        assertEquals(i, read.memberId);
        assertEquals(i * 10L, read.points);
        assertEquals("store-7/till-2/receipt-" + i + "-ü€", read.eventId.toString());
        assertEquals(i % 5 + 1, read.entryCount);
        assertEquals(-i, read.entryPoints[read.entryCount - 1]);
        assertEquals(3, read.lineCount);
        assertEquals(i + 2L, read.lineQuantity[2]);
    }

    private static Movement movement(int i) {
        Movement m = new Movement().clear(Movement.Kind.EARNED);
        m.memberId = i;
        m.points = i * 10L;
        m.sequence = i;
        m.eventId.append("store-7/till-2/receipt-").append(i).append("-ü€");
        m.entryCount = i % 5 + 1;
        for (int e = 0; e < m.entryCount; e++) {
            m.entryRule[e] = e;
            m.entryLine[e] = -1;
            m.entryPoints[e] = e == m.entryCount - 1 ? -i : e;
        }
        m.lineCount = 3;
        for (int l = 0; l < 3; l++) {
            m.lineQuantity[l] = i + l;
            m.linePoints[l] = l;
            m.lineAmountMinor[l] = 100L * l;
            m.lineQualifying[l] = l;
        }
        return m;
    }
}
