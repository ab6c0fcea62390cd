package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;

/** Unary Redemptions.Redeem calls from the redemption pool. */
final class RedeemWorker extends UnaryWorker {
    private final RedemptionPool pool;
    private RedemptionsGrpcClient redemptions;

    RedeemWorker(LoadOptions options, RunWindow window, Progress progress, int index, int calls, DueCalls due,
                 RedemptionPool pool, String runNonce) {
        super(options, window, progress, index, calls, due, pool.size(), runNonce);
        this.pool = pool;
    }

    @Override
    void connect(GrpcClient client, SocketAddress server) {
        redemptions = RedemptionsGrpcClient.create(client, server);
    }

    @Override
    Future<?> call(int index, String eventId) {
        return redemptions.redeem(pool.redeem(index, eventId));
    }
}
