package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;

import java.util.function.ToLongFunction;

/**
 * Member records by member id. Written by the business-logic thread only; no method allocates.
 */
public interface MemberStore extends AutoCloseable {
    /** Copies the member's record into {@code into}; false (and {@code into} untouched) if absent. */
    boolean read(long memberId, MemberRecord into);

    /** Inserts or replaces the member's record. */
    void write(long memberId, MemberRecord record);

    /**
     * Any thread: readies the storage of the member's record for a write expected soon (by the
     * journal's thread ahead of the business stage, or a replay's reader running ahead), if that
     * saves the writer time; changes nothing the store holds.
     */
    default void prepareWrite(long memberId) {
    }

    /**
     * Any thread: brings the store's index of members into memory ahead of many lookups (a
     * replay), if that saves them time; changes nothing the store holds. Returns the bytes readied.
     */
    default long readyLookups() {
        return 0;
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

    /** Business thread, after {@link #warmIndex}: loads the member's entry into the cache (and whatever else its read and write touch). */
    default long warmEntry(long memberId) {
        return 0;
    }

    /**
     * {@link #warmEntry} for the first {@code count} of {@code memberIds} (0 for none), as one
     * window: a store may order the loads so that more of them are in flight together.
     */
    default long warmEntries(long[] memberIds, int count) {
        long loaded = 0;
        for (int i = 0; i < count; i++) {
            if (memberIds[i] > 0) {
                loaded += warmEntry(memberIds[i]);
            }
        }
        return loaded;
    }

    /**
     * A time before which settling the member's record changes nothing: as {@code rule} gave it at
     * the record's last write, or {@link #quietUntil(long, long)} told it since; {@link
     * Long#MIN_VALUE} if none is known (before a rule is given, a write forgets the time). Other
     * {@link #quietTerms terms} forget every time. A store that keeps no times knows none.
     */
    default long quietUntil(long memberId) {
        return Long.MIN_VALUE;
    }

    /** Keeps {@code millis}, or an earlier time, as the member's quiet time (see {@link #quietUntil(long)}). */
    default void quietUntil(long memberId, long millis) {
    }

    /** From now on, each write keeps the time {@code rule} gives the record written as the member's quiet time. */
    default void quietTimes(ToLongFunction<MemberRecord> rule) {
    }

    /**
     * The terms quiet times are worked out under, two numbers the caller defines: if they differ
     * from those of the times kept, every member's time is forgotten.
     */
    default void quietTerms(long first, long second) {
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
