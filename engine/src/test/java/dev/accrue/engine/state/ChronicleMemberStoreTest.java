package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.rules.PointLots;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ChronicleMemberStoreTest {
    private static final long CAPACITY = 10_000;

    @TempDir
    Path directory;

    @BeforeAll
    static void chronicleSettings() {
        ChronicleSettings.apply();
    }

    private File file() {
        return directory.resolve("members.cm3").toFile();
    }

    private static MemberRecord record(long seed) {
        MemberRecord r = new MemberRecord();
        r.available = seed * 11 + 1;
        r.pending = seed * 13 + 2;
        r.lifetimeEarned = seed * 17 + 3;
        r.lifetimeRedeemed = seed * 19 + 4;
        r.lastSequence = seed * 23 + 5;
        r.enrolledAtMillis = 1_700_000_000_000L + seed;
        r.lastActivityMillis = 1_800_000_000_000L + seed;
        r.tier = (int) (seed % 5) + 1;
        r.status = (int) (seed % 3) + 7;
        return r;
    }

    private static void assertRecord(MemberRecord expected, MemberRecord actual, String what) {
        assertEquals(expected.available, actual.available, what + " available");
        assertEquals(expected.pending, actual.pending, what + " pending");
        assertEquals(expected.lifetimeEarned, actual.lifetimeEarned, what + " lifetimeEarned");
        assertEquals(expected.lifetimeRedeemed, actual.lifetimeRedeemed, what + " lifetimeRedeemed");
        assertEquals(expected.lastSequence, actual.lastSequence, what + " lastSequence");
        assertEquals(expected.enrolledAtMillis, actual.enrolledAtMillis, what + " enrolledAtMillis");
        assertEquals(expected.lastActivityMillis, actual.lastActivityMillis, what + " lastActivityMillis");
        assertEquals(expected.tier, actual.tier, what + " tier");
        assertEquals(expected.status, actual.status, what + " status");
    }

    @Test
    void aMapWrittenWithEntryChecksumsOpensAndKeepsItsMembers() throws Exception {
        // Member maps created before checksums were turned off keep them (the file says so).
        MemberRecord written = record(7);
        try (ChronicleMap<LongCell, MemberRecord> old = ChronicleMap.of(LongCell.class, MemberRecord.class)
                .name("accrue-members").entries(CAPACITY)
                .keyMarshaller(LongCellMarshaller.INSTANCE).valueMarshaller(MemberRecordMarshaller.INSTANCE)
                .constantKeySizeBySample(new LongCell()).averageValueSize(MemberRecord.TYPICAL_SIZE).maxBloatFactor(4)
                .checksumEntries(true)
                .createPersistedTo(file())) {
            old.put(new LongCell().set(7), written);
        }

        MemberRecord read = new MemberRecord();
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            assertTrue(store.read(7, read));
            assertRecord(written, read, "after reopening");
            store.write(8, record(8));
        }
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            assertTrue(store.read(8, read));
            assertRecord(record(8), read, "written after reopening");
        }
    }

    @Test
    void preparingWritesFromAnotherThreadMakesThePagesOfEntriesAReadPlacedDirtyAndChangesNothing() throws Exception {
        assertPreparingWritesDirtiesTheMembersPages(true);
    }

    @Test
    void preparingWritesFromAnotherThreadFindsEntriesNoReadPlacedAndMakesTheirPagesDirty() throws Exception {
        assumeTrue(populatesPages(), "needs madvise(MADV_POPULATE_WRITE), Linux 5.14");
        assertPreparingWritesDirtiesTheMembersPages(false);
    }

    /**
     * Members written, the file forced (clean pages, as after a restart), reopened, read first if
     * {@code placed} (the store then knows where their entries lie); then another thread prepares
     * every tenth member's write.
     */
    private void assertPreparingWritesDirtiesTheMembersPages(boolean placed) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "needs /proc/self/smaps");
        long capacity = 200_000; // entries spread over a file of many pages
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), capacity)) {
            for (long id = 1; id <= 2_000; id++) {
                store.write(id, record(id));
            }
        }
        try (FileChannel channel = FileChannel.open(file().toPath(), StandardOpenOption.WRITE)) {
            channel.force(true); // written back: the pages are clean, as after a restart
        }
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), capacity)) {
            MemberRecord read = new MemberRecord();
            if (placed) {
                for (long id = 1; id <= 2_000; id++) {
                    // Mapped now, for reading; a read takes its segment's lock, which dirties the segment's header.
                    assertTrue(store.read(id, read));
                }
            }
            long dirtyBefore = dirtyKib(file());

            Thread other = new Thread(() -> {
                for (long id = 1; id <= 2_000; id += 10) {
                    store.prepareWrite(id);
                }
                store.prepareWrite(999_999); // absent: nothing to do
            });
            other.start();
            other.join();

            long dirtyAfter = dirtyKib(file());
            // 200 entries in a file of 35k pages, some sharing a page, some on pages dirty already.
            assertTrue(dirtyAfter >= dirtyBefore + 40 * 4, "the entries' pages are dirty now: "
                    + dirtyBefore + " KiB before, " + dirtyAfter + " after");
            for (long id = 1; id <= 2_000; id++) {
                assertTrue(store.read(id, read));
                assertRecord(record(id), read, "member " + id);
            }
            assertFalse(store.read(999_999, read));
            assertEquals(2_000, store.count());
        }
    }

    @Test
    void preparingWritesFromAnotherThreadWhileTheWriterMovesEntriesChangesNoRecord() throws Exception {
        // The journal's thread readies members' entries while the business thread reads them, writes
        // them in place, and writes them larger or smaller, which moves them.
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        int members = 40;
        MemberRecord[] model = new MemberRecord[members + 1];
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            for (int id = 1; id <= members; id++) {
                model[id] = withLots(record(id), random.nextInt(4));
                store.write(id, model[id]);
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong prepared = new AtomicLong();
            Thread readier = new Thread(() -> {
                SplittableRandom ids = new SplittableRandom(seed + 1);
                long count = 0;
                while (!done.get()) {
                    store.prepareWrite(1 + ids.nextInt(members));
                    count++;
                }
                prepared.set(count);
            });
            readier.start();
            MemberRecord r = new MemberRecord();
            try {
                for (long step = 0; step < 50_000; step++) {
                    int id = 1 + random.nextInt(members);
                    assertTrue(store.read(id, r));
                    assertRecordAndLots(model[id], r, "seed " + seed + " step " + step + " member " + id);
                    r.available += step;
                    r.lastSequence = step;
                    int change = random.nextInt(8);
                    int lots = change == 0 && r.lotCount < 60 ? r.lotCount + 1 : change == 1 && r.lotCount > 0 ? r.lotCount - 1 : r.lotCount;
                    r.lotCount = lots;
                    for (int k = 0; k < lots; k++) {
                        r.lotPoints[k] = step * 31 + k;
                        r.lotExpiresAt[k] = step + k;
                        r.lotPendingUntil[k] = k;
                    }
                    store.write(id, r);
                    model[id] = copy(r);
                }
            } finally {
                done.set(true);
                readier.join();
            }
            assertTrue(prepared.get() > 1_000, "the other thread prepared writes all along: " + prepared.get());
            assertTrue(store.writesInPlace() > 10_000, "most writes in place: " + store.writesInPlace());
            for (int id = 1; id <= members; id++) {
                assertTrue(store.read(id, r));
                assertRecordAndLots(model[id], r, "at the end, member " + id);
            }
        }
    }

    /** Dirty KiB of this process's mappings of {@code file}, from /proc/self/smaps. */
    private static long dirtyKib(File file) throws IOException {
        return smapsKib(file, "Shared_Dirty:") + smapsKib(file, "Private_Dirty:");
    }

    /** The KiB of {@code field} over this process's mappings of {@code file}, from /proc/self/smaps. */
    private static long smapsKib(File file, String field) throws IOException {
        String path = file.getCanonicalPath();
        long kib = 0;
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inside = line.endsWith(" " + path);
            } else if (inside && line.startsWith(field)) {
                kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kib;
    }

    /** Linux 5.14 or later, where {@code madvise} populates pages. */
    private static boolean populatesPages() {
        String[] version = System.getProperty("os.version").split("[.-]");
        return System.getProperty("os.name").toLowerCase().contains("linux") && version.length >= 2
                && (Integer.parseInt(version[0]) > 5 || Integer.parseInt(version[0]) == 5 && Integer.parseInt(version[1]) >= 14);
    }

    @Test
    void readyingTheLookupsMapsEverySegmentsLookupAndChangesNoMember() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps")), "needs /proc/self/smaps");
        assumeTrue(populatesPages(), "needs MADV_POPULATE_READ (Linux 5.14)");
        long capacity = 200_000; // many segments, each with a lookup of its own
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), capacity)) {
            for (long id = 1; id <= 2_000; id++) {
                store.write(id, record(id));
            }
        }
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), capacity)) {
            long residentBefore = smapsKib(file(), "Rss:");
            long readied = store.readyLookups();
            long residentAfter = smapsKib(file(), "Rss:");

            assertTrue(readied >= 64 * 4096, "every segment's lookup, at least a page each: " + readied + " bytes");
            // Mapped into this process now (not only read into the page cache): a lookup will not fault.
            assertTrue(residentAfter - residentBefore >= readied / 1024 * 9 / 10, "mapped "
                    + (residentAfter - residentBefore) + " KiB of " + readied / 1024 + " KiB readied");
            MemberRecord read = new MemberRecord();
            for (long id = 1; id <= 2_000; id++) {
                assertTrue(store.read(id, read));
                assertRecord(record(id), read, "member " + id);
            }
            assertEquals(2_000, store.count());
        }
    }

    @Test
    void readyingTheLookupsCoversTheTiersASegmentChainsWhenItOverflows() {
        long capacity = 2_000;
        long firstTiersOnly;
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), capacity)) {
            assumeTrue(populatesPages(), "needs MADV_POPULATE_READ (Linux 5.14)");
            firstTiersOnly = store.readyLookups();
            for (long id = 1; id <= 3 * capacity; id++) { // beyond the capacity: segments chain more tiers
                store.write(id, record(id));
            }
            assertTrue(store.readyLookups() > firstTiersOnly, "the chained tiers' lookups are readied too");
            MemberRecord read = new MemberRecord();
            for (long id = 1; id <= 3 * capacity; id++) {
                assertTrue(store.read(id, read));
                assertRecord(record(id), read, "member " + id);
            }
        }
    }

    @Test
    void everyFieldOfARecordSurvivesAWriteAndRead() {
        MemberRecord written = record(42);
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(42, written);

            MemberRecord read = new MemberRecord();
            assertTrue(store.read(42, read));
            assertRecord(written, read, "member 42");
        }
    }

    @Test
    void extremeValuesSurviveAWriteAndRead() {
        MemberRecord written = new MemberRecord();
        written.available = Long.MAX_VALUE;
        written.pending = Long.MIN_VALUE;
        written.lifetimeEarned = -1;
        written.lifetimeRedeemed = 0x0102030405060708L;
        written.lastSequence = Long.MAX_VALUE - 1;
        written.enrolledAtMillis = Long.MIN_VALUE + 1;
        written.lastActivityMillis = 0x8000_0000L;
        written.tier = Integer.MAX_VALUE;
        written.status = Integer.MIN_VALUE;
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(Long.MAX_VALUE, written);

            MemberRecord read = new MemberRecord();
            assertTrue(store.read(Long.MAX_VALUE, read));
            assertRecord(written, read, "extremes");
        }
    }

    @Test
    void readingAnAbsentMemberReturnsFalseAndLeavesTheRecordUntouched() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(1, record(1));
            MemberRecord into = record(99);

            assertFalse(store.read(2, into));
            assertFalse(store.read(0, into));
            assertRecord(record(99), into, "untouched");
        }
    }

    @Test
    void warmingAheadLoadsOnlyEntriesAReadPlacedAndChangesNothing() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(7, record(7));
            for (long id : new long[] {7, 8, -1, CAPACITY + 5}) {
                assertEquals(0, store.warmIndex(id), "no read has placed member " + id);
                assertEquals(0, store.warmEntry(id), "no read has placed member " + id);
            }
            MemberRecord read = new MemberRecord();
            assertTrue(store.read(7, read));
            assertTrue(store.warmIndex(7) != 0, "the read placed the entry");
            assertTrue(store.warmEntry(7) != 0, "the entry's lines, its key among them");

            MemberRecord grown = record(9);
            PointLots.credit(grown, 100, 0, 1_900_000_000_000L);
            PointLots.credit(grown, 200, 0, 2_000_000_000_000L);
            store.write(7, grown); // another size: through the map, which may move the entry
            assertEquals(0, store.warmIndex(7), "a write through the map forgets where the entry was");
            assertEquals(0, store.warmEntry(7));

            assertTrue(store.read(7, read));
            store.warmEntry(7);
            MemberRecord again = new MemberRecord();
            assertTrue(store.read(7, again));
            assertRecord(grown, again, "after warming");
            assertEquals(2, again.lotCount);
        }
    }

    @Test
    void warmingAheadAlsoLoadsTheQuietTimeTheMembersWriteComparesWith() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            long quietUntil = 1_900_000_020_000L; // minute 31,666,667 since the epoch
            store.quietTimes(record -> quietUntil);
            store.write(7, record(7));

            assertEquals(quietUntil / 60_000, store.warmEntry(7), "no read placed the entry: the quiet time alone is loaded");
            assertEquals(0, store.warmEntry(8), "a member with no time known");
            assertEquals(quietUntil / 60_000 * 60_000, store.quietUntil(7));
        }
    }

    /** The window's loads are ordered otherwise, but are the same loads as member by member. */
    @Test
    void warmingAWindowLoadsWhatWarmingEachOfItsMembersLoads() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.quietTimes(record -> 1_900_000_020_000L + record.available * 60_000);
            MemberRecord read = new MemberRecord();
            for (long id = 1; id <= 20; id++) {
                store.write(id, lastLongSet(record(id), id));
                if (id % 3 != 0) {
                    assertTrue(store.read(id, read)); // placed; every third member is not
                }
            }
            long[] window = {5, 3, 0, 17, -4, CAPACITY + 9, 12, 5, 1, 20, 9, 16};
            long each = 0;
            for (long id : window) {
                each += id > 0 ? store.warmEntry(id) : 0;
            }
            long[] longer = java.util.Arrays.copyOf(window, window.length + 4);
            longer[window.length] = 2; // past the count: not loaded
            assertEquals(each, store.warmEntries(longer, window.length));
            assertEquals(store.warmEntry(5), store.warmEntries(new long[] {5}, 1));
            assertEquals(0, store.warmEntries(new long[] {7}, 0));
            for (long id = 1; id <= 20; id++) {
                assertTrue(store.read(id, read));
                assertRecord(lastLongSet(record(id), id), read, "after warming");
            }
        }
    }

    /** The header's last long is its own line's when the entry starts late in a line. */
    private static MemberRecord lastLongSet(MemberRecord r, long id) {
        r.announcedTier = (int) id;
        r.expiredCount = 0;
        return r;
    }

    @Test
    void writingAgainReplacesTheWholeRecord() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(7, record(1));
            store.write(7, record(2));

            MemberRecord read = new MemberRecord();
            assertTrue(store.read(7, read));
            assertRecord(record(2), read, "replaced");
            assertEquals(1, store.count());
        }
    }

    @Test
    void countIsTheNumberOfDistinctMembers() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            assertEquals(0, store.count());
            store.write(1, record(1));
            store.write(2, record(2));
            store.write(1, record(3));
            assertEquals(2, store.count());
            assertEquals(CAPACITY, store.capacity());
            assertTrue(store.offHeapBytes() > 0);
        }
    }

    @Test
    void reopeningTheFileAfterCloseKeepsEveryRecord() {
        int members = 5_000;
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            for (long id = 1; id <= members; id++) {
                store.write(id, record(id));
            }
            // rewrite some, so the file holds replaced entries too
            for (long id = 1; id <= members; id += 7) {
                store.write(id, record(id + 1_000_000));
            }
        }

        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            assertEquals(members, store.count());
            MemberRecord read = new MemberRecord();
            for (long id = 1; id <= members; id++) {
                assertTrue(store.read(id, read), "member " + id);
                long seed = (id - 1) % 7 == 0 ? id + 1_000_000 : id;
                assertRecord(record(seed), read, "member " + id);
            }
            assertFalse(store.read(members + 1, read));
        }
    }

    @Test
    void aRecordWrittenBackAtTheSizeItWasReadIsWrittenInPlaceAndKept() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(5, withLots(record(5), 2));
            store.write(6, withLots(record(6), 2));
            MemberRecord r = new MemberRecord();
            assertTrue(store.read(5, r));
            r.available += 42;
            r.lotPoints[1] += 42;
            store.write(5, r);

            assertEquals(1, store.writesInPlace());
            MemberRecord read = new MemberRecord();
            assertTrue(store.read(5, read));
            assertRecordAndLots(r, read, "member 5");
            assertTrue(store.read(6, read));
            assertRecordAndLots(withLots(record(6), 2), read, "its neighbour");
        }
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            MemberRecord read = new MemberRecord();
            assertTrue(store.read(5, read));
            assertEquals(record(5).available + 42, read.available, "after reopening");
        }
    }

    @Test
    void onlyTheMemberLastReadIsWrittenInPlace() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(1, record(1));
            store.write(2, record(2));
            MemberRecord first = new MemberRecord();
            assertTrue(store.read(1, first));
            MemberRecord second = new MemberRecord();
            assertTrue(store.read(2, second));
            first.available = 111;
            store.write(1, first); // member 2 was read since: 1 goes through the map

            assertEquals(0, store.writesInPlace());
            MemberRecord read = new MemberRecord();
            assertTrue(store.read(1, read));
            assertEquals(111, read.available);
            assertFalse(store.read(3, read));
            store.write(1, read); // member 3 is absent: the last read placed nothing
            assertEquals(0, store.writesInPlace());
        }
    }

    @Test
    void aMemberReadBeforeIsReadAgainFromItsEntryUntilAWriteMovesIt() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            store.write(5, withLots(record(5), 2));
            store.write(6, withLots(record(6), 3));
            MemberRecord read = new MemberRecord();
            assertTrue(store.read(5, read));
            assertEquals(0, store.readsInPlace(), "the first read looks the member up in the map");
            assertTrue(store.read(6, read));
            assertTrue(store.read(5, read));
            assertEquals(1, store.readsInPlace());
            assertRecordAndLots(withLots(record(5), 2), read, "member 5 read from its entry");
            assertTrue(store.read(6, read));
            assertEquals(2, store.readsInPlace());
            assertRecordAndLots(withLots(record(6), 3), read, "member 6 read from its entry");

            MemberRecord grown = withLots(record(5), 7); // another size: the map moves the entry
            grown.available = 777;
            store.write(5, grown);
            assertTrue(store.read(5, read));
            assertEquals(2, store.readsInPlace(), "after a write through the map, the map is asked again");
            assertRecordAndLots(grown, read, "member 5 moved");
            assertTrue(store.read(5, read));
            assertEquals(3, store.readsInPlace());
            assertRecordAndLots(grown, read, "member 5 read from where it moved to");
        }
    }

    @Test
    void membersBeyondTheCapacityAreReadThroughTheMapAndStayExact() {
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            long beyond = CAPACITY + 1;
            MemberRecord expected = withLots(record(3), 1);
            store.write(beyond, expected);
            MemberRecord read = new MemberRecord();
            for (int i = 0; i < 3; i++) {
                assertTrue(store.read(beyond, read));
                assertRecordAndLots(expected, read, "read " + i);
                read.available++;
                expected.available++;
                store.write(beyond, read); // in place: the same size, the member just read
            }
            assertTrue(store.read(beyond, read));
            assertRecordAndLots(expected, read, "last read");
            assertEquals(0, store.readsInPlace());
            assertEquals(3, store.writesInPlace());
            assertEquals(record(3).available + 3, read.available);
        }
    }

    /**
     * Seeded: members read, changed and written back, sometimes at the same size (in place) and
     * sometimes with lots added or dropped (the map moves the entry), in any order. Every record
     * equals the model's after every step and after reopening, and the store reads a member from
     * its entry exactly when it was read since its last write through the map.
     */
    @Test
    void recordsStayExactWhetherWrittenInPlaceOrMovedByTheMap() {
        long seed = 20261123L;
        SplittableRandom random = new SplittableRandom(seed);
        int members = 300;
        MemberRecord[] model = new MemberRecord[members + 1];
        long steps = 20_000;
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            for (int id = 1; id <= members; id++) {
                model[id] = withLots(record(id), random.nextInt(4));
                store.write(id, model[id]);
            }
            MemberRecord r = new MemberRecord();
            long expectedInPlace = 0;
            // Whether the store knows where the member's entry lies: read since its last write through the map.
            boolean[] placed = new boolean[members + 1];
            long expectedReadsInPlace = 0;
            for (long step = 0; step < steps; step++) {
                int id = 1 + random.nextInt(members);
                expectedReadsInPlace += placed[id] ? 1 : 0;
                placed[id] = true;
                assertTrue(store.read(id, r));
                assertRecordAndLots(model[id], r, "seed " + seed + " step " + step + " member " + id);
                r.available += step;
                r.lastSequence = step;
                int lots = r.lotCount;
                int change = random.nextInt(10);
                if (change == 0 && lots < 40) {
                    lots++;
                } else if (change == 1 && lots > 0) {
                    lots--;
                }
                r.lotCount = lots;
                for (int k = 0; k < lots; k++) {
                    r.lotPoints[k] = step * 31 + k;
                    r.lotExpiresAt[k] = step + k;
                    r.lotPendingUntil[k] = k;
                }
                boolean otherRead = random.nextInt(20) == 0;
                if (otherRead) {
                    int other = 1 + id % members;
                    expectedReadsInPlace += placed[other] ? 1 : 0;
                    placed[other] = true;
                    store.read(other, new MemberRecord()); // another member read between
                }
                // In place: the member last read, at the size it was read at; else the map moves it.
                boolean inPlace = !otherRead && lots == model[id].lotCount;
                expectedInPlace += inPlace ? 1 : 0;
                placed[id] &= inPlace;
                store.write(id, r);
                if (random.nextInt(5) == 0) {
                    expectedInPlace += inPlace ? 1 : 0;
                    // Written again without a read, as a settled member is before its purchase: back to
                    // the size it was read at, where the entry no longer is if the first write moved it.
                    r.lotCount = model[id].lotCount;
                    r.available++;
                    store.write(id, r);
                }
                model[id] = copy(r);
            }
            assertEquals(expectedInPlace, store.writesInPlace(), "writes in place");
            assertTrue(expectedInPlace > steps / 2, "most writes in place: " + expectedInPlace);
            assertEquals(expectedReadsInPlace, store.readsInPlace(), "reads in place");
            assertTrue(expectedReadsInPlace > steps / 2, "most reads in place: " + expectedReadsInPlace);
        }
        try (ChronicleMemberStore store = ChronicleMemberStore.open(file(), CAPACITY)) {
            MemberRecord read = new MemberRecord();
            for (int id = 1; id <= members; id++) {
                assertTrue(store.read(id, read));
                assertRecordAndLots(model[id], read, "after reopening, member " + id);
            }
        }
    }

    private static MemberRecord withLots(MemberRecord r, int lots) {
        r.lotCount = lots;
        for (int k = 0; k < lots; k++) {
            r.lotExpiresAt[k] = 1_900_000_000_000L + k;
            r.lotPendingUntil[k] = k * 3;
            r.lotPoints[k] = 100 + k;
        }
        return r;
    }

    private static MemberRecord copy(MemberRecord r) {
        MemberRecord c = new MemberRecord();
        c.available = r.available;
        c.pending = r.pending;
        c.lifetimeEarned = r.lifetimeEarned;
        c.lifetimeRedeemed = r.lifetimeRedeemed;
        c.lastSequence = r.lastSequence;
        c.enrolledAtMillis = r.enrolledAtMillis;
        c.lastActivityMillis = r.lastActivityMillis;
        c.tier = r.tier;
        c.status = r.status;
        withLots(c, r.lotCount);
        System.arraycopy(r.lotExpiresAt, 0, c.lotExpiresAt, 0, r.lotCount);
        System.arraycopy(r.lotPendingUntil, 0, c.lotPendingUntil, 0, r.lotCount);
        System.arraycopy(r.lotPoints, 0, c.lotPoints, 0, r.lotCount);
        return c;
    }

    /** The fields {@link #assertRecord} compares, and the lots. */
    private static void assertRecordAndLots(MemberRecord expected, MemberRecord actual, String what) {
        assertRecord(expected, actual, what);
        assertEquals(expected.lotCount, actual.lotCount, what + " lotCount");
        for (int k = 0; k < expected.lotCount; k++) {
            assertEquals(expected.lotPoints[k], actual.lotPoints[k], what + " lot " + k + " points");
            assertEquals(expected.lotExpiresAt[k], actual.lotExpiresAt[k], what + " lot " + k + " expiry");
            assertEquals(expected.lotPendingUntil[k], actual.lotPendingUntil[k], what + " lot " + k + " pending");
        }
    }
}
