package dev.accrue.bench.load;

/**
 * When each call of an open-loop run is due: call {@code k} (from 0) at {@code start + k / rate},
 * whatever became of the calls before it. Calls are dealt to the connections in turn, call
 * {@code k} to connection {@code k % connections}, so every connection carries the same rate.
 * Pure arithmetic on System.nanoTime() values; shared, immutable.
 */
final class RateSchedule {
    private static final long SECOND = 1_000_000_000L;

    private final long start;
    private final long perSecond;
    private final int connections;

    RateSchedule(long start, long perSecond, int connections) {
        if (perSecond < 1 || perSecond > SECOND || connections < 1) {
            throw new IllegalArgumentException("rate from 1 to one call per nanosecond and at least one connection, not "
                    + perSecond + "/s on " + connections);
        }
        this.start = start;
        this.perSecond = perSecond;
        this.connections = connections;
    }

    /** When call {@code k} of the whole run is due. */
    long dueAt(long k) {
        return start + k * SECOND / perSecond;
    }

    /** When the {@code j}-th call of {@code connection} is due. */
    long dueAt(int connection, long j) {
        return dueAt(j * connections + connection);
    }

    /** How many calls are due at or before {@code nanos}: the k with dueAt(k) <= nanos. */
    long dueBy(long nanos) {
        if (nanos < start) {
            return 0;
        }
        // dueAt(k) <= nanos  <=>  k * SECOND / perSecond <= elapsed  <=>  k * SECOND < (elapsed + 1) * perSecond
        return ((nanos - start + 1) * perSecond - 1) / SECOND + 1;
    }

    /** How many of the first {@code calls} calls go to {@code connection}. */
    long shareOf(long calls, int connection) {
        return calls <= connection ? 0 : (calls - connection - 1) / connections + 1;
    }

    int connections() {
        return connections;
    }

    long perSecond() {
        return perSecond;
    }
}
