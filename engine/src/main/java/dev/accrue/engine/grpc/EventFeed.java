package dev.accrue.engine.grpc;

import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.MovementLog;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that serves every MemberEvents subscription from the movement log. Each pass
 * reads on for every subscription that can take more ({@link EventSubscription#poll}); with
 * nothing to do it parks until the log's writer has written more or a client has taken what it
 * was sent. One thread for all subscribers, so they cost nothing while idle, read a backlog at
 * their client's pace, and never touch the business thread, which only hands its buffers to the
 * log's writer.
 *
 * <pre>
 *  business thread ──buffer──▶ movement writer ──file──▶ EventFeed ──chunks──▶ each call's event loop
 *                                    └────────── wake ─────────▲    ▲──── wake (client took a chunk)
 * </pre>
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    /** Subscriptions served at once: each keeps a file, a read-ahead buffer and a chunk of events. */
    public static final int MAX_SUBSCRIPTIONS = 64;
    /** A parked feed looks again this often even if no wake-up reaches it. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long END_TIMEOUT_SECONDS = 5;
    static final String SHUTTING_DOWN = "the engine is shutting down; subscribe again with after = the last sequence processed";

    private final MovementLog log;
    private final MovementEvents events;
    private final List<EventSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean open = true;

    public EventFeed(MovementLog log, ProgramVersions programs) {
        this.log = log;
        this.events = new MovementEvents(programs);
        thread = new Thread(this::run, "accrue-event-feed");
        thread.setDaemon(true);
        log.onWritten(this::wake);
        thread.start();
    }

    /** False if the feed is closed or serves {@link #MAX_SUBSCRIPTIONS} already. */
    synchronized boolean add(EventSubscription subscription) {
        if (!open || subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            return false;
        }
        subscriptions.add(subscription);
        wake();
        return true;
    }

    boolean isOpen() {
        return open;
    }

    /** Any thread: there may be work (more written, a client ready for more, a call ended). */
    void wake() {
        LockSupport.unpark(thread);
    }

    private void run() {
        while (open) {
            int work = 0;
            for (EventSubscription subscription : subscriptions) {
                work += serve(subscription);
            }
            if (work == 0) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    private int serve(EventSubscription subscription) {
        if (subscription.ended()) {
            subscriptions.remove(subscription);
            subscription.close();
            return 0;
        }
        try {
            return subscription.poll(log, events);
        } catch (RuntimeException e) {
            LOG.error("cannot read the movement log for a subscriber", e);
            subscription.end(GrpcStatus.UNAVAILABLE, "the engine cannot read its event log; "
                    + "subscribe again with after = the last sequence processed");
            return 1;
        }
    }

    /**
     * Stops the thread and ends every call with UNAVAILABLE, so clients resume from their last
     * sequence once the engine is back; waits a little for the ends to go out.
     */
    @Override
    public void close() {
        synchronized (this) {
            open = false;
        }
        wake();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Future<Void>> ends = new ArrayList<>();
        for (EventSubscription subscription : subscriptions) {
            ends.add(subscription.end(GrpcStatus.UNAVAILABLE, SHUTTING_DOWN));
        }
        try {
            Future.all(ends).await(END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("not every subscription ended cleanly", e);
        }
        subscriptions.forEach(EventSubscription::close);
        subscriptions.clear();
    }
}
