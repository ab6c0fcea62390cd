package dev.accrue.bench.load;

/**
 * The run's timeline on System.nanoTime(): warm-up from {@code start}, measured from
 * {@link #measureStart} to {@link #end}, after which no new call or batch is sent.
 */
final class RunWindow {
    final long start;
    final long measureStart;
    final long end;

    private RunWindow(long start, long measureStart, long end) {
        this.start = start;
        this.measureStart = measureStart;
        this.end = end;
    }

    static RunWindow startingNow(int warmupSeconds, int durationSeconds) {
        long now = System.nanoTime();
        long measureStart = now + warmupSeconds * 1_000_000_000L;
        return new RunWindow(now, measureStart, measureStart + durationSeconds * 1_000_000_000L);
    }

    /** Whether something completing at {@code nanos} counts in the results. */
    boolean measures(long nanos) {
        return nanos >= measureStart && nanos < end;
    }

    boolean sending(long nanos) {
        return nanos < end;
    }

    double measuredSeconds() {
        return (end - measureStart) / 1e9;
    }
}
