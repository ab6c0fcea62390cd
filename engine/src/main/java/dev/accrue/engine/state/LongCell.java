package dev.accrue.engine.state;

/** A mutable long, reused as a map key or value so lookups do not box. */
final class LongCell {
    long value;

    LongCell set(long value) {
        this.value = value;
        return this;
    }
}
