package dev.accrue.engine.pipeline;

/**
 * A stage that lets the stages after it go on before its handler returns: the journal, once a
 * batch is durable, while it zero-fills the segment ahead. It moves its own sequence forward (the
 * Disruptor's sequence callback) and then runs the listener, which wakes a stage napping for it.
 */
public interface EarlyRelease {
    /** Runs {@code listener} on the stage's thread each time it has released a batch early. */
    void onRelease(Runnable listener);
}
