package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.accrue.engine.state.OffHeapAppliedEventStoreTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file an off-heap table is saved to: occupied slots only, in runs (format 3); format 2 still loads. */
class TableFileTest {
    private static final int HEADER = 64;
    private static final int SLOT = 64;
    private static final int RUN_HEADER = 16;

    @TempDir
    Path dir;

    @Test
    void aSavedTableHoldsItsOccupiedSlotsOnlyAndCollidingIdsInOneRun() throws IOException {
        Path file = dir.resolve("events");
        // Every id on home slot 9: ten ids make one run of ten slots, the other 4,086 slots are not written.
        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 100, id -> 9)) {
            for (int i = 0; i < 10; i++) {
                table.remember("event-" + i, event(i));
            }
        }

        assertEquals(HEADER + RUN_HEADER + 10 * SLOT + RUN_HEADER, Files.size(file));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3, bytes.getLong(8), "format");
        assertEquals(9, bytes.getLong(HEADER), "the run's first slot");
        assertEquals(10, bytes.getLong(HEADER + 8), "the run's length");
        assertEquals(-1, bytes.getLong(HEADER + RUN_HEADER + 10 * SLOT), "the end mark");
    }

    @Test
    void runsLongerThanTheBufferAndRunsAcrossItsEdgeComeBackWhole() {
        Path file = dir.resolve("events");
        // Half of 40,000 ids on one home: a run of 20,000 slots, longer than the 16,384-slot buffer
        // it is written through, beside the short runs of the others.
        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 60_000,
                id -> (id.hashCode() & 1) == 0 ? 70_000 : id.hashCode() & 0xFFFFF)) {
            for (int i = 0; i < 40_000; i++) {
                table.remember("receipt-" + i, event(i));
            }
        }
        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 60_000,
                id -> (id.hashCode() & 1) == 0 ? 70_000 : id.hashCode() & 0xFFFFF)) {
            assertEquals(40_000, table.count());
            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 40_000; i++) {
                assertTrue(table.find("receipt-" + i, found), "receipt-" + i);
                assertEquals(i, found.memberId);
            }
        }
    }

    @Test
    void aFileCutShortAnywhereIsRefusedRatherThanLoadedInPart() throws IOException {
        Path file = dir.resolve("events");
        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 100)) {
            for (int i = 0; i < 20; i++) {
                table.remember("event-" + i, event(i));
            }
        }
        byte[] whole = Files.readAllBytes(file);
        for (int cut = HEADER; cut < whole.length; cut += 8) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> OffHeapAppliedEventStore.open(file.toFile(), 100), "cut at " + cut);
            assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        }
    }

    @Test
    void bytesAfterTheEndMarkAreRefused() throws IOException {
        Path file = dir.resolve("events");
        OffHeapAppliedEventStore.open(file.toFile(), 100).close();
        Files.write(file, new byte[8], StandardOpenOption.APPEND);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OffHeapAppliedEventStore.open(file.toFile(), 100));
        assertTrue(refused.getMessage().contains("after its last run"), refused.getMessage());
    }

    @Test
    void aRunPastTheLastSlotIsRefused() throws IOException {
        Path file = dir.resolve("events");
        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 100, id -> 9)) {
            table.remember("event-1", event(1));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 4_096), HEADER);
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OffHeapAppliedEventStore.open(file.toFile(), 100, id -> 9));
        assertTrue(refused.getMessage().contains("damaged"), refused.getMessage());
    }

    @Test
    void aTableSavedWithEverySlotByAnEarlierVersionLoadsAndIsSavedInRuns() throws IOException {
        Path file = dir.resolve("events");
        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 100)) {
            for (int i = 0; i < 20; i++) {
                table.remember("event-" + i, event(i));
            }
        }
        rewriteWithEverySlot(file);
        assertEquals(HEADER + 4_096L * SLOT, Files.size(file));

        try (AppliedEventStore table = OffHeapAppliedEventStore.open(file.toFile(), 100)) {
            assertEquals(20, table.count());
            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 20; i++) {
                assertTrue(table.find("event-" + i, found), "event-" + i);
                assertEquals(i, found.memberId);
            }
        }
        assertTrue(Files.size(file) < HEADER + 20 * (RUN_HEADER + SLOT) + RUN_HEADER, "saved again in runs");
    }

    /** Format 2, as the engine wrote it before: the header, then every slot one after the other. */
    private static void rewriteWithEverySlot(Path file) throws IOException {
        ByteBuffer runs = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long slots = runs.getLong(16);
        ByteBuffer everySlot = ByteBuffer.allocate((int) (HEADER + slots * SLOT)).order(ByteOrder.LITTLE_ENDIAN);
        everySlot.put(0, runs, 0, HEADER).putLong(8, 2);
        for (int at = HEADER; ; ) {
            long first = runs.getLong(at);
            long length = runs.getLong(at + 8);
            if (length == 0) {
                break;
            }
            everySlot.put((int) (HEADER + first * SLOT), runs, at + RUN_HEADER, (int) (length * SLOT));
            at += RUN_HEADER + (int) (length * SLOT);
        }
        Files.write(file, everySlot.array());
    }
}
