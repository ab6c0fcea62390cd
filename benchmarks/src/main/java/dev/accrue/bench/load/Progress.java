package dev.accrue.bench.load;

import java.util.concurrent.atomic.LongAdder;

/** Counters every worker bumps as answers arrive, for the once-a-second progress line. */
final class Progress {
    /** Calls, or purchases on streams, answered OK since the start (warm-up included). */
    final LongAdder ok = new LongAdder();
    final LongAdder errors = new LongAdder();
}
