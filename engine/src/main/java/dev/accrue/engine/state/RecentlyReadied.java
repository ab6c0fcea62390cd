package dev.accrue.engine.state;

import java.util.function.LongSupplier;

/**
 * The pages made writable ahead of a write within about the last second, so that a page is not
 * readied again for every member on it. A page the system cleans (writes back) at most every few
 * seconds stays writable for a while after it is readied: at 1M members a page's 30-odd entries are
 * written several times a second, and readying each write cost the readying thread a cache line
 * and a locked instruction, and the business thread the line's trip back to its core. At 10M,
 * where a page is written every few seconds, most writes are still readied. A page cleaned
 * within its second faults for the writer, as without readying.
 *
 * <p>A table of page tags by a hash of the page, each with the time it was readied in units of
 * 2^30 ns (1.07 s): a page whose tag is there with the current unit was readied within the unit.
 * The clock only decides what to ready, never what the engine holds. One readying thread at a
 * time; another thread at the same time would only ready a page more or less.
 */
final class RecentlyReadied {
    private static final int SLOTS = 1 << 18; // 2 MiB: more pages than a 10M-member map has within a second's writes
    /** The time unit: 2^30 ns. */
    static final int UNIT_SHIFT = 30;
    private static final int TIME_BITS = 16;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;
    private final long[] slots = new long[SLOTS];
    private final LongSupplier nanoClock;

    RecentlyReadied(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * True if the pages from address {@code first}'s to {@code last}'s were all readied in this
     * time unit; otherwise notes them as readied now (the caller readies them) and returns false.
     */
    boolean readiedLately(long first, long last) {
        long unit = (nanoClock.getAsLong() >>> UNIT_SHIFT) & TIME_MASK;
        boolean lately = true;
        for (long page = first >>> 12; page <= last >>> 12; page++) {
            int slot = (int) (mix(page) & (SLOTS - 1));
            long tagged = page << TIME_BITS | unit;
            if (slots[slot] != tagged) {
                slots[slot] = tagged;
                lately = false;
            }
        }
        return lately;
    }

    private static long mix(long page) {
        return (page * 0x9E3779B97F4A7C15L) >>> 40;
    }
}
