package dev.accrue.engine.app;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x, created on a thread of its own while recovery runs. Creating it loads and initialises
 * Vert.x's and Netty's classes (0.3-0.5 s here), which a restart used to spend after recovery,
 * before serving; recovery mostly waits for the disk and its tables meanwhile. Nothing listens on
 * it until the engine deploys its gRPC servers, after recovery.
 */
final class EarlyVertx implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyVertx.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final CompletableFuture<Vertx> vertx = new CompletableFuture<>();
    private boolean handedOver;

    private EarlyVertx() {
    }

    /** Starts creating Vert.x with {@code eventLoops} event loops. */
    static EarlyVertx start(int eventLoops) {
        EarlyVertx early = new EarlyVertx();
        Thread thread = new Thread(() -> {
            try {
                early.vertx.complete(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops)));
            } catch (Throwable e) {
                early.vertx.completeExceptionally(e);
            }
        }, "accrue-vertx-start");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** Vert.x, once created; still closed by {@link #close} until {@link #handOver}. */
    Vertx await() throws Exception {
        try {
            return vertx.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** From now on the caller closes Vert.x: the engine started. */
    void handOver() {
        handedOver = true;
    }

    /** Closes Vert.x, unless handed over: the start failed. */
    @Override
    public void close() {
        if (handedOver) {
            return;
        }
        try {
            await().close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x created for a start that failed did not close cleanly", e);
        }
    }
}
