package dev.accrue.engine.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiptLogTest {
    @TempDir
    Path directory;
    private final ByteBuffer read = ByteBuffer.allocate(1024);

    private File file() {
        return directory.resolve("ledger/receipts.log").toFile();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private String readAt(ReceiptLog log, long offset) {
        assertTrue(log.read(offset, read), "a record at " + offset);
        return StandardCharsets.UTF_8.decode(read).toString();
    }

    @Test
    void eachRecordReadsBackFromTheOffsetItWasAppendedAt() {
        try (ReceiptLog log = ReceiptLog.open(file(), 0)) {
            long first = log.append(bytes("first"));
            long second = log.append(bytes("the second one"));

            assertEquals(0, first);
            assertEquals(4 + 5, second, "after the first record's length and bytes");
            assertEquals("the second one", readAt(log, second));
            assertEquals("first", readAt(log, first));
        }
    }

    @Test
    void recordsSurviveAReopenAtTheLengthTheStateHasSeen() {
        long second;
        long length;
        try (ReceiptLog log = ReceiptLog.open(file(), 0)) {
            log.append(bytes("first"));
            second = log.append(bytes("second"));
            length = log.length();
        }
        try (ReceiptLog log = ReceiptLog.open(file(), length)) {
            assertEquals("second", readAt(log, second));
        }
    }

    @Test
    void aRecordTheStateHasNotSeenIsCutOffAndWrittenAgainByTheReplay() {
        long kept;
        try (ReceiptLog log = ReceiptLog.open(file(), 0)) {
            log.append(bytes("kept"));
            kept = log.length();
            log.append(bytes("applied after the checkpoint"));
        }
        try (ReceiptLog log = ReceiptLog.open(file(), kept)) {
            assertFalse(log.read(kept, read), "cut back to what the checkpoint saw");
            assertEquals(kept, log.append(bytes("replayed")));
            assertEquals("replayed", readAt(log, kept));
        }
    }

    @Test
    void anOffsetWithNoWholeRecordReadsNothing() {
        try (ReceiptLog log = ReceiptLog.open(file(), 0)) {
            log.append(bytes("first"));
            assertFalse(log.read(-1, read));
            assertFalse(log.read(log.length(), read), "the end");
            assertFalse(log.read(2, read), "inside a record: its bytes as a length overrun the log");
            assertFalse(log.read(0, ByteBuffer.allocate(3)), "longer than the buffer");
        }
    }

    @Test
    void aLogShorterThanTheStateHasSeenIsRefused() {
        try (ReceiptLog log = ReceiptLog.open(file(), 0)) {
            log.append(bytes("first"));
        }
        assertThrows(IllegalStateException.class, () -> ReceiptLog.open(file(), 1_000));
    }
}
