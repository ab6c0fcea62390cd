package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedeemResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The bytes written by hand are the bytes protobuf gives for the messages RedeemStream used to build. */
class RedeemResultWireTest {
    private static final RedeemBatches REDEMPTIONS = RedeemBatches.INSTANCE;
    private static final long[] EDGES = {0, 1, -1, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, -(1L << 40)};

    @Test
    void anAppliedRedemptionIsWrittenAsProtobufWouldWriteItsResult() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 5_000; n++) {
            CommandSlot slot = randomReceipt(random);

            WireBuffer out = new WireBuffer(8);
            RedeemResultWire.writeApplied(slot, out);

            byte[] expected = RedeemBatchAck.newBuilder().addResults(REDEMPTIONS.applied(slot)).build().toByteArray();
            assertArrayEquals(expected, Arrays.copyOf(out.array(), out.length()), "seed " + seed + ", case " + n);
        }
    }

    @Test
    void anAckOnTheWireHasTheBytesOfTheAckBuiltAsMessages() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 300; n++) {
            long batchId = random.nextInt(4) == 0 ? 0 : random.nextLong();
            int size = 1 + random.nextInt(20);
            BatchAck<RedeemBatch, RedeemResult, RedeemBatchAck> wire = new BatchAck<>(null, REDEMPTIONS, batchId, size, true);
            BatchAck<RedeemBatch, RedeemResult, RedeemBatchAck> messages = new BatchAck<>(null, REDEMPTIONS, batchId, size, false);
            // More than the batch will answer: the test has no stream to hand a finished ack to.
            wire.awaitEngine(size + 1);
            messages.awaitEngine(size + 1);
            for (int i = 0; i < size; i++) {
                if (random.nextInt(3) == 0) {
                    wire.reject(i, "bad-" + i, "redemptions[" + i + "].points: must be positive");
                    messages.reject(i, "bad-" + i, "redemptions[" + i + "].points: must be positive");
                } else {
                    CommandSlot slot = randomReceipt(random);
                    slot.replyIndex = i;
                    if (random.nextInt(4) == 0) {
                        slot.result = ResultCode.INSUFFICIENT_POINTS;
                    }
                    wire.complete(slot);
                    messages.complete(slot);
                }
            }

            assertArrayEquals(messages.build().toByteArray(), wire.wireAck().getBytes(), "seed " + seed + ", case " + n);
        }
    }

    private static CommandSlot randomReceipt(SplittableRandom random) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.REDEEM);
        slot.result = ResultCode.OK;
        slot.eventId = random.nextBoolean() ? "redeem-" + random.nextLong() : "rédemption-€-" + random.nextInt(100);
        slot.resultMemberId = number(random);
        slot.pointsEarned = number(random);
        slot.available = number(random);
        slot.sequence = number(random);
        if (random.nextBoolean()) {
            slot.wallet = "coffee";
            slot.walletCount = 2;
            slot.walletIds[0] = "tea";
            slot.walletBalances[0] = number(random);
            slot.walletIds[1] = "coffee";
            slot.walletBalances[1] = number(random);
        }
        return slot;
    }

    private static long number(SplittableRandom random) {
        return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong(-1_000_000, 1_000_000);
    }
}
