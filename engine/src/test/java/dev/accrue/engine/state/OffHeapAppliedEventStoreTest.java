package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import dev.accrue.engine.domain.EventIdHashes;
import dev.accrue.engine.testing.TestSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffHeapAppliedEventStoreTest {
    @TempDir
    Path dir;

    @Test
    void idsWhoseKeysCollideAreToldApartAndEachFindsItsOwnEvent() {
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100, id -> 42)) {
            for (int i = 0; i < 5; i++) {
                store.remember("event-" + i, event(i));
            }

            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 5; i++) {
                assertTrue(store.find("event-" + i, found), "event-" + i);
                assertEquals(i, found.memberId);
            }
            assertFalse(store.find("event-5", found));
            assertEquals(5, store.count());
        }
    }

    @Test
    void theTableKeysIdsByTheHashesCommandsAreStampedWith() {
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100)) {
            for (String id : new String[] {"", "a", "abcd", "purchase-123456789", "€-ü"}) {
                assertEquals(EventIdHashes.key(id), store.key(id), id);
                assertEquals(EventIdHashes.check(id), store.check(id), id);
            }
            store.remember(EventIdHashes.key("e-1"), EventIdHashes.check("e-1"), event(3));
            AppliedEvent found = new AppliedEvent();
            assertTrue(store.find("e-1", found));
            assertEquals(3, found.memberId);
        }
    }

    @Test
    void rememberingAnIdAgainReplacesItsEventWithoutGrowingTheTable() {
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100, id -> 7)) {
            store.remember("a", event(1));
            store.remember("b", event(2));
            store.remember("a", event(3));

            AppliedEvent found = new AppliedEvent();
            assertTrue(store.find("a", found));
            assertEquals(3, found.memberId);
            assertEquals(2, store.count());
        }
    }

    @Test
    void eventsSurviveReopeningWithTheRealKeyHash() {
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 1_000)) {
            for (int i = 0; i < 500; i++) {
                store.remember("store-1/till-2/receipt-" + i, event(i));
            }
        }
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 1_000)) {
            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 500; i++) {
                assertTrue(store.find("store-1/till-2/receipt-" + i, found));
                assertEquals(i, found.memberId);
            }
            assertFalse(store.find("store-1/till-2/receipt-500", found));
            assertEquals(500, store.count());
        }
    }

    @Test
    void savingLeavesAnEarlierSaveSharedByHardLinkAsItWas() throws Exception {
        Path file = dir.resolve("events");
        Path checkpoint = dir.resolve("checkpoint-events");
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(file.toFile(), 1_000)) {
            store.remember("first", event(1));
            store.persist();
            Files.createLink(checkpoint, file);
            store.remember("second", event(2));
        }
        try (AppliedEventStore saved = OffHeapAppliedEventStore.open(checkpoint.toFile(), 1_000)) {
            AppliedEvent found = new AppliedEvent();
            assertTrue(saved.find("first", found));
            assertFalse(saved.find("second", found));
            assertEquals(1, saved.count());
        }
    }

    @Test
    void sweepingForgetsOnlyExpiredEventsAndKeepsCollidingSurvivorsFindable() {
        // Every id has the same key: one long probe run, whose middle entries expire.
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100, id -> 5)) {
            for (int i = 0; i < 10; i++) {
                store.remember("event-" + i, event(i, i % 2 == 0 ? 1_000 : 5_000));
            }
            sweepAll(store, 2_000);

            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 10; i++) {
                assertEquals(i % 2 != 0, store.find("event-" + i, found), "event-" + i);
            }
            assertEquals(5, store.count());
        }
    }

    @Test
    void aProbeRunThatWrapsPastTheLastSlotSurvivesDeletions() {
        long lastSlot = OffHeapAppliedEventStore.slotsFor(100) - 1;
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100, id -> lastSlot)) {
            for (int i = 0; i < 6; i++) {
                store.remember("event-" + i, event(i, i < 3 ? 1_000 : 5_000));
            }
            sweepAll(store, 2_000);

            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 6; i++) {
                assertEquals(i >= 3, store.find("event-" + i, found), "event-" + i);
            }
        }
    }

    @Test
    void aFullTableSaysSo() {
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 3)) {
            for (int i = 0; i < 3; i++) {
                assertFalse(store.full());
                store.remember("event-" + i, event(i));
            }
            assertTrue(store.full());
        }
    }

    @Test
    void aTableOfAnotherSizeIsRefusedRatherThanMisread() {
        OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100).close();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 100_000));
        assertTrue(refused.getMessage().contains("expected"), refused.getMessage());
    }

    /** Random inserts, retries and sweeps with few distinct keys, checked against a plain map. */
    @Test
    void behavesLikeAMapUnderRandomInsertsAndSweeps() {
        long seed = TestSeeds.seed("OffHeapAppliedEventStoreTest", "accrue.table.seed");
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> model = new HashMap<>();
        AppliedEvent found = new AppliedEvent();
        // 16 distinct keys over 8192 slots: long probe runs that cross slice borders and wrap.
        long slots = OffHeapAppliedEventStore.slotsFor(4_000);
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(dir.resolve("events").toFile(), 4_000,
                id -> (id.hashCode() & 15) * (slots / 16) + slots - 40)) {
            long now = 0;
            for (int step = 0; step < 20_000; step++) {
                now += random.nextInt(10);
                if (random.nextInt(50) == 0) {
                    long cutoff = now - 1_000;
                    store.forgetSliceBefore(random.nextInt(store.slices()), cutoff);
                    // The model forgets lazily: what the store swept must be older than the cutoff.
                } else if (model.size() < 3_900) {
                    String id = "event-" + random.nextInt(5_000);
                    store.remember(id, event(id.length(), now));
                    model.put(id, now);
                }
                if (step % 1_000 == 999) {
                    for (int s = 0; s < store.slices(); s++) {
                        store.forgetSliceBefore(s, now - 1_000);
                    }
                    long cutoff = now - 1_000;
                    model.values().removeIf(at -> at < cutoff);
                    assertEquals(model.size(), store.count(), "count after a full sweep at step " + step);
                    for (Map.Entry<String, Long> e : model.entrySet()) {
                        assertTrue(store.find(e.getKey(), found), e.getKey() + " at step " + step);
                        assertEquals(e.getValue(), found.recordedAtMillis, e.getKey());
                    }
                    for (int i = 0; i < 5_000; i++) {
                        String id = "event-" + i;
                        assertEquals(model.containsKey(id), store.find(id, found), id + " at step " + step);
                    }
                }
            }
        }
    }

    @Test
    void pairedTablesKeepTheirOwnEventsUnderTheSameKeysAndSweepsApart() {
        // Every id has the same key in both tables: both probe runs start in the same blocks.
        OffHeapAppliedEventStore.Pair pair = OffHeapAppliedEventStore.openPair(dir.resolve("first").toFile(), 100,
                dir.resolve("second").toFile(), 10, id -> 9);
        try (AppliedEventStore first = pair.first(); AppliedEventStore second = pair.second()) {
            for (int i = 0; i < 10; i++) {
                first.remember("event-" + i, event(i, i % 2 == 0 ? 1_000 : 5_000));
                second.remember("event-" + i, event(100 + i, 5_000));
            }
            sweepAll(first, 2_000);

            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 10; i++) {
                assertEquals(i % 2 != 0, first.find("event-" + i, found), "first, event-" + i);
                assertTrue(second.find("event-" + i, found), "second, event-" + i);
                assertEquals(100 + i, found.memberId);
            }
            assertEquals(5, first.count());
            assertEquals(10, second.count());
            assertTrue(second.full(), "the second table's own capacity holds");
            assertFalse(first.full());
        }
    }

    @Test
    void pairedTablesSurviveReopeningEachFromItsOwnFile() {
        OffHeapAppliedEventStore.Pair pair = OffHeapAppliedEventStore.openPair(dir.resolve("first").toFile(), 40_000,
                dir.resolve("second").toFile(), 20_000);
        try (AppliedEventStore first = pair.first(); AppliedEventStore second = pair.second()) {
            // More slots than one staging buffer holds: saving and loading go through it in pieces.
            for (int i = 0; i < 30_000; i++) {
                first.remember("receipt-" + i, event(i));
                if (i % 2 == 0) {
                    second.remember("receipt-" + i, event(-i));
                }
            }
        }
        // Each half's file is a table of its own: it opens unpaired too.
        try (AppliedEventStore alone = OffHeapAppliedEventStore.open(dir.resolve("second").toFile(), 40_000)) {
            assertEquals(15_000, alone.count());
        }
        OffHeapAppliedEventStore.Pair reopened = OffHeapAppliedEventStore.openPair(dir.resolve("first").toFile(), 40_000,
                dir.resolve("second").toFile(), 20_000);
        try (AppliedEventStore first = reopened.first(); AppliedEventStore second = reopened.second()) {
            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 30_000; i++) {
                assertTrue(first.find("receipt-" + i, found), "first, receipt-" + i);
                assertEquals(i, found.memberId);
                assertEquals(i % 2 == 0, second.find("receipt-" + i, found), "second, receipt-" + i);
                if (i % 2 == 0) {
                    assertEquals(-i, found.memberId);
                }
            }
            assertEquals(30_000, first.count());
            assertEquals(15_000, second.count());
        }
    }

    @Test
    void aSnapshotWrittenAfterTheTablesChangedHoldsThemAsTheyWereWhenItWasTaken() throws Exception {
        OffHeapAppliedEventStore.Pair pair = OffHeapAppliedEventStore.openPair(dir.resolve("first").toFile(), 40_000,
                dir.resolve("second").toFile(), 30_000);
        Path checkpoint = Files.createDirectory(dir.resolve("checkpoint"));
        try (AppliedEventStore first = pair.first(); AppliedEventStore second = pair.second()) {
            for (int i = 0; i < 20_000; i++) {
                first.remember("receipt-" + i, event(i));
                second.remember("receipt-" + i, event(-i));
            }
            first.snapshot(7);
            second.snapshot(7);
            // Applied after the snapshot, before it is written (as on the checkpoint's thread).
            for (int i = 20_000; i < 25_000; i++) {
                first.remember("receipt-" + i, event(i));
                second.remember("receipt-" + i, event(-i));
            }
            first.writeSnapshot(checkpoint.resolve("first"));
            second.writeSnapshot(checkpoint.resolve("second"));
        }
        OffHeapAppliedEventStore.Pair saved = OffHeapAppliedEventStore.openPair(checkpoint.resolve("first").toFile(),
                40_000, checkpoint.resolve("second").toFile(), 30_000);
        try (AppliedEventStore first = saved.first(); AppliedEventStore second = saved.second()) {
            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 25_000; i++) {
                assertEquals(i < 20_000, first.find("receipt-" + i, found), "first, receipt-" + i);
                assertEquals(i < 20_000, second.find("receipt-" + i, found), "second, receipt-" + i);
            }
            assertEquals(20_000, first.count());
            assertEquals(20_000, second.count());
        }
        // The live tables, saved at close, hold everything.
        try (AppliedEventStore live = OffHeapAppliedEventStore.open(dir.resolve("second").toFile(), 40_000)) {
            assertEquals(25_000, live.count());
        }
    }

    @Test
    void aLaterSnapshotCopiesTheTableAgain() throws Exception {
        Path file = dir.resolve("events");
        try (AppliedEventStore store = OffHeapAppliedEventStore.open(file.toFile(), 1_000)) {
            store.remember("first", event(1));
            store.snapshot(1);
            store.remember("second", event(2));
            store.snapshot(2);
            store.writeSnapshot(dir.resolve("at-2"));
        }
        try (AppliedEventStore saved = OffHeapAppliedEventStore.open(dir.resolve("at-2").toFile(), 1_000)) {
            AppliedEvent found = new AppliedEvent();
            assertTrue(saved.find("first", found));
            assertTrue(saved.find("second", found));
            assertEquals(2, saved.count());
        }
    }

    private static void sweepAll(AppliedEventStore store, long cutoff) {
        for (int slice = 0; slice < store.slices(); slice++) {
            store.forgetSliceBefore(slice, cutoff);
        }
    }

    private static AppliedEvent event(long memberId, long recordedAt) {
        AppliedEvent event = event(memberId);
        event.recordedAtMillis = recordedAt;
        return event;
    }

    /** An event of {@code memberId}, recorded at a fixed time: for the table tests of this package. */
    static AppliedEvent event(long memberId) {
        AppliedEvent event = new AppliedEvent();
        event.memberId = memberId;
        event.fingerprint = memberId * 31;
        event.recordedAtMillis = 1_790_000_000_000L;
        return event;
    }
}
