package dev.accrue.bench.load;

/** Unique event ids for one worker: run nonce, worker, counter (e.g. "ld-m3x1k2-1-4711"). */
final class EventIds {
    private final String prefix;
    private long next;

    EventIds(String runNonce, int worker) {
        this.prefix = "ld-" + runNonce + "-" + worker + "-";
    }

    String next() {
        return prefix + next++;
    }
}
