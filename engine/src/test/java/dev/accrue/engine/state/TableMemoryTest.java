package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.accrue.engine.state.OffHeapAppliedEventStoreTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TableMemoryTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void onLinuxATableLivesInAHugePageMappingThatStartsZeroedAndIsAdvisedHugePages() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assumeTrue(freeReservedHugePages() < 4, "the system's reserved pool would serve it");
        TableMemory memory = TableMemory.allocate(6 * MIB + 8, 1, "a test table");
        try {
            assertTrue(memory.mapped());
            assertFalse(memory.reserved());
            assertEquals("transparent huge pages", memory.kind());
            ByteBuffer[] chunks = memory.chunks();
            assertEquals(1, chunks.length);
            assertEquals(6 * MIB + 8, chunks[0].capacity());
            for (int at = 0; at < chunks[0].capacity(); at += 8) {
                if (chunks[0].getLong(at) != 0) {
                    throw new AssertionError("not zeroed at " + at);
                }
            }
            chunks[0].putLong((int) (6 * MIB), 42);
            assertEquals(42, chunks[0].getLong((int) (6 * MIB)));
            assertTrue(vmFlagsAt(address(chunks[0])).contains(" hg"), "advised huge pages (VmFlags hg)");
        } finally {
            memory.release();
        }
    }

    @Test
    void aTableTakesTheSystemsReservedHugePagesWhenItsPoolHasEnoughAndGivesThemBack() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        Path pool = Path.of("/proc/sys/vm/nr_hugepages");
        assumeTrue(Files.isWritable(pool), "reserving huge pages needs root");
        long pages = Long.parseLong(Files.readString(pool).trim());
        // The pool is the whole system's: resizing it under another user (a benchmark's engine,
        // a second build) would race them and break both, so only an unused pool is borrowed.
        assumeTrue(pages == 0 && freeReservedHugePages() == 0, "another user holds the system's huge page pool");
        long freeBefore = 0;
        try {
            Files.writeString(pool, String.valueOf(pages + 2));
            assertEquals(freeBefore + 2, freeReservedHugePages(), "the kernel reserved two more huge pages");

            TableMemory memory = TableMemory.allocate(3 * MIB + 8, 1, "a test table");
            try {
                assertTrue(memory.reserved());
                assertEquals("reserved huge pages", memory.kind());
                ByteBuffer chunk = memory.chunks()[0];
                assertEquals(3 * MIB + 8, chunk.capacity());
                for (int at = 0; at < chunk.capacity(); at += 8) {
                    if (chunk.getLong(at) != 0) {
                        throw new AssertionError("not zeroed at " + at);
                    }
                }
                chunk.putLong((int) (3 * MIB), 42);
                assertEquals(42, chunk.getLong((int) (3 * MIB)));
                assertTrue(vmFlagsAt(address(chunk)).contains(" ht"), "a hugetlb mapping (VmFlags ht)");
                assertEquals(freeBefore, freeReservedHugePages(), "both pages taken, faulted in when allocated");
            } finally {
                memory.release();
            }
            assertEquals(freeBefore + 2, freeReservedHugePages(), "both pages back in the pool");

            TableMemory beside = TableMemory.allocateBesideTables(MIB, "memory beside the tables");
            try {
                assertFalse(beside.reserved(), "the pool is the tables'");
                assertEquals(freeBefore + 2, freeReservedHugePages());
            } finally {
                beside.release();
            }

            Files.writeString(pool, String.valueOf(pages + 1));
            TableMemory tooBig = TableMemory.allocate(3 * MIB, 1, "a test table");
            try {
                assertFalse(tooBig.reserved(), "one page is not enough: no table is split between the two kinds");
                assertTrue(tooBig.mapped());
            } finally {
                tooBig.release();
            }
        } finally {
            Files.writeString(pool, String.valueOf(pages));
        }
    }

    @Test
    void aMappingIsFreedWhenTheLastOfTheTablesSharingItReleasesIt() {
        long before = TableMemory.mappedBytes();
        TableMemory memory = TableMemory.allocate(4 * MIB, 2, "two test tables");
        assumeTrue(memory.mapped());
        assertEquals(before + 4 * MIB, TableMemory.mappedBytes());

        memory.release();
        assertEquals(before + 4 * MIB, TableMemory.mappedBytes(), "the other table still uses it");
        memory.release();
        assertEquals(before, TableMemory.mappedBytes());
    }

    @Test
    void memoryBeyondTheDirectMemoryLimitIsRefusedNamingTheSettingToRaise() {
        long before = TableMemory.mappedBytes();
        long tooMuch = Runtime.getRuntime().maxMemory() + 64 * MIB; // the tests set no -XX:MaxDirectMemorySize

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TableMemory.allocate(tooMuch, 1, "a test table"));
        assertTrue(refused.getMessage().contains("a test table needs"), refused.getMessage());
        assertTrue(refused.getMessage().contains("-XX:MaxDirectMemorySize"), refused.getMessage());
        assertEquals(before, TableMemory.mappedBytes(), "nothing stays reserved");
    }

    @Test
    void closingBothTablesOfAPairFreesTheirMemoryAndTheirSnapshotsAndAReopenedPairFindsTheirEvents() throws Exception {
        long before = TableMemory.mappedBytes();
        OffHeapAppliedEventStore.Pair pair = OffHeapAppliedEventStore.openPair(dir.resolve("first").toFile(), 10_000,
                dir.resolve("second").toFile(), 10_000);
        assumeTrue(pair.first().mapped());
        pair.first().remember("event-1", event(7));
        pair.second().remember("event-1", event(8));
        pair.first().snapshot(1);
        long withSnapshot = TableMemory.mappedBytes();
        assertEquals(before + 2 * 32_768 * 128, withSnapshot, "the pair's blocks and one copy of them");

        pair.first().close();
        assertEquals(withSnapshot, TableMemory.mappedBytes(), "the second table still uses the memory");
        pair.second().close();
        assertEquals(before, TableMemory.mappedBytes());

        OffHeapAppliedEventStore.Pair reopened = OffHeapAppliedEventStore.openPair(dir.resolve("first").toFile(), 10_000,
                dir.resolve("second").toFile(), 10_000);
        try (AppliedEventStore first = reopened.first(); AppliedEventStore second = reopened.second()) {
            AppliedEvent found = new AppliedEvent();
            assertTrue(first.find("event-1", found));
            assertEquals(7, found.memberId);
            assertTrue(second.find("event-1", found));
            assertEquals(8, found.memberId);
        }
    }

    @Test
    void aTableUsedAfterItWasClosedFailsInsteadOfTouchingFreedMemory() {
        OffHeapAppliedEventStore table = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 1_000);
        table.close();

        assertThrows(NullPointerException.class, () -> table.find("event-1", new AppliedEvent()));
    }

    private static long freeReservedHugePages() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("HugePages_Free:")) {
                return Long.parseLong(line.substring("HugePages_Free:".length()).trim());
            }
        }
        return 0;
    }

    private static long address(ByteBuffer buffer) throws ReflectiveOperationException {
        java.lang.reflect.Method address = buffer.getClass().getMethod("address");
        address.setAccessible(true);
        return (long) address.invoke(buffer);
    }

    /** The VmFlags line of the mapping of this process that holds {@code address}. */
    private static String vmFlagsAt(long address) throws IOException {
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                inside = Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16);
            } else if (inside && line.startsWith("VmFlags:")) {
                return line;
            }
        }
        throw new AssertionError("no mapping holds " + Long.toHexString(address));
    }
}
