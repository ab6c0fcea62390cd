package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.state.MemberStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveWriteAheadTest {
    /** A store whose readying takes {@link #nanosPerReadying} on the test's clock, and notes each member readied. */
    private static final class TimedStore implements MemberStore {
        final List<Long> readied = new ArrayList<>();
        long now;
        long nanosPerReadying;

        @Override
        public void prepareWrite(long memberId) {
            readied.add(memberId);
            now += nanosPerReadying;
        }

        @Override
        public boolean read(long memberId, MemberRecord into) {
            return false;
        }

        @Override
        public void write(long memberId, MemberRecord record) {
        }

        @Override
        public long count() {
            return 0;
        }

        @Override
        public long capacity() {
            return 0;
        }

        @Override
        public long offHeapBytes() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private final TimedStore store = new TimedStore();
    private final AdaptiveWriteAhead ahead = new AdaptiveWriteAhead(store, () -> store.now);
    private final CommandSlot slot = new CommandSlot();

    private void readyCommands(int count, long firstMember) {
        for (int i = 0; i < count; i++) {
            slot.reset(CommandType.PURCHASE);
            slot.memberId = firstMember + i;
            ahead.ready(slot);
        }
    }

    @Test
    void readiesEveryCommandsMemberWhileReadyingFindsFaults() {
        store.nanosPerReadying = AdaptiveWriteAhead.FAULT_NANOS + 1;
        readyCommands(3 * AdaptiveWriteAhead.WINDOW, 1);

        assertFalse(ahead.sparse());
        assertEquals(3 * AdaptiveWriteAhead.WINDOW, store.readied.size());
        assertEquals(1L, store.readied.get(0));
        assertEquals(3L * AdaptiveWriteAhead.WINDOW, store.readied.get(store.readied.size() - 1));
    }

    @Test
    void readiesOneCommandInSixteenOnceAWindowFindsFewFaultsAndEveryOneAgainWhenTheyComeBack() {
        store.nanosPerReadying = 100; // pages dirty already: nothing to fault
        readyCommands(AdaptiveWriteAhead.WINDOW, 1);
        assertTrue(ahead.sparse(), "a window without faults");
        store.readied.clear();

        readyCommands(AdaptiveWriteAhead.SPARSE_EVERY * 100, 1_000_000);
        assertEquals(100, store.readied.size());
        assertEquals(1_000_000L + AdaptiveWriteAhead.SPARSE_EVERY - 1, store.readied.get(0), "every sixteenth");

        store.nanosPerReadying = AdaptiveWriteAhead.FAULT_NANOS + 1;
        readyCommands(AdaptiveWriteAhead.SPARSE_EVERY * AdaptiveWriteAhead.WINDOW, 2_000_000);
        assertFalse(ahead.sparse(), "a window of samples that faulted");
        store.readied.clear();
        readyCommands(10, 3_000_000);
        assertEquals(10, store.readied.size());
    }

    @Test
    void oneFaultInSixtyFourReadyingsKeepsEveryCommandReadied() {
        // At the boundary: WINDOW / 64 slow readyings in a window keep it dense; one fewer makes it sparse.
        for (int slowOnes : new int[] {AdaptiveWriteAhead.WINDOW / AdaptiveWriteAhead.DENSE_IF_ONE_IN,
                AdaptiveWriteAhead.WINDOW / AdaptiveWriteAhead.DENSE_IF_ONE_IN - 1}) {
            AdaptiveWriteAhead fresh = new AdaptiveWriteAhead(store, () -> store.now);
            for (int i = 0; i < AdaptiveWriteAhead.WINDOW; i++) {
                store.nanosPerReadying = i < slowOnes ? AdaptiveWriteAhead.FAULT_NANOS + 1 : 10;
                slot.reset(CommandType.PURCHASE);
                slot.memberId = 1 + i;
                fresh.ready(slot);
            }
            assertEquals(slowOnes < AdaptiveWriteAhead.WINDOW / AdaptiveWriteAhead.DENSE_IF_ONE_IN, fresh.sparse(),
                    slowOnes + " slow readyings");
        }
    }

    @Test
    void commandsNamingTheirMemberByCardOrNoneAreNotReadied() {
        slot.reset(CommandType.PURCHASE);
        slot.memberId = 0;
        slot.memberIdentity = "CARD-1";
        ahead.ready(slot);
        slot.reset(CommandType.ENROL);
        ahead.ready(slot);

        assertTrue(store.readied.isEmpty());
        assertEquals(0, ahead.readyings());
    }
}
