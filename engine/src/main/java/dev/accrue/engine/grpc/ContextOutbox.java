package dev.accrue.engine.grpc;

import io.vertx.core.Context;
import io.vertx.core.Handler;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replies bound for one event loop. The reply thread queues them; the event loop runs every queued
 * reply in one task. Under load many replies share one wake-up of the event loop instead of each
 * paying for its own cross-thread hand-off.
 */
public final class ContextOutbox {
    private final Context context;
    private final Queue<Runnable> replies = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Handler<Void> drain = ignored -> drain();

    public ContextOutbox(Context context) {
        this.context = context;
    }

    /** Runs {@code reply} on the outbox's event loop. Called from the reply thread. */
    void send(Runnable reply) {
        replies.offer(reply);
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(drain);
        }
    }

    private void drain() {
        // Cleared first: a reply queued after this line schedules a new drain, so none is stranded.
        drainScheduled.set(false);
        Runnable reply;
        while ((reply = replies.poll()) != null) {
            reply.run();
        }
    }
}
