package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;

/** StreamPurchases calls, batches drawn from the purchase pool. */
final class PurchaseStreamWorker extends StreamWorker<PurchaseBatch, PurchaseBatchAck> {
    private final PurchasePool pool;
    private PurchasesGrpcClient purchases;

    PurchaseStreamWorker(LoadOptions options, RunWindow window, Progress progress, int index, int streamCount,
                         PurchasePool pool, String runNonce) {
        super(options, window, progress, index, streamCount, pool.size(), runNonce);
        this.pool = pool;
    }

    @Override
    void connect(GrpcClient client, SocketAddress server) {
        purchases = PurchasesGrpcClient.create(client, server);
    }

    @Override
    Future<ReadStream<PurchaseBatchAck>> startCall(Completable<WriteStream<PurchaseBatch>> requests) {
        return purchases.streamPurchases(requests);
    }

    @Override
    PurchaseBatch batch(long batchId, int[] indexes, String[] eventIds) {
        PurchaseBatch.Builder batch = PurchaseBatch.newBuilder().setBatchId(batchId);
        for (int i = 0; i < indexes.length; i++) {
            batch.addPurchases(eventIds[i] != null ? pool.withEventId(indexes[i], eventIds[i]) : pool.get(indexes[i]));
        }
        return batch.build();
    }

    @Override
    long batchId(PurchaseBatchAck ack) {
        return ack.getBatchId();
    }

    @Override
    int resultCount(PurchaseBatchAck ack) {
        return ack.getResultsCount();
    }

    @Override
    Outcome outcome(PurchaseBatchAck ack, int index) {
        return ack.getResults(index).getOutcome();
    }
}
