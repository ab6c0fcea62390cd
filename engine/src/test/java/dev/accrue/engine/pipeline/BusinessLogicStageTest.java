package dev.accrue.engine.pipeline;

import com.lmax.disruptor.RingBuffer;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business-logic stage over a real ring, in batches as the Disruptor hands them over, against
 * the same commands applied one by one: the loads ahead ({@link Prefetch}) and the event-id hashes
 * they leave in the slots change no result and no state.
 */
class BusinessLogicStageTest {
    private static final int MEMBERS = 40;
    private static final long AT = ProcessorFixture.BOUGHT_AT;

    @TempDir
    Path batched;
    @TempDir
    Path oneByOne;

    @Test
    void commandsAppliedInPrefetchedBatchesAnswerAndEndAsAppliedOneByOne() {
        long seed = new SplittableRandom().nextLong();
        List<Consumer<CommandSlot>> commands = commands(new SplittableRandom(seed));

        List<String> expected = new ArrayList<>();
        try (Engine engine = new Engine(oneByOne)) {
            for (Consumer<CommandSlot> command : commands) {
                CommandSlot slot = new CommandSlot();
                command.accept(slot);
                expected.add(engine.apply(slot));
            }
        }

        List<String> answered = new ArrayList<>();
        try (Engine engine = new Engine(batched)) {
            RingBuffer<CommandSlot> ring = RingBuffer.createSingleProducer(CommandSlot::new, 64);
            BusinessLogicStage stage = new BusinessLogicStage(engine.processor, ring);
            SplittableRandom batches = new SplittableRandom(seed);
            int prefetchedWindows = 0;
            for (int next = 0; next < commands.size(); ) {
                // Batches of one (nothing to load ahead) up to more than a window and a ring's half.
                int size = Math.min(commands.size() - next, 1 + batches.nextInt(40));
                long first = ring.next(size) - size + 1;
                for (int i = 0; i < size; i++) {
                    CommandSlot slot = ring.get(first + i);
                    commands.get(next + i).accept(slot);
                    engine.sequence(slot);
                }
                ring.publish(first, first + size - 1);
                stage.onBatchStart(size, size);
                for (int i = 0; i < size; i++) {
                    CommandSlot slot = ring.get(first + i);
                    prefetchedWindows += slot.eventIdHashed ? 1 : 0;
                    stage.onEvent(slot, first + i, i == size - 1);
                    answered.add(Engine.answer(slot));
                    assertFalse(slot.eventIdHashed, "the gate used the hashes loaded ahead");
                }
                next += size;
            }
            assertTrue(prefetchedWindows > commands.size() / 2, "most commands were loaded ahead: " + prefetchedWindows);
        }
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), answered.get(i), "command " + i + " (seed " + seed + ")");
        }
    }

    /**
     * Enrolments, then purchases by id and by card, their retries, reused event ids, purchases of
     * members who do not exist, balance queries, and the state's digest last.
     */
    private static List<Consumer<CommandSlot>> commands(SplittableRandom random) {
        List<Consumer<CommandSlot>> commands = new ArrayList<>();
        for (int m = 1; m <= MEMBERS; m++) {
            String card = "CARD-" + m;
            commands.add(slot -> {
                slot.reset(CommandType.ENROL);
                slot.eventId = "enrol-" + card;
                slot.occurredAtMillis = ProcessorFixture.ENROLLED_AT;
                slot.enrolCard = card;
            });
        }
        List<long[]> purchases = new ArrayList<>(); // {number, member, total}
        for (int i = 0; i < 600; i++) {
            int kind = random.nextInt(10);
            if (kind < 5 || purchases.isEmpty()) {
                long[] purchase = {i, 1 + random.nextInt(MEMBERS), 100 + random.nextInt(20_000)};
                purchases.add(purchase);
                boolean byCard = random.nextInt(4) == 0;
                commands.add(slot -> purchase(slot, purchase, byCard));
            } else if (kind < 7) {
                long[] original = purchases.get(random.nextInt(purchases.size()));
                commands.add(slot -> purchase(slot, original, false)); // a retry: answered as the first time
            } else if (kind < 8) {
                long[] original = purchases.get(random.nextInt(purchases.size()));
                long[] other = {original[0], original[1], original[2] + 1};
                commands.add(slot -> purchase(slot, other, false)); // the same id, other content: refused
            } else if (kind < 9) {
                long[] stranger = {i, MEMBERS + 1 + random.nextInt(1_000_000), 500};
                commands.add(slot -> purchase(slot, stranger, false));
            } else {
                long member = 1 + random.nextInt(MEMBERS);
                commands.add(slot -> {
                    slot.reset(CommandType.GET_BALANCE);
                    slot.memberId = member;
                });
            }
        }
        commands.add(slot -> slot.reset(CommandType.STATE_DIGEST));
        return commands;
    }

    private static void purchase(CommandSlot slot, long[] purchase, boolean byCard) {
        slot.reset(CommandType.PURCHASE);
        slot.eventId = new StringBuilder("till-7/receipt-").append(purchase[0]);
        if (byCard) {
            slot.memberIdentityKind = IdentityKind.CARD;
            slot.memberIdentity = "CARD-" + purchase[1];
        } else {
            slot.memberId = purchase[1];
        }
        slot.channel = Channel.CHANNEL_POS.getNumber();
        slot.occurredAtMillis = AT + purchase[0] * 60_000;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = purchase[2];
        slot.partnerId = "accrue-markets";
        slot.storeId = "prague-1";
    }

    /** A fresh state under the fixture's program and a processor, sequencing commands as the journal would. */
    private static final class Engine implements AutoCloseable {
        final EngineState state;
        final LoyaltyProcessor processor;
        private long sequence;

        Engine(Path directory) {
            state = EngineState.open(directory.toFile(), 1_000, 100_000);
            TestPrograms.install(state, ProcessorFixture.PROGRAM);
            processor = new LoyaltyProcessor(state, DurableSequence.ALL, 30 * 86_400_000L, Checkpointer.NONE);
        }

        void sequence(CommandSlot slot) {
            if (slot.type.mutates()) {
                slot.sequence = ++sequence;
            }
        }

        String apply(CommandSlot slot) {
            sequence(slot);
            processor.process(slot);
            return answer(slot);
        }

        static String answer(CommandSlot slot) {
            return slot.type + " " + slot.result + " member=" + slot.resultMemberId + " earned=" + slot.pointsEarned
                    + " available=" + slot.available + " pending=" + slot.pending + " tier=" + slot.tier
                    + " retry=" + slot.retry + " digest=" + slot.digest
                    + (slot.result == ResultCode.OK ? "" : " (refused)");
        }

        @Override
        public void close() {
            state.close();
        }
    }
}
