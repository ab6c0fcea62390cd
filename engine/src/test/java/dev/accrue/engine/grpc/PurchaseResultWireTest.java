package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseResult;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bytes written by hand are the bytes protobuf gives for the messages the stream used to build. */
class PurchaseResultWireTest {
    private static final PurchaseBatches PURCHASES = new PurchaseBatches(null);
    private static final long[] EDGES = {0, 1, -1, 127, 128, 16_383, 16_384, Long.MAX_VALUE, Long.MIN_VALUE,
            Integer.MAX_VALUE, 1L << 35, -(1L << 40)};
    private static final String[] TEXTS = {"", "base", "tier", "category-grocery", "p-1", "ünïcødé", "€uro",
            "emoji-\uD83D\uDE00", "lone-\uD800-surrogate", "x".repeat(200)};

    @Test
    void aRecordedPurchaseIsWrittenAsProtobufWouldWriteItsResult() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 5_000; n++) {
            CommandSlot slot = randomReceipt(random);

            WireBuffer out = new WireBuffer(8);
            PurchaseResultWire.writeApplied(slot, out);

            byte[] expected = PurchaseBatchAck.newBuilder().addResults(PURCHASES.applied(slot)).build().toByteArray();
            assertArrayEquals(expected, Arrays.copyOf(out.array(), out.length()), "seed " + seed + ", case " + n);
        }
    }

    @Test
    void anAckOnTheWireHasTheBytesOfTheAckBuiltAsMessages() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 500; n++) {
            long batchId = random.nextInt(4) == 0 ? 0 : random.nextLong();
            int size = 1 + random.nextInt(30);
            BatchAck<PurchaseBatch, PurchaseResult, PurchaseBatchAck> wire = new BatchAck<>(null, PURCHASES, batchId, size, true);
            BatchAck<PurchaseBatch, PurchaseResult, PurchaseBatchAck> messages = new BatchAck<>(null, PURCHASES, batchId, size, false);
            // More than the batch will answer: the test has no stream to hand a finished ack to.
            wire.awaitEngine(size + 1);
            messages.awaitEngine(size + 1);
            for (int i = 0; i < size; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        wire.reject(i, "bad-" + i, "purchases[" + i + "].total_minor: must be positive");
                        messages.reject(i, "bad-" + i, "purchases[" + i + "].total_minor: must be positive");
                    }
                    case 1 -> {
                        CommandSlot refused = randomReceipt(random);
                        refused.result = ResultCode.INSUFFICIENT_POINTS;
                        refused.replyIndex = i;
                        wire.complete(refused);
                        messages.complete(refused);
                    }
                    default -> {
                        CommandSlot applied = randomReceipt(random);
                        applied.replyIndex = i;
                        wire.complete(applied);
                        messages.complete(applied);
                    }
                }
            }

            Buffer bytes = wire.wireAck();

            assertArrayEquals(messages.build().toByteArray(), bytes.getBytes(), "seed " + seed + ", case " + n);
        }
    }

    @Test
    void anAckOfRefusalsOnlyStillCarriesItsBatchId() throws Exception {
        BatchAck<PurchaseBatch, PurchaseResult, PurchaseBatchAck> wire = new BatchAck<>(null, PURCHASES, 42, 2, true);
        wire.reject(0, "e-0", "purchases[0].event_id: required");
        wire.reject(1, "e-1", "purchases[1].event_id: required");

        PurchaseBatchAck ack = PurchaseBatchAck.parseFrom(wire.wireAck().getBytes());

        assertEquals(42, ack.getBatchId());
        assertEquals(2, ack.getResultsCount());
        assertEquals(Outcome.OUTCOME_INVALID_ARGUMENT, ack.getResults(1).getOutcome());
    }

    private static CommandSlot randomReceipt(SplittableRandom random) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);
        slot.result = ResultCode.OK;
        slot.eventId = random.nextBoolean() ? "purchase-" + random.nextLong() : text(random);
        slot.resultMemberId = number(random);
        slot.pointsEarned = number(random);
        slot.available = number(random);
        slot.sequence = number(random);
        slot.pending = number(random);
        slot.tier = random.nextInt(8) == 0 ? (int) number(random) : random.nextInt(5);
        slot.programVersion = number(random);
        int rules = random.nextInt(6);
        for (int i = 0; i < rules; i++) {
            slot.earnedByRule(text(random) + i, number(random));
        }
        return slot;
    }

    private static long number(SplittableRandom random) {
        return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong(-1_000_000, 1_000_000);
    }

    private static String text(SplittableRandom random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }
}
