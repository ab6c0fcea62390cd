package dev.accrue.engine.pipeline;

import dev.accrue.engine.journal.JournalHandler;
import dev.accrue.engine.testing.TestPipelines;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.EngineState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Disruptor pipeline with the real processor: claiming, a full ring, ordering, faults, draining. */
class CommandPipelineTest {

    @TempDir
    Path directory;
    private EngineState state;
    private JournalHandler journal;
    private CommandPipeline pipeline;

    @BeforeEach
    void openState() {
        state = TestPipelines.state(directory, 1_000);
        journal = TestPipelines.journal(directory);
    }

    @AfterEach
    void closeAll() {
        if (pipeline != null) {
            pipeline.close();
        }
        state.close();
    }

    private CommandPipeline pipeline(int ringSize) {
        pipeline = new CommandPipeline(ringSize, WaitStrategyKind.BLOCKING, journal, TestPipelines.processor(state, journal));
        return pipeline;
    }

    /** Records results in the order the reply stage hands them over. */
    private static final class Collector implements ReplyTarget {
        final List<ResultCode> results = new ArrayList<>();
        final List<Long> members = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final CountDownLatch done;

        Collector(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public synchronized void complete(CommandSlot slot) {
            results.add(slot.result);
            members.add(slot.resultMemberId);
            indexes.add(slot.replyIndex);
            done.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(done.await(30, TimeUnit.SECONDS), "every command answered");
        }
    }

    private static void enrol(CommandPublisher publisher, long sequence, ReplyTarget reply, int index) {
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.ENROL);
        slot.eventId = "enrol-" + index;
        slot.occurredAtMillis = 1;
        slot.enrolCard = "CARD-" + index;
        slot.reply = reply;
        slot.replyIndex = index;
    }

    @ParameterizedTest
    @EnumSource(WaitStrategyKind.class)
    void everyWaitStrategyDeliversEveryCommand(WaitStrategyKind kind) throws Exception {
        pipeline = new CommandPipeline(8, kind, journal, TestPipelines.processor(state, journal)).start();
        CommandPublisher publisher = pipeline.publisher();
        Collector collector = new Collector(50);

        for (int i = 0; i < 50; i++) {
            long sequence;
            while ((sequence = publisher.tryClaim()) == CommandPublisher.RING_FULL) {
                Thread.onSpinWait();
            }
            enrol(publisher, sequence, collector, i);
            publisher.publish(sequence);
        }
        collector.await();

        assertEquals(50, state.counters().memberCount());
        assertTrue(collector.results.stream().allMatch(r -> r == ResultCode.OK));
    }

    @Test
    void aRingThatNothingConsumesRefusesClaimsOnceFull() {
        CommandPublisher publisher = pipeline(4).publisher();

        assertEquals(4, publisher.ringSize());
        for (int i = 0; i < 4; i++) {
            long sequence = publisher.tryClaim();
            assertNotEquals(CommandPublisher.RING_FULL, sequence, "claim " + i);
            publisher.slot(sequence).reset(CommandType.GET_BALANCE);
            publisher.publish(sequence);
        }

        assertEquals(CommandPublisher.RING_FULL, publisher.tryClaim());
        assertEquals(CommandPublisher.RING_FULL, publisher.tryClaim(1));
    }

    @Test
    void aBatchClaimLargerThanTheFreeRoomIsRefusedWhole() {
        CommandPublisher publisher = pipeline(8).publisher();
        long first = publisher.tryClaim(5);
        publisher.publish(first - 4, first);

        assertEquals(CommandPublisher.RING_FULL, publisher.tryClaim(4));
        long rest = publisher.tryClaim(3);
        assertEquals(first + 3, rest, "the remaining 3 slots are still free");
    }

    @Test
    void commandsAreAppliedAndAnsweredInPublishOrder() throws Exception {
        CommandPublisher publisher = pipeline(16).start().publisher();
        int commands = 100;
        Collector collector = new Collector(commands);

        for (int i = 0; i < commands; i += 4) {
            long highest;
            while ((highest = publisher.tryClaim(4)) == CommandPublisher.RING_FULL) {
                Thread.onSpinWait();
            }
            for (int j = 0; j < 4; j++) {
                enrol(publisher, highest - 3 + j, collector, i + j);
            }
            publisher.publish(highest - 3, highest);
        }
        collector.await();

        for (int i = 0; i < commands; i++) {
            assertEquals(i, collector.indexes.get(i));
            assertEquals(ResultCode.OK, collector.results.get(i));
            assertEquals(i + 1L, collector.members.get(i), "member ids follow the publish order");
        }
        assertEquals(commands, state.counters().memberCount());
    }

    @Test
    void aBlockedReplyStageFillsTheRingAndReleasingItCompletesEverything() throws Exception {
        CommandPublisher publisher = pipeline(4).start().publisher();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch replyStarted = new CountDownLatch(1);
        Collector collector = new Collector(4);
        ReplyTarget blocking = slot -> {
            replyStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            collector.complete(slot);
        };
        long sequence = publisher.tryClaim();
        enrol(publisher, sequence, blocking, 0);
        publisher.publish(sequence);
        assertTrue(replyStarted.await(30, TimeUnit.SECONDS));
        for (int i = 1; i < 4; i++) {
            sequence = publisher.tryClaim();
            assertNotEquals(CommandPublisher.RING_FULL, sequence);
            enrol(publisher, sequence, collector, i);
            publisher.publish(sequence);
        }

        assertEquals(CommandPublisher.RING_FULL, publisher.tryClaim(), "slots are free only once replied to");

        release.countDown();
        collector.await();
        assertEquals(List.of(ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK), collector.results);
        long next;
        while ((next = publisher.tryClaim()) == CommandPublisher.RING_FULL) {
            Thread.onSpinWait();
        }
        assertEquals(4, next);
        publisher.slot(next).reset(CommandType.GET_BALANCE);
        publisher.publish(next);
    }

