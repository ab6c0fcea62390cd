package dev.accrue.bench.echo;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedeemResult;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcService;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import io.vertx.core.Completable;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * The Redemptions service with nothing behind it, answering with the engine's message types and
 * shapes (see {@link EchoPurchases}).
 */
final class EchoRedemptions extends RedemptionsGrpcService {
    /** What the engine would answer for 10 points redeemed by member 1. */
    static final RedemptionReceipt RECEIPT = RedemptionReceipt.newBuilder()
            .setMemberId(1)
            .setPointsRedeemed(10)
            .setBalance(39_990)
            .setSequence(1)
            .build();
    static final HoldReceipt HOLD = HoldReceipt.newBuilder()
            .setMemberId(1)
            .setPointsHeld(10)
            .setBalance(39_990)
            .setExpiresAt(Timestamp.newBuilder().setSeconds(1_790_000_000))
            .setSequence(1)
            .build();

    @Override
    protected void redeem(RedeemRequest request, Completable<RedemptionReceipt> response) {
        response.succeed(RECEIPT);
    }

    @Override
    protected void hold(HoldRequest request, Completable<HoldReceipt> response) {
        response.succeed(HOLD);
    }

    @Override
    protected void capture(CaptureRequest request, Completable<RedemptionReceipt> response) {
        response.succeed(RECEIPT);
    }

    @Override
    protected void voidHold(VoidHoldRequest request, Completable<HoldReceipt> response) {
        response.succeed(HOLD.toBuilder().setPointsHeld(0).build());
    }

    @Override
    protected void redeemStream(ReadStream<RedeemBatch> batches, WriteStream<RedeemBatchAck> acks) {
        batches.handler(batch -> acks.write(ack(batch)));
        batches.endHandler(ignored -> acks.end());
    }

    private static RedeemBatchAck ack(RedeemBatch batch) {
        RedeemBatchAck.Builder ack = RedeemBatchAck.newBuilder().setBatchId(batch.getBatchId());
        for (int i = 0, n = batch.getRedemptionsCount(); i < n; i++) {
            ack.addResults(RedeemResult.newBuilder()
                    .setEventId(batch.getRedemptions(i).getEventId())
                    .setOutcome(Outcome.OUTCOME_OK)
                    .setReceipt(RECEIPT)
                    .build());
        }
        return ack.build();
    }
}
