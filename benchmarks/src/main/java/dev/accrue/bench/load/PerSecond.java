package dev.accrue.bench.load;

import java.util.Arrays;

/**
 * Events done OK in each whole second of the measured window, from the progress line: their median
 * says what the server sustained in a typical second, whatever a neighbour's burst did to a few.
 */
final class PerSecond {
    private long[] counts = new long[64];
    private int size;

    void add(long count) {
        if (size == counts.length) {
            counts = Arrays.copyOf(counts, 2 * size);
        }
        counts[size++] = count;
    }

    /** The median count, or -1 when no whole second was measured. */
    double median() {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(counts, size);
        Arrays.sort(sorted);
        return size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2.0;
    }
}
