package dev.accrue.bench.load;

import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.net.SocketAddress;

/**
 * A till's two-step redemption, closed loop: {@code pairs} in flight, each a Hold then, once it is
 * answered, the Capture of the whole hold; the capture's answer starts the next pair. Latency is
 * recorded per call, holds and captures apart; throughput counts captured holds. Event ids are
 * always fresh (a pooled hold id would be a retry, and its capture a refusal).
 */
final class HoldCaptureWorker extends LoadWorker {
    private final int pairs;
    private final RedemptionPool pool;
    private final EventIds eventIds;
    private int cursor;
    private int inFlight;
    private RedemptionsGrpcClient redemptions;

    HoldCaptureWorker(LoadOptions options, RunWindow window, Progress progress, int index, int pairs,
                      RedemptionPool pool, String runNonce) {
        super(options, window, progress);
        this.pairs = pairs;
        this.pool = pool;
        this.eventIds = new EventIds(runNonce, index);
        this.cursor = (int) ((long) pool.size() * index / Math.max(1, options.effectiveConnections()));
    }

    @Override
    void begin() {
        redemptions = RedemptionsGrpcClient.create(client, SocketAddress.inetSocketAddress(options.port, options.host));
        for (int i = 0; i < pairs; i++) {
            hold();
        }
    }

    @Override
    int inFlight() {
        return inFlight;
    }

    private void hold() {
        int index = cursor;
        cursor = cursor + 1 == pool.size() ? 0 : cursor + 1;
        String holdId = eventIds.next();
        inFlight++;
        long sentAt = System.nanoTime();
        redemptions.hold(pool.hold(index, holdId)).onComplete((receipt, failure) -> {
            if (finished()) {
                inFlight--;
                return;
            }
            long now = System.nanoTime();
            if (window.measures(now)) {
                stats.answeredMeasured++;
                if (failure == null) {
                    stats.recordLatency(now - sentAt);
                }
            }
            if (failure == null) {
                capture(index, holdId);
            } else {
                failed(failure);
                next(now);
            }
        });
    }

    private void capture(int index, String holdId) {
        long sentAt = System.nanoTime();
        redemptions.capture(pool.capture(index, holdId, holdId + "-c")).onComplete((receipt, failure) -> {
            if (finished()) {
                inFlight--;
                return;
            }
            long now = System.nanoTime();
            if (failure == null) {
                progress.ok.increment();
                if (window.measures(now)) {
                    stats.answeredMeasured++;
                    stats.okMeasured++;
                    stats.recordCaptureLatency(now - sentAt);
                }
            } else {
                failed(failure);
                if (window.measures(now)) {
                    stats.answeredMeasured++;
                }
            }
            next(now);
        });
    }

    private void failed(Throwable failure) {
        progress.errors.increment();
        stats.error(GrpcErrors.statusOf(failure));
    }

    /** A pair is over: start the next one while the window sends, else finish once none is in flight. */
    private void next(long now) {
        inFlight--;
        if (window.sending(now)) {
            hold();
        } else if (inFlight == 0) {
            finish();
        }
    }
}
