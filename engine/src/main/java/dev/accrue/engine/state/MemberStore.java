package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;

/**
 * Member records by member id. Written by the business-logic thread only; no method allocates.
 */
public interface MemberStore extends AutoCloseable {
    /** Copies the member's record into {@code into}; false (and {@code into} untouched) if absent. */
    boolean read(long memberId, MemberRecord into);

    /** Inserts or replaces the member's record. */
    void write(long memberId, MemberRecord record);

    /**
     * Any thread: readies the storage of the member's record for a write expected soon (a replay
     * running ahead), if that saves the writer time; changes nothing the store holds.
     */
    default void prepareWrite(long memberId) {
    }

    /**
     * Business thread, ahead of reading the member: loads where the store keeps the member's
     * entry, so that {@link #warmEntry} then finds it cached. Returns what it loaded, for the
     * caller to keep somewhere (a load whose value is dropped may be optimised away). See
     * {@code dev.accrue.engine.pipeline.Prefetch}.
     */
    default long warmIndex(long memberId) {
        return 0;
    }

    /** Business thread, after {@link #warmIndex}: loads the member's entry into the cache. */
    default long warmEntry(long memberId) {
        return 0;
    }

    /** How many members the store holds. */
    long count();

    /** How many members the store was sized for. */
    long capacity();

    /** Off-heap bytes in use, for capacity planning. */
    long offHeapBytes();

    @Override
    void close();
}
