package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;

/** Redemptions.RedeemStream calls, batches drawn from the redemption pool. */
final class RedeemStreamWorker extends StreamWorker<RedeemBatch, RedeemBatchAck> {
    private final RedemptionPool pool;
    private RedemptionsGrpcClient redemptions;

    RedeemStreamWorker(LoadOptions options, RunWindow window, Progress progress, int index, int streamCount,
                       RedemptionPool pool, String runNonce) {
        super(options, window, progress, index, streamCount, pool.size(), runNonce);
        this.pool = pool;
    }

    @Override
    void connect(GrpcClient client, SocketAddress server) {
        redemptions = RedemptionsGrpcClient.create(client, server);
    }

    @Override
    Future<ReadStream<RedeemBatchAck>> startCall(Completable<WriteStream<RedeemBatch>> requests) {
        return redemptions.redeemStream(requests);
    }

    @Override
    RedeemBatch batch(long batchId, int[] indexes, String[] eventIds) {
        RedeemBatch.Builder batch = RedeemBatch.newBuilder().setBatchId(batchId);
        for (int i = 0; i < indexes.length; i++) {
            batch.addRedemptions(pool.redeem(indexes[i], eventIds[i]));
        }
        return batch.build();
    }

    @Override
    long batchId(RedeemBatchAck ack) {
        return ack.getBatchId();
    }

    @Override
    int resultCount(RedeemBatchAck ack) {
        return ack.getResultsCount();
    }

    @Override
    Outcome outcome(RedeemBatchAck ack, int index) {
        return ack.getResults(index).getOutcome();
    }
}
