package dev.accrue.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.grpc.client.GrpcClient;

/**
 * One connection's share of the load, on one event loop: everything it touches is confined to that
 * loop, so it needs no locks. It reports its stats once it has nothing in flight, or when the main
 * thread gives up waiting ({@link #abandon}).
 */
abstract class LoadWorker extends VerticleBase {
    final LoadOptions options;
    final RunWindow window;
    final Progress progress;
    final WorkerStats stats = new WorkerStats();
    private final Promise<WorkerStats> done = Promise.promise();
    GrpcClient client;
    private boolean finished;

    LoadWorker(LoadOptions options, RunWindow window, Progress progress) {
        this.options = options;
        this.window = window;
        this.progress = progress;
    }

    @Override
    public final Future<?> start() {
        client = Clients.create(vertx);
        begin();
        return Future.succeededFuture();
    }

    /** Sends the first calls; runs on the worker's event loop. */
    abstract void begin();

    /** Calls, or batches, sent and not yet answered. */
    abstract int inFlight();

    Future<WorkerStats> done() {
        return done.future();
    }

    boolean finished() {
        return finished;
    }

    void finish() {
        if (!finished) {
            finished = true;
            done.complete(stats);
        }
    }

    /** From the main thread: stop waiting for what is still in flight and hand over the stats. */
    void abandon() {
        context.runOnContext(ignored -> {
            if (!finished) {
                stats.errors("UNANSWERED_AT_END", inFlight());
                finish();
            }
        });
    }

    @Override
    public Future<?> stop() {
        return client != null ? client.close() : Future.succeededFuture();
    }
}
