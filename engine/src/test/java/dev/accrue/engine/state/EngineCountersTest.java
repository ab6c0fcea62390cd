package dev.accrue.engine.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCountersTest {
    @TempDir
    Path directory;

    private File file() {
        return directory.resolve("counters.bin").toFile();
    }

    @Test
    void aNewFileStartsAtZero() {
        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(0, counters.lastSequence());
            assertEquals(0, counters.memberCount());
        }
    }

    @Test
    void sequencesIncreaseByOne() {
        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(1, counters.nextSequence());
            assertEquals(2, counters.nextSequence());
            assertEquals(3, counters.nextSequence());
            assertEquals(3, counters.lastSequence());
        }
    }

    @Test
    void sequenceAndMemberCountPersistAcrossReopen() {
        try (EngineCounters counters = EngineCounters.open(file())) {
            for (int i = 0; i < 1_000; i++) {
                counters.nextSequence();
            }
            counters.memberCount(321);
        }

        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(1_000, counters.lastSequence());
            assertEquals(321, counters.memberCount());
            assertEquals(1_001, counters.nextSequence());
        }
        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(1_001, counters.lastSequence());
        }
    }

    @Test
    void anEmptyFileIsTreatedAsNew() throws Exception {
        Files.createFile(file().toPath());

        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(0, counters.lastSequence());
            assertEquals(1, counters.nextSequence());
        }
        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(1, counters.lastSequence(), "the magic was written, so the file opens again");
        }
    }

    @Test
    void aFileWithAWrongMagicIsRefusedAndLeftAsItWas() throws Exception {
        byte[] foreign = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0x1122334455667788L).putLong(99).putLong(7).array();
        Files.write(file().toPath(), foreign);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EngineCounters.open(file()));

        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertArrayEquals(foreign, Files.readAllBytes(file().toPath()));
    }

    @Test
    void aCountersFileOfAnotherFormatVersionIsRefused() throws Exception {
        try (EngineCounters counters = EngineCounters.open(file())) {
            counters.nextSequence();
        }
        byte[] bytes = Files.readAllBytes(file().toPath());
        bytes[0] = 2; // the format number is the low byte of the little-endian magic
        Files.write(file().toPath(), bytes);

        assertThrows(IllegalStateException.class, () -> EngineCounters.open(file()));
    }
}
