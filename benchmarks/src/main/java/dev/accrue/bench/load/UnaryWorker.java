package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.net.SocketAddress;

/**
 * Closed-loop RecordPurchase calls: {@code calls} in flight, each answer immediately sends the
 * next, until the run window ends. Latency is per call, from send to answer.
 */
final class UnaryWorker extends LoadWorker {
    private final int calls;
    private final PurchasePool pool;
    private final EventIds eventIds;
    private int cursor;
    private int inFlight;
    private PurchasesGrpcClient purchases;

    UnaryWorker(LoadOptions options, RunWindow window, Progress progress, int index, int calls,
                PurchasePool pool, String runNonce) {
        super(options, window, progress);
        this.calls = calls;
        this.pool = pool;
        this.eventIds = new EventIds(runNonce, index);
        this.cursor = (int) ((long) pool.size() * index / Math.max(1, options.effectiveConnections()));
    }

    @Override
    void begin() {
        purchases = PurchasesGrpcClient.create(client, SocketAddress.inetSocketAddress(options.port, options.host));
        for (int i = 0; i < calls; i++) {
            send();
        }
    }

    @Override
    int inFlight() {
        return inFlight;
    }

    private void send() {
        int index = cursor;
        cursor = cursor + 1 == pool.size() ? 0 : cursor + 1;
        Purchase purchase = options.freshEventIds ? pool.withEventId(index, eventIds.next()) : pool.get(index);
        inFlight++;
        long sentAt = System.nanoTime();
        purchases.recordPurchase(purchase).onComplete((receipt, failure) -> answered(sentAt, failure));
    }

    private void answered(long sentAt, Throwable failure) {
        inFlight--;
        if (finished()) {
            return;
        }
        long now = System.nanoTime();
        if (failure == null) {
            progress.ok.increment();
            if (window.measures(now)) {
                stats.answeredMeasured++;
                stats.okMeasured++;
                stats.recordLatency(now - sentAt);
            }
        } else {
            progress.errors.increment();
            stats.error(GrpcErrors.statusOf(failure));
            if (window.measures(now)) {
                stats.answeredMeasured++;
            }
        }
        if (window.sending(now)) {
            send();
        } else if (inFlight == 0) {
            finish();
        }
    }
}
