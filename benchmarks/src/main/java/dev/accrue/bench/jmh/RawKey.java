package dev.accrue.bench.jmh;

/** A mutable long map key, the benchmark's copy of the engine's package-private LongCell. */
final class RawKey {
    long value;

    RawKey set(long value) {
        this.value = value;
        return this;
    }
}
