package dev.accrue.bench.load;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What one worker saw; touched only on its event loop, merged by the main thread once the worker
 * is done. Latencies are in nanoseconds, from sending a call (or batch) to its answer.
 */
final class WorkerStats {
    /** Latencies up to a minute, to three significant digits. */
    static Histogram newHistogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    }

    final Histogram latency = newHistogram();
    /** Calls (unary) or batches (stream) answered within the measured window. */
    long answeredMeasured;
    /** Purchases recorded OK within the measured window. */
    long okMeasured;
    /** Failed calls and refused events, by gRPC status or batch outcome, over the whole run. */
    final Map<String, Long> errors = new TreeMap<>();

    void recordLatency(long nanos) {
        latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
    }

    void error(String status) {
        errors.merge(status, 1L, Long::sum);
    }

    void errors(String status, long count) {
        errors.merge(status, count, Long::sum);
    }
}
