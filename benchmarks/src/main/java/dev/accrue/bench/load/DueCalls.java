package dev.accrue.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Handler;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's share of an open-loop schedule, handed from the pacer's thread to the event
 * loop that owns the connection. The pacer only raises a count ({@link #release}); the event loop
 * takes the calls and sends them. Calls must be sent from the connection's own event loop: a
 * Vert.x client called from a foreign thread would queue each call on some context of its own
 * choosing. Many releases share one wake-up of the event loop, as the engine's ContextOutbox does
 * for replies, so a burst of due calls costs one task, not one per call.
 */
final class DueCalls {
    private final RateSchedule schedule;
    private final int connection;
    private final AtomicLong released = new AtomicLong();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final Handler<Void> wake = ignored -> takeWake();
    private volatile boolean closed;
    private Context context;
    private Runnable sendDue;
    /** Event loop only: calls taken so far. */
    private long taken;

    DueCalls(RateSchedule schedule, int connection) {
        this.schedule = schedule;
        this.connection = connection;
    }

    /** On the worker's event loop, before the pacer starts: where to send, and what sends. */
    void attach(Context context, Runnable sendDue) {
        this.context = context;
        this.sendDue = sendDue;
    }

    /** Pacer thread: the first {@code count} calls of this connection are due. */
    void release(long count) {
        if (count > released.get()) {
            released.set(count);
            wake();
        }
    }

    /** Pacer thread: nothing more will be released. */
    void close() {
        closed = true;
        wake();
    }

    /** Event loop: whether a released call is still to be sent. */
    boolean hasNext() {
        return taken < released.get();
    }

    /** Event loop: when the next released call is due. */
    long nextDueAt() {
        return schedule.dueAt(connection, taken);
    }

    /** Event loop: takes the next released call; when it was due. */
    long takeNext() {
        return schedule.dueAt(connection, taken++);
    }

    /** Event loop: the pacer has stopped and every call it released has been taken. */
    boolean exhausted() {
        // closed is read first: once it is set, released holds its final count.
        return closed && taken == released.get();
    }

    private void wake() {
        if (!wakeScheduled.get() && wakeScheduled.compareAndSet(false, true)) {
            context.runOnContext(wake);
        }
    }

    private void takeWake() {
        // Cleared before sending: a release after this line schedules a new wake, so none is stranded.
        wakeScheduled.set(false);
        sendDue.run();
    }
}
