package dev.accrue.engine.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The wall-clock and CPU time of the phases of a start, for its log line: where a recovery's
 * seconds go. On a shared machine the CPU time tells the work done from the waiting for a core or
 * the disk, and its part in the kernel tells page faults (first touches of mapped state) from
 * the engine's own work. Times the calling thread only.
 */
final class PhaseTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long startedNanos = System.nanoTime();
    private final long startedCpuNanos = THREADS.getCurrentThreadCpuTime();
    private final long startedKernelNanos = startedCpuNanos - THREADS.getCurrentThreadUserTime();
    private final StringBuilder phases = new StringBuilder();
    private long markNanos = startedNanos;
    private long markCpuNanos = startedCpuNanos;
    private long markKernelNanos = startedKernelNanos;

    /** Ends the phase that began at the previous mark (or at construction). */
    void mark(String phase) {
        long now = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long kernel = cpu - THREADS.getCurrentThreadUserTime();
        phases.append(phases.isEmpty() ? "" : ", ").append(phase).append(' ').append(millis(now - markNanos))
                .append(" ms (CPU ").append(millis(cpu - markCpuNanos)).append(", kernel ")
                .append(millis(kernel - markKernelNanos)).append(')');
        markNanos = now;
        markCpuNanos = cpu;
        markKernelNanos = kernel;
    }

    /** "N ms (CPU M, kernel K): phase N ms (CPU M, kernel K), ..." up to the last mark. */
    @Override
    public String toString() {
        return millis(markNanos - startedNanos) + " ms (CPU " + millis(markCpuNanos - startedCpuNanos) + ", kernel "
                + millis(markKernelNanos - startedKernelNanos) + "): " + phases;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
