package dev.accrue.engine.state;

/** A mutable long, reused as a map key or value so lookups do not box. */
public final class LongCell {
    long value;

    public LongCell set(long value) {
        this.value = value;
        return this;
    }
}
