package dev.accrue.bench.load;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What one worker saw; touched only on its event loop, merged by the main thread once the worker
 * is done. Latencies are in nanoseconds, from sending a call (or batch) to its answer; in an open
 * loop, from the time the call was due.
 */
final class WorkerStats {
    /** Latencies up to a minute, to three significant digits. */
    static Histogram newHistogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    }

    /** Per call (unary), per batch (stream), per Hold call (hold-capture). */
    final Histogram latency = newHistogram();
    /** hold-capture: per Capture call. */
    final Histogram captureLatency = newHistogram();
    /** Open loop: from each call's due time to its sending, for calls due in the measured window. */
    final Histogram sendLag = newHistogram();
    /** Calls (unary) or batches (stream) answered within the measured window. */
    long answeredMeasured;
    /** Events (purchases, redemptions, captured holds) done OK within the measured window. */
    long okMeasured;
    /**
     * Events refused as FAILED_PRECONDITION over the whole run, also counted in {@link #errors}: in
     * redemption modes, too few points available (or, for holds, too many open holds).
     */
    long refused;
    /** Open loop: calls sent within the measured window. */
    long sentMeasured;
    /** Open loop: calls due in the measured window that waited for a free stream (the server's limit per connection). */
    long heldAtCap;
    /** Open loop: calls due in the warm-up not sent because the connection was full (see UnaryWorker). */
    long droppedInWarmup;
    /** Unary: the most calls in flight at once on the connection. */
    int peakInFlight;
    /** Failed calls and refused events, by gRPC status or batch outcome, over the whole run. */
    final Map<String, Long> errors = new TreeMap<>();

    void recordLatency(long nanos) {
        latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
    }

    void recordCaptureLatency(long nanos) {
        captureLatency.recordValue(Math.min(nanos, captureLatency.getHighestTrackableValue()));
    }

    void recordSendLag(long nanos) {
        sendLag.recordValue(Math.min(nanos, sendLag.getHighestTrackableValue()));
    }

    void error(String status) {
        errors.merge(status, 1L, Long::sum);
        if (status.endsWith("FAILED_PRECONDITION")) {
            refused++;
        }
    }

    void errors(String status, long count) {
        errors.merge(status, count, Long::sum);
    }
}
