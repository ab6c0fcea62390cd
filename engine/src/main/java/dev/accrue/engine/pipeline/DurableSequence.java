package dev.accrue.engine.pipeline;

/** How far the journal has made commands durable. The business logic applies nothing beyond it. */
public interface DurableSequence {
    /** A slot's sequence when the journal could not take it. */
    long NOT_JOURNALED = 0;

    /** Every command with a sequence at or below this is durable. */
    long durableThrough();

    /** For replay and benchmarks: commands come from the journal, so all are durable. */
    DurableSequence ALL = () -> Long.MAX_VALUE;
}
