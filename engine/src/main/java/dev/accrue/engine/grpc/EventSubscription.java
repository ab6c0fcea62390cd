package dev.accrue.engine.grpc;

import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.state.MovementLog;
import dev.accrue.engine.state.MovementReader;
import dev.accrue.loyalty.v1.MemberEvent;
import dev.accrue.loyalty.v1.SubscribeRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * One Subscribe call: its place in the movement log, its kind filter and its flow control. The
 * {@link EventFeed} thread reads movements from the cursor ({@link #poll}) and hands a chunk of
 * events to the call's event loop, which writes them ({@link #deliver}); the next chunk is read
 * only once the stream takes more, so a slow client holds at most one chunk in the server beyond
 * its stream's own queue, and the file is read at the client's pace.
 *
 * <pre>
 *  feed thread:  poll ──read log from cursor──▶ chunk ──runOnContext──▶ event loop: deliver ──write──▶ client
 *                  ▲                                                          │
 *                  └──────── ready = true, wake ◀── stream not full (or drained)
 * </pre>
 *
 * Fields are the feed thread's but for the two volatile flags, which cross to the event loop.
 */
final class EventSubscription {
    /** Events per hand-off to the event loop: a few hundred, so a backlog streams in big writes. */
    static final int CHUNK_EVENTS = 256;
    /** Movements read per poll when the filter skips most: the feed thread serves others between. */
    private static final int MAX_READ_PER_POLL = 4 * CHUNK_EVENTS;

    private final EventFeed feed;
    private final Context context;
    private final GrpcServerResponse<SubscribeRequest, MemberEvent> response;
    /** By movement kind ordinal; null for every kind. */
    private final boolean[] wanted;
    private final Movement movement = new Movement();
    private MovementReader reader;
    private long cursor;
    private boolean checked;
    /** The event loop has written the last chunk and the stream has room: the feed may read on. */
    private volatile boolean ready = true;
    /** Cancelled, disconnected, failed or ending: the feed drops it. */
    private volatile boolean ended;
    /** Event loop: the call is over (ended by us, or the client went away). */
    private boolean finished;

    EventSubscription(EventFeed feed, Context context, GrpcServerResponse<SubscribeRequest, MemberEvent> response,
                      long after, boolean[] wanted) {
        this.feed = feed;
        this.context = context;
        this.response = response;
        this.cursor = after;
        this.wanted = wanted;
    }

    boolean ended() {
        return ended;
    }

    /**
     * Feed thread: reads on from the cursor and hands what the client wants to the event loop.
     * Returns how many movements it read (0: nothing to do).
     */
    int poll(MovementLog log, MovementEvents events) {
        if (ended || !ready) {
            return 0;
        }
        if (reader == null) {
            reader = log.reader();
        }
        if (!checked && !checkCursor()) {
            return 1;
        }
        List<MemberEvent> chunk = null;
        int read = 0;
        while (read < MAX_READ_PER_POLL && (chunk == null || chunk.size() < CHUNK_EVENTS)) {
            long next = reader.read(cursor, movement);
            if (next == MovementReader.NOT_YET) {
                break;
            }
            read++;
            if (wanted == null || wanted[movement.kind.ordinal()]) {
                if (chunk == null) {
                    chunk = new ArrayList<>();
                }
                chunk.add(events.of(movement, next, reader));
            }
            cursor = next;
        }
        if (chunk != null) {
            ready = false;
            List<MemberEvent> handed = chunk;
            context.runOnContext(ignored -> deliver(handed));
        }
        return read;
    }

    /** A cursor is a sequence this API gave: the end of a movement, hence the start of the next. */
    private boolean checkCursor() {
        long readable = reader.readable();
        if (cursor < 0 || cursor > readable) { // < 0: a uint64 beyond a long
            end(GrpcStatus.OUT_OF_RANGE, "after (" + Long.toUnsignedString(cursor) + ") is beyond the last event "
                    + "the engine has (sequence " + readable + "); pass the sequence of the last event received");
            return false;
        }
        if (!reader.isBoundary(cursor)) {
            end(GrpcStatus.INVALID_ARGUMENT, "after (" + cursor + ") is not a sequence this API gave; pass the "
                    + "sequence of the last event received, or 0 for every event");
            return false;
        }
        checked = true;
        return true;
    }

    /** Event loop: writes the chunk, then lets the feed read on once the stream has room. */
    private void deliver(List<MemberEvent> chunk) {
        if (ended || finished) {
            return;
        }
        for (MemberEvent event : chunk) {
            response.write(event);
        }
        if (response.writeQueueFull()) {
            response.drainHandler(ignored -> resume());
        } else {
            resume();
        }
    }

    private void resume() {
        ready = true;
        feed.wake();
    }

    /** Event loop: the client cancelled or went away. */
    void cancelled() {
        finished = true;
        ended = true;
        feed.wake();
    }

    /** Any thread: ends the call with {@code status}, unless it is over already; completes once it is. */
    Future<Void> end(GrpcStatus status, String message) {
        ended = true;
        Promise<Void> over = Promise.promise();
        context.runOnContext(ignored -> {
            if (finished) {
                over.complete();
                return;
            }
            finished = true;
            response.status(status).statusMessage(message).end().onComplete(ar -> over.complete());
        });
        feed.wake();
        return over.future();
    }

    /** Feed thread, once the feed has dropped it. */
    void close() {
        ended = true;
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
