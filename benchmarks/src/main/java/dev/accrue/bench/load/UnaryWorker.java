package dev.accrue.bench.load;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;

/**
 * Unary calls on one connection, in one of two loops. Subclasses say which call.
 *
 * <ul>
 *   <li>Closed loop ({@code due} null): {@code calls} in flight, each answer immediately sends the
 *       next, until the run window ends. Latency from send to answer; what counts is when the
 *       answer came.</li>
 *   <li>Open loop: calls are sent as the {@link RatePacer} releases them, whatever the answers do.
 *       Latency counts from each call's <em>due</em> time, so a stall of the server (or of this
 *       generator) shows as latency instead of quietly lowering the rate (no coordinated
 *       omission), and a call counts in the results when it was due within the measured window.
 *       In flight is bounded only by the server's stream limit per connection; calls due beyond it
 *       wait here, their wait counted in their latency and reported ({@link WorkerStats#heldAtCap}).</li>
 * </ul>
 */
abstract class UnaryWorker extends LoadWorker {
    private final int calls;
    private final DueCalls due;
    private final int poolSize;
    private final EventIds eventIds;
    private int cursor;
    private int inFlight;
    /** Open loop: due calls are waiting for a free stream. */
    private boolean holding;

    /** {@code due}: this connection's share of the open-loop schedule, or null for a closed loop of {@code calls}. */
    UnaryWorker(LoadOptions options, RunWindow window, Progress progress, int index, int calls, DueCalls due,
                int poolSize, String runNonce) {
        super(options, window, progress);
        this.calls = calls;
        this.due = due;
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
        if (due != null) {
            due.attach(context, this::sendDue);
            return;
        }
        for (int i = 0; i < calls; i++) {
            send(System.nanoTime());
        }
    }

    @Override
    final int inFlight() {
        return inFlight;
    }

    /**
     * Open loop: sends what the pacer has released, as far as the stream limit allows. Calls due in
     * the warm-up that find the connection full are dropped, not held: a cold JVM falls behind its
     * schedule at first, and a backlog carried over would be measured as the server's latency.
     */
    private void sendDue() {
        while (due.hasNext()) {
            if (inFlight >= LoadOptions.MAX_STREAMS_PER_CONNECTION) {
                if (due.nextDueAt() >= window.measureStart) {
                    break;
                }
                due.takeNext();
                stats.droppedInWarmup++;
                continue;
            }
            long dueAt = due.takeNext();
            long now = System.nanoTime();
            if (window.measures(dueAt)) {
                stats.recordSendLag(now - dueAt);
                if (holding) {
                    stats.heldAtCap++;
                }
            }
            if (window.measures(now)) {
                stats.sentMeasured++;
            }
            send(dueAt);
        }
        holding = due.hasNext();
        if (due.exhausted() && inFlight == 0) {
            finish();
        }
    }

    private void send(long dueAt) {
        int index = cursor;
        cursor = cursor + 1 == poolSize ? 0 : cursor + 1;
        inFlight++;
        stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
        call(index, options.freshEventIds ? eventIds.next() : null).onComplete((reply, failure) -> answered(dueAt, failure));
    }

    private void answered(long dueAt, Throwable failure) {
        inFlight--;
        if (finished()) {
            return;
        }
        long now = System.nanoTime();
        boolean answeredInWindow = window.measures(now);
        boolean timedInWindow = due == null ? answeredInWindow : window.measures(dueAt);
        if (answeredInWindow) {
            stats.answeredMeasured++;
        }
        if (failure == null) {
            progress.ok.increment();
            if (answeredInWindow) {
                stats.okMeasured++;
            }
            if (timedInWindow) {
                stats.recordLatency(now - dueAt);
            }
        } else {
            progress.errors.increment();
            stats.error(GrpcErrors.statusOf(failure));
        }
        if (due != null) {
            sendDue();
        } else if (window.sending(now)) {
            send(now);
        } else if (inFlight == 0) {
            finish();
        }
    }
}
