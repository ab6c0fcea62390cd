package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineStateTest {
    @TempDir
    Path dir;

    @Test
    void aStateWithAMovementLogOfTheFirstFormatIsRefusedAndLeftAsItWas() throws IOException {
        Path old = dir.resolve("ledger/movements.log");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[256]);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EngineState.open(dir.toFile(), 1_000, 10_000));

        assertTrue(refused.getMessage().contains("movement log of an earlier format"), refused.getMessage());
        assertEquals(256, Files.size(old));
        assertFalse(Files.exists(dir.resolve(EngineState.MOVEMENT_LOG)), "nothing created beside it");
    }

    @Test
    void movementsAppendedBeforeAReopenReadBackAfterIt() {
        long offset;
        try (EngineState state = EngineState.open(dir.toFile(), 1_000, 10_000)) {
            Movement m = new Movement().clear(Movement.Kind.ADJUSTED);
            m.memberId = 7;
            m.points = -250;
            m.reason.append("goodwill – délai");
            offset = state.movements().append(m);
            state.counters().movementLogLength(state.movements().length());
        }
        try (EngineState state = EngineState.open(dir.toFile(), 1_000, 10_000)) {
            Movement read = new Movement();
            assertEquals(state.movements().length(), state.movements().read(offset, read));
            assertEquals(Movement.Kind.ADJUSTED, read.kind);
            assertEquals(-250, read.points);
            assertEquals("goodwill – délai", read.reason.toString());
        }
    }
}
