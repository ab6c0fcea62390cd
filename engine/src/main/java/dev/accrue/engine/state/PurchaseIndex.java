package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Purchases that can still be returned, by the caller's event id: where the purchase's movement is
 * in the {@link MovementLog}, and its latest return. The same off-heap table as the idempotency
 * table (two independent hashes of the id, swept by age one slice per tick), with its own file,
 * capacity and retention: returns come weeks after the purchase, retries within days.
 */
public final class PurchaseIndex implements AutoCloseable {
    private final AppliedEventStore table;
    private final AppliedEvent entry = new AppliedEvent();

    public PurchaseIndex(AppliedEventStore table) {
        this.table = table;
    }

    /** The offset of the purchase's movement, or -1 if the purchase is unknown (or too old). */
    public long purchase(CharSequence eventId) {
        return table.find(eventId, entry) ? entry.fingerprint - 1 : -1;
    }

    /** The engine time the purchase was applied at (after {@link #purchase} found it): its return window starts then. */
    public long recordedAtMillis() {
        return entry.recordedAtMillis;
    }

    /** The offset of the purchase's latest return (after {@link #purchase}), or -1 if none. */
    public long latestReturn() {
        return entry.pointsEarned - 1;
    }

    /** The member's pending points its receipt told (after {@link #purchase} found it): for a retry's receipt. */
    public long pendingAfter() {
        return entry.balance;
    }

    /** The member's tier its receipt told (after {@link #purchase} found it): for a retry's receipt. */
    public int tierAfter() {
        return (int) entry.sequence;
    }

    /**
     * Records a purchase applied at engine time {@code nowMillis}, by its event id's hashes as the
     * idempotency table computed them (both tables hash ids alike), with the member's pending
     * points and tier its receipt told (in the entry's balance and sequence, which a purchase
     * index has no other use for).
     */
    public void addPurchase(long key, long check, long memberId, long movementOffset, long nowMillis, long pendingAfter,
                            int tierAfter) {
        entry.fingerprint = movementOffset + 1;
        entry.pointsEarned = 0;
        entry.memberId = memberId;
        entry.balance = pendingAfter;
        entry.sequence = tierAfter;
        entry.recordedAtMillis = nowMillis;
        table.remember(key, check, entry);
    }

    /** Records the purchase's newest return (after {@link #purchase} found it). */
    public void addReturn(CharSequence purchaseEventId, long returnOffset) {
        entry.pointsEarned = returnOffset + 1;
        table.remember(purchaseEventId, entry);
    }

    /** Business thread, ahead of indexing the purchase of {@code key}: see {@link AppliedEventStore#warm}. */
    public long warm(long key) {
        return table.warm(key);
    }

    public boolean full() {
        return table.full();
    }

    /** Forgets, in one slice, the purchases applied before {@code cutoffMillis}. */
    public void forgetSliceBefore(int slice, long cutoffMillis) {
        table.forgetSliceBefore(slice, cutoffMillis);
    }

    public int slices() {
        return table.slices();
    }

    public void persist() {
        table.persist();
    }

    /** See {@link AppliedEventStore#prepareSnapshot}. */
    public void prepareSnapshot() {
        table.prepareSnapshot();
    }

    /** See {@link AppliedEventStore#snapshot}. */
    public void snapshot(long at) {
        table.snapshot(at);
    }

    /** See {@link AppliedEventStore#writeTo}. */
    public void writeTo(Path to) throws IOException {
        table.writeTo(to);
    }

    /** See {@link AppliedEventStore#writeSnapshot}. */
    public void writeSnapshot(Path to) throws IOException {
        table.writeSnapshot(to);
    }

    @Override
    public void close() {
        table.close();
    }
}