    @Test
    void aCommandThatMakesTheProcessorThrowIsAnsweredWithEngineFaultAndTheRingMovesOn() throws Exception {
        CommandPublisher publisher = pipeline(8).start().publisher();
        Collector collector = new Collector(3);
        long first = publisher.tryClaim(3);
        enrol(publisher, first - 2, collector, 0);
        CommandSlot broken = publisher.slot(first - 1);
        broken.reset(CommandType.PURCHASE); // names no member at all: the identity lookup throws
        broken.currency = CurrencyCode.pack("EUR");
        broken.reply = collector;
        broken.replyIndex = 1;
        enrol(publisher, first, collector, 2);

        publisher.publish(first - 2, first);
        collector.await();

        assertEquals(List.of(ResultCode.OK, ResultCode.ENGINE_FAULT, ResultCode.OK), collector.results);
        assertEquals(2, state.counters().memberCount());
    }

    @Test
    void closeRightAfterStartAppliesEverythingPublishedBeforeStopping() {
        CommandPublisher publisher = pipeline(64).publisher();
        long highest = publisher.tryClaim(50);
        for (int i = 0; i < 50; i++) {
            enrol(publisher, highest - 49 + i, null, i);
        }
        publisher.publish(highest - 49, highest);

        pipeline.start().close();
        pipeline = null;

        assertEquals(50, state.counters().memberCount());
        assertEquals(50, state.counters().lastSequence());
    }

    private static void purchase(CommandPublisher publisher, long sequence, ReplyTarget reply, int index, long memberId) {
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.PURCHASE);
        slot.eventId = "receipt-" + index;
        slot.memberId = memberId;
        slot.partnerId = "partner-1";
        slot.storeId = "store-1";
        slot.channel = 1;
        slot.occurredAtMillis = 2;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = 1_000;
        slot.reply = reply;
        slot.replyIndex = index;
    }

    @Test
    void theJournalReadiesEachMutatingCommandsWriteBeforeTheBusinessStageAppliesIt() throws Exception {
        // Each entry: the command's sequence, its member, and the last sequence applied when it was readied.
        List<long[]> readied = new ArrayList<>();
        journal.readyingWritesWith(slot -> {
            synchronized (readied) {
                readied.add(new long[] {slot.sequence, slot.memberId, state.counters().lastSequence()});
            }
        });
        CommandPublisher publisher = pipeline(16).start().publisher();
        Collector collector = new Collector(7);
        long first = publisher.tryClaim(7);
        for (int i = 0; i < 3; i++) {
            enrol(publisher, first - 6 + i, collector, i);
        }
        publisher.publish(first - 6, first - 4);
        publisher.slot(first - 3).reset(CommandType.GET_BALANCE); // changes nothing: not journaled, nothing to ready
        publisher.slot(first - 3).memberId = 1;
        publisher.slot(first - 3).reply = collector;
        for (int i = 0; i < 3; i++) {
            purchase(publisher, first - 2 + i, collector, 4 + i, 3 - i);
        }
        publisher.publish(first - 3, first);
        collector.await();

        assertEquals(List.of(ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK,
                ResultCode.OK), collector.results);
        synchronized (readied) {
            assertEquals(6, readied.size(), "the enrolments and the purchases");
            for (int i = 0; i < 6; i++) {
                long[] entry = readied.get(i);
                assertEquals(i + 1L, entry[0], "readied in journal order, once appended");
                assertEquals(i < 3 ? 0 : 6 - i, entry[1], "the member the command names");
                assertTrue(entry[2] < entry[0], "readied before it was applied: sequence " + entry[0]
                        + " readied after " + entry[2] + " was");
            }
        }
    }

    @Test
    void aFailingWriteAheadIsDroppedAndEveryCommandIsStillJournaledAndApplied() throws Exception {
        List<Long> calls = new ArrayList<>();
        journal.readyingWritesWith(slot -> {
            synchronized (calls) {
                calls.add(slot.sequence);
            }
            throw new IllegalStateException("cannot ready anything");
        });
        CommandPublisher publisher = pipeline(16).start().publisher();
        Collector collector = new Collector(5);
        long first = publisher.tryClaim(5);
        for (int i = 0; i < 5; i++) {
            enrol(publisher, first - 4 + i, collector, i);
        }
        publisher.publish(first - 4, first);
        collector.await();

        assertEquals(List.of(ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK, ResultCode.OK), collector.results);
        assertEquals(5, state.counters().lastSequence());
        synchronized (calls) {
            assertEquals(List.of(1L), calls, "tried once, then the journal went on without it");
        }
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        LoyaltyProcessor processor = TestPipelines.processor(state, journal);
        assertThrows(IllegalArgumentException.class, () -> new CommandPipeline(1000, WaitStrategyKind.BLOCKING, journal, processor));
    }
}
