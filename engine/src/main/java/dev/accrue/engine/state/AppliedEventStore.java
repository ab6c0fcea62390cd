package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Applied events by the caller's event id: the idempotency table. Written by the business-logic
 * thread only; lookups and inserts allocate nothing.
 */
public interface AppliedEventStore extends AutoCloseable {
    /** Copies what was remembered of {@code eventId} into {@code into}; false if nothing is. */
    default boolean find(CharSequence eventId, AppliedEvent into) {
        return find(key(eventId), check(eventId), into);
    }

    default void remember(CharSequence eventId, AppliedEvent event) {
        remember(key(eventId), check(eventId), event);
    }

    /**
     * The id's key hash: hash an id once per command and pass its hashes to the calls below. The
     * engine's tables use {@link dev.accrue.engine.domain.EventIdHashes}, which commands are
     * stamped with before they reach the business thread.
     */
    long key(CharSequence eventId);

    /**
     * Business thread, ahead of looking up the id of {@code key}: loads its home slot into the
     * cache. Returns what it loaded, for the caller to keep (see {@link MemberStore#warmIndex}).
     */
    default long warm(long key) {
        return 0;
    }

    /** The id's second, independent hash. */
    long check(CharSequence eventId);

    boolean find(long key, long check, AppliedEvent into);

    void remember(long key, long check, AppliedEvent event);

    /** Forgets, in one slice of the table, the events recorded before {@code cutoffMillis}. */
    void forgetSliceBefore(int slice, long cutoffMillis);

    /** Slices the table is swept in; one per clock tick keeps each sweep short. */
    int slices();

    long count();

    /** True when the table holds as many events as it was sized for: remember nothing more. */
    boolean full();

    /** Makes the table's file hold the table as it is now. */
    void persist();

    /**
     * Allocates the memory {@link #snapshot} copies the table into, as large as the table, unless
     * done already; before the first snapshot, on a thread that may wait for it.
     */
    void prepareSnapshot();

    /**
     * Business-logic thread, between two commands: copies the table as it is now, in memory, for
     * {@link #writeSnapshot}. {@code at} names the copy (a checkpoint's sequence).
     */
    void snapshot(long at);

    /** Business-logic thread: writes the table as it is now to a new file, as {@link #persist} does. */
    void writeTo(Path to) throws IOException;

    /** Any thread, after {@link #snapshot}: writes the copy to a new file, as {@link #persist} writes the table. */
    void writeSnapshot(Path to) throws IOException;

    /** Persists, then releases the table. */
    @Override
    void close();
}
