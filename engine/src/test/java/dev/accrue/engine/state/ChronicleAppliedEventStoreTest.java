package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleAppliedEventStoreTest {
    @TempDir
    Path dir;

    @Test
    void idsWhoseKeysCollideAreToldApartAndEachFindsItsOwnEvent() {
        try (AppliedEventStore store = ChronicleAppliedEventStore.open(dir.resolve("events").toFile(), 100, id -> 42)) {
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
    void rememberingAnIdAgainReplacesItsEventWithoutGrowingTheTable() {
        try (AppliedEventStore store = ChronicleAppliedEventStore.open(dir.resolve("events").toFile(), 100, id -> 7)) {
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
        try (AppliedEventStore store = ChronicleAppliedEventStore.open(dir.resolve("events").toFile(), 1_000)) {
            for (int i = 0; i < 500; i++) {
                store.remember("store-1/till-2/receipt-" + i, event(i));
            }
        }
        try (AppliedEventStore store = ChronicleAppliedEventStore.open(dir.resolve("events").toFile(), 1_000)) {
            AppliedEvent found = new AppliedEvent();
            for (int i = 0; i < 500; i++) {
                assertTrue(store.find("store-1/till-2/receipt-" + i, found));
                assertEquals(i, found.memberId);
            }
            assertFalse(store.find("store-1/till-2/receipt-500", found));
            assertEquals(500, store.count());
        }
    }

    private static AppliedEvent event(long memberId) {
        AppliedEvent event = new AppliedEvent();
        event.memberId = memberId;
        event.fingerprint = memberId * 31;
        event.recordedAtMillis = 1_790_000_000_000L;
        return event;
    }
}
