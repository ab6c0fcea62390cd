package dev.accrue.bench.load;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The workers' stats merged: throughput over the measured window, latency percentiles, errors. */
final class LoadReport {
    final Histogram latency = WorkerStats.newHistogram();
    final Histogram captureLatency = WorkerStats.newHistogram();
    final Histogram sendLag = WorkerStats.newHistogram();
    final Map<String, Long> errors = new TreeMap<>();
    long answered;
    long ok;
    long refused;
    long sent;
    long heldAtCap;
    long droppedInWarmup;
    int peakInFlight;
    /** Open loop: calls per second the schedule asked for; 0 for a closed loop. */
    long targetRate;
    /** The median of the OK counts of each whole second of the window; -1 when not known. */
    double perSecondMedian = -1;
    final double seconds;
    /** CPU nanoseconds over the measured window; -1 when not known. */
    long clientCpuNanos = -1;
    long serverCpuNanos = -1;

    LoadReport(List<WorkerStats> workers, double seconds) {
        this.seconds = seconds;
        for (WorkerStats w : workers) {
            latency.add(w.latency);
            captureLatency.add(w.captureLatency);
            answered += w.answeredMeasured;
            ok += w.okMeasured;
            refused += w.refused;
            sendLag.add(w.sendLag);
            sent += w.sentMeasured;
            heldAtCap += w.heldAtCap;
            droppedInWarmup += w.droppedInWarmup;
            peakInFlight = Math.max(peakInFlight, w.peakInFlight);
            w.errors.forEach((status, count) -> errors.merge(status, count, Long::sum));
        }
    }

    /** OK events (purchases, redemptions) per second over the measured window. */
    double throughput() {
        return ok / seconds;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double micros(double percentile) {
        return micros(latency, percentile);
    }

    double maxMicros() {
        return maxMicros(latency);
    }

    private static double micros(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double maxMicros(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    /** CPU microseconds per OK event, or -1. */
    double cpuMicrosPerPurchase(long cpuNanos) {
        return cpuNanos < 0 || ok == 0 ? -1 : cpuNanos / 1000.0 / ok;
    }

    /** Cores busy on average over the window, or -1. */
    double cores(long cpuNanos) {
        return cpuNanos < 0 ? -1 : cpuNanos / 1e9 / seconds;
    }

    String errorsText() {
        return errors.isEmpty() ? "none" : errors.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Human lines, then the one machine-readable RESULT line (fields are key=value, no spaces). */
    void print(String headline, String unit, String latencyOf, String resultPrefix) {
        System.out.println();
        System.out.println("== " + headline);
        System.out.printf("throughput:  %.1f %s/s OK (%,d in %.1f s)%n", throughput(), unit, ok, seconds);
        if (perSecondMedian >= 0) {
            System.out.printf("per second:  median %.0f %s/s over the window's whole seconds%n", perSecondMedian, unit);
        }
        if (answered != ok) {
            System.out.printf("answers:     %.1f %s/s%n", answered / seconds, latencyOf);
        }
        System.out.printf("latency per %s (us): p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f (n=%,d)%n",
                latencyOf, micros(50), micros(90), micros(99), micros(99.9), maxMicros(), latency.getTotalCount());
        boolean captures = captureLatency.getTotalCount() > 0;
        if (captures) {
            System.out.printf("latency per capture (us): p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f (n=%,d)%n",
                    micros(captureLatency, 50), micros(captureLatency, 90), micros(captureLatency, 99),
                    micros(captureLatency, 99.9), maxMicros(captureLatency), captureLatency.getTotalCount());
        }
        if (targetRate > 0) {
            System.out.printf("open loop:   target %,d calls/s, sent %.1f/s; send lag behind schedule (us): p50=%.1f p99=%.1f p99.9=%.1f max=%.1f%n",
                    targetRate, sent / seconds, micros(sendLag, 50), micros(sendLag, 99), micros(sendLag, 99.9),
                    maxMicros(sendLag));
            System.out.printf("in flight:   at most %d on one connection (stream limit %d); %,d calls waited for a free stream%s%n",
                    peakInFlight, LoadOptions.MAX_STREAMS_PER_CONNECTION, heldAtCap,
                    heldAtCap > 0 ? " (cap hit: their wait is in their latency)" : "");
            if (droppedInWarmup > 0) {
                System.out.printf("warm-up:     %,d calls due in the warm-up dropped, the connection being full%n", droppedInWarmup);
            }
        }
        System.out.println("errors:      " + errorsText());
        if (refused > 0) {
            System.out.printf("refused:     %,d as FAILED_PRECONDITION (redemptions: too few points available)%n", refused);
        }
        String one = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        if (serverCpuNanos >= 0) {
            System.out.printf("server CPU:  %.1f us per %s, %.2f cores busy%n",
                    cpuMicrosPerPurchase(serverCpuNanos), one, cores(serverCpuNanos));
        }
        if (clientCpuNanos >= 0) {
            System.out.printf("client CPU:  %.1f us per %s, %.2f cores busy%n",
                    cpuMicrosPerPurchase(clientCpuNanos), one, cores(clientCpuNanos));
        }
        String captureFields = !captures ? "" : String.format(java.util.Locale.ROOT,
                " captureP50us=%.1f captureP90us=%.1f captureP99us=%.1f captureP999us=%.1f captureMaxus=%.1f captureSamples=%d",
                micros(captureLatency, 50), micros(captureLatency, 90), micros(captureLatency, 99),
                micros(captureLatency, 99.9), maxMicros(captureLatency), captureLatency.getTotalCount());
        String openLoopFields = targetRate == 0 ? "" : String.format(java.util.Locale.ROOT,
                " targetRate=%d sentRate=%.1f sendLagP50us=%.1f sendLagP99us=%.1f sendLagMaxus=%.1f peakInFlight=%d heldAtCap=%d droppedInWarmup=%d",
                targetRate, sent / seconds, micros(sendLag, 50), micros(sendLag, 99), maxMicros(sendLag), peakInFlight,
                heldAtCap, droppedInWarmup);
        System.out.printf(java.util.Locale.ROOT, "RESULT %s throughput=%.1f perSecondMedian=%.0f p50us=%.1f p90us=%.1f p99us=%.1f p999us=%.1f maxus=%.1f "
                        + "latencyOf=%s samples=%d%s%s errors=%d refused=%d errorsByStatus=%s "
                        + "serverCpuUsPerOp=%.2f serverCores=%.2f clientCpuUsPerOp=%.2f clientCores=%.2f%n",
                resultPrefix, throughput(), perSecondMedian, micros(50), micros(90), micros(99), micros(99.9), maxMicros(),
                latencyOf, latency.getTotalCount(), captureFields, openLoopFields, errorCount(), refused, errorsText(),
                cpuMicrosPerPurchase(serverCpuNanos), cores(serverCpuNanos),
                cpuMicrosPerPurchase(clientCpuNanos), cores(clientCpuNanos));
    }
}
