package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;

/**
 * Applied events by the caller's event id: the idempotency table. Written by the business-logic
 * thread only; lookups and inserts allocate nothing.
 */
public interface AppliedEventStore extends AutoCloseable {
    /** Copies what was remembered of {@code eventId} into {@code into}; false if nothing is. */
    boolean find(CharSequence eventId, AppliedEvent into);

    void remember(CharSequence eventId, AppliedEvent event);

    /** Forgets, in one slice of the table, the events recorded before {@code cutoffMillis}. */
    void forgetSliceBefore(int slice, long cutoffMillis);

    /** Slices the table is swept in; one per clock tick keeps each sweep short. */
    int slices();

    long count();

    /** True when the table holds as many events as it was sized for: remember nothing more. */
    boolean full();

    /** Makes the table's file hold the table as it is now (before a checkpoint copies it). */
    void persist();

    /** Persists, then releases the table. */
    @Override
    void close();
}
