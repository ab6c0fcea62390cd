package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;

/** Unary RecordPurchase calls from the purchase pool. */
final class PurchaseWorker extends UnaryWorker {
    private final PurchasePool pool;
    private PurchasesGrpcClient purchases;

    PurchaseWorker(LoadOptions options, RunWindow window, Progress progress, int index, int calls, DueCalls due,
                   PurchasePool pool, String runNonce) {
        super(options, window, progress, index, calls, due, pool.size(), runNonce);
        this.pool = pool;
    }

    @Override
    void connect(GrpcClient client, SocketAddress server) {
        purchases = PurchasesGrpcClient.create(client, server);
    }

    @Override
    Future<?> call(int index, String eventId) {
        return purchases.recordPurchase(eventId != null ? pool.withEventId(index, eventId) : pool.get(index));
    }
}
