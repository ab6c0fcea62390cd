package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.net.SocketAddress;

/**
 * RecordPurchase calls, closed loop: {@code calls} in flight, each answer immediately sends the
 * next, until the run window ends; latency from send to answer. Or open loop ({@code ratePerSecond}
 * > 0): calls sent on a fixed schedule whatever the answers do, latency from the time each call was
 * due, so a stall shows in the percentiles instead of slowing the sender (no coordinated omission).
 */
final class UnaryWorker extends LoadWorker {
    private final int calls;
    private final double ratePerSecond;
    private long scheduleStart;
    private long scheduled;
    private final PurchasePool pool;
    private final EventIds eventIds;
    private int cursor;
    private int inFlight;
    private PurchasesGrpcClient purchases;

    UnaryWorker(LoadOptions options, RunWindow window, Progress progress, int index, int calls,
                double ratePerSecond, PurchasePool pool, String runNonce) {
        super(options, window, progress);
        this.calls = calls;
        this.ratePerSecond = ratePerSecond;
        this.pool = pool;
        this.eventIds = new EventIds(runNonce, index);
        this.cursor = (int) ((long) pool.size() * index / Math.max(1, options.effectiveConnections()));
    }

    @Override
    void begin() {
        purchases = PurchasesGrpcClient.create(client, SocketAddress.inetSocketAddress(options.port, options.host));
        if (ratePerSecond > 0) {
            scheduleStart = System.nanoTime();
            vertx.setPeriodic(1, timer -> {
                long now = System.nanoTime();
                if (!window.sending(now)) {
                    vertx.cancelTimer(timer);
                    if (inFlight == 0) {
                        finish();
                    }
                    return;
                }
                long due = (long) ((now - scheduleStart) * ratePerSecond / 1e9);
                for (; scheduled < due; scheduled++) {
                    send(scheduleStart + (long) (scheduled * 1e9 / ratePerSecond));
                }
            });
            return;
        }
        for (int i = 0; i < calls; i++) {
            send(System.nanoTime());
        }
    }

    @Override
    int inFlight() {
        return inFlight;
    }

    private void send(long dueAt) {
        int index = cursor;
        cursor = cursor + 1 == pool.size() ? 0 : cursor + 1;
        Purchase purchase = options.freshEventIds ? pool.withEventId(index, eventIds.next()) : pool.get(index);
        inFlight++;
        purchases.recordPurchase(purchase).onComplete((receipt, failure) -> answered(dueAt, failure));
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
        if (ratePerSecond > 0) {
            if (!window.sending(now) && inFlight == 0) {
                finish();
            }
        } else if (window.sending(now)) {
            send(now);
        } else if (inFlight == 0) {
            finish();
        }
    }
}
