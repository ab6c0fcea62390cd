package dev.accrue.engine.pipeline;

/**
 * Takes a consistent copy of the state. Called on the business-logic thread between two commands,
 * so nothing changes the state while the copy is made.
 */
public interface Checkpointer {
    /** Copies the state, which reflects every command up to {@code sequence}. */
    void checkpoint(long sequence);

    /** For replay and benchmarks. */
    Checkpointer NONE = sequence -> { };
}
