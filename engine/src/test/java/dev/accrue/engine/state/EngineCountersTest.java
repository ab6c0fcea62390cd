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
    void everyCounterReadsBackWhatWasRecorded() {
        try (EngineCounters counters = EngineCounters.open(file())) {
            counters.lastSequence(3);
            counters.memberCount(2);
            counters.clockMillis(1_790_000_000_000L);
            counters.sweepCursor(17);
            assertEquals(3, counters.lastSequence());
            assertEquals(2, counters.memberCount());
            assertEquals(1_790_000_000_000L, counters.clockMillis());
            assertEquals(17, counters.sweepCursor());
        }
    }

    @Test
    void aFileFromBeforeTheReceiptLogOpensWithItsCountersAndAnEmptyLog() throws Exception {
        try (EngineCounters counters = EngineCounters.open(file())) {
            counters.lastSequence(77);
            counters.auditLogLength(120);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file().toPath(),
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(88); // the format-8 file before receiptLogLength was added
        }

        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(77, counters.lastSequence());
            assertEquals(120, counters.auditLogLength());
            assertEquals(0, counters.receiptLogLength());
            counters.receiptLogLength(64);
        }
        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(64, counters.receiptLogLength());
        }
    }

    @Test
    void everyCounterPersistsAcrossReopen() {
        try (EngineCounters counters = EngineCounters.open(file())) {
            counters.lastSequence(1_000);
            counters.memberCount(321);
            counters.clockMillis(42);
            counters.sweepCursor(7);
        }

        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(1_000, counters.lastSequence());
            assertEquals(321, counters.memberCount());
            assertEquals(42, counters.clockMillis());
            assertEquals(7, counters.sweepCursor());
        }
    }

    @Test
    void anEmptyFileIsTreatedAsNew() throws Exception {
        Files.createFile(file().toPath());

        try (EngineCounters counters = EngineCounters.open(file())) {
            assertEquals(0, counters.lastSequence());
            counters.lastSequence(1);
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
            counters.lastSequence(1);
        }
        byte[] bytes = Files.readAllBytes(file().toPath());
        bytes[0] = 1; // the format number is the low byte of the little-endian magic: format 1
        Files.write(file().toPath(), bytes);

        assertThrows(IllegalStateException.class, () -> EngineCounters.open(file()));
    }
}
