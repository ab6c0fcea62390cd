package dev.accrue.bench.load;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;

/**
 * Closed-loop unary calls: {@code calls} in flight, each answer immediately sends the next, until
 * the run window ends. Latency is per call, from send to answer. Subclasses say which call.
 */
abstract class UnaryWorker extends LoadWorker {
    private final int calls;
    private final int poolSize;
    private final EventIds eventIds;
    private int cursor;
    private int inFlight;

    UnaryWorker(LoadOptions options, RunWindow window, Progress progress, int index, int calls, int poolSize,
                String runNonce) {
        super(options, window, progress);
        this.calls = calls;
        this.poolSize = poolSize;
        this.eventIds = new EventIds(runNonce, index);
        this.cursor = (int) ((long) poolSize * index / Math.max(1, options.effectiveConnections()));
    }

    /** Creates the service's client stub; on the worker's event loop, before the first call. */
    abstract void connect(GrpcClient client, SocketAddress server);

    /** Sends the pooled request at {@code index}, with {@code eventId} in place of its own unless null. */
    abstract Future<?> call(int index, String eventId);

    @Override
    final void begin() {
        connect(client, SocketAddress.inetSocketAddress(options.port, options.host));
        for (int i = 0; i < calls; i++) {
            send();
        }
    }

    @Override
    final int inFlight() {
        return inFlight;
    }

    private void send() {
        int index = cursor;
        cursor = cursor + 1 == poolSize ? 0 : cursor + 1;
        inFlight++;
        long sentAt = System.nanoTime();
        call(index, options.freshEventIds ? eventIds.next() : null).onComplete((reply, failure) -> answered(sentAt, failure));
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
