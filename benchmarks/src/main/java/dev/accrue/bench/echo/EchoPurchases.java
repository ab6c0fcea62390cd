package dev.accrue.bench.echo;

import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchaseResult;
import dev.accrue.loyalty.v1.PurchasesGrpcService;
import io.vertx.core.Completable;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * The Purchases service with nothing behind it: no validation, no ring, no state. It answers with
 * the same message types and shapes the engine sends, so what separates the two in a load test is
 * the engine's work, not the size of the replies.
 */
final class EchoPurchases extends PurchasesGrpcService {
    /** What the engine would answer for a 42.99 EUR purchase by member 1. */
    static final PurchaseReceipt RECEIPT = PurchaseReceipt.newBuilder()
            .setMemberId(1)
            .setPointsEarned(42)
            .setBalance(4_200)
            .setSequence(1)
            .build();

    @Override
    protected void recordPurchase(Purchase purchase, Completable<PurchaseReceipt> response) {
        response.succeed(RECEIPT);
    }

    @Override
    protected void streamPurchases(ReadStream<PurchaseBatch> batches, WriteStream<PurchaseBatchAck> acks) {
        // One ack per batch, in order, one OK result per purchase with its event id echoed: the
        // engine's ack, built per batch as the engine builds it.
        batches.handler(batch -> acks.write(ack(batch)));
        batches.endHandler(ignored -> acks.end());
    }

    private static PurchaseBatchAck ack(PurchaseBatch batch) {
        PurchaseBatchAck.Builder ack = PurchaseBatchAck.newBuilder().setBatchId(batch.getBatchId());
        for (int i = 0, n = batch.getPurchasesCount(); i < n; i++) {
            ack.addResults(PurchaseResult.newBuilder()
                    .setEventId(batch.getPurchases(i).getEventId())
                    .setOutcome(Outcome.OUTCOME_OK)
                    .setReceipt(RECEIPT)
                    .build());
        }
        return ack.build();
    }
}
