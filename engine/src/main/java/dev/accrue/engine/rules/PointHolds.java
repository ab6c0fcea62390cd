package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * A member's open holds: points set aside at a till until the sale is captured or voided, or the
 * hold's time to live passes. Held points stay in {@code available} (and in their lots) but are
 * not {@linkplain MemberRecord#spendable() spendable}. The last few closed holds are remembered, so
 * that capturing a voided hold is told apart from capturing one that never was. Pure functions of
 * the record; no allocation.
 */
public final class PointHolds {
    /** Returned by {@link #find} for a hold the member does not have open. */
    public static final int NONE = -1;

    private PointHolds() {
    }

    public static int find(MemberRecord r, long key) {
        for (int i = 0; i < r.holdCount; i++) {
            if (r.holdKey[i] == key) {
                return i;
            }
        }
        return NONE;
    }

    /** How a recently closed hold closed (MemberRecord.HOLD_*), or 0 if it is not remembered. */
    public static long closed(MemberRecord r, long key) {
        for (int i = 0; i < r.closedHoldCount; i++) {
            if (r.closedHoldKey[i] == key) {
                return r.closedHoldHow[i];
            }
        }
        return 0;
    }

    /** Opens a hold; the caller checked the points are spendable and a hold is free. */
    public static void open(MemberRecord r, long key, long points, long expiresAt) {
        r.holdKey[r.holdCount] = key;
        r.holdPoints[r.holdCount] = points;
        r.holdExpiresAt[r.holdCount] = expiresAt;
        r.holdCount++;
        r.held += points;
    }

    /** Closes hold {@code index}, releasing its points; returns the points it held. */
    public static long close(MemberRecord r, int index, int how) {
        long points = r.holdPoints[index];
        long key = r.holdKey[index];
        r.held -= points;
        r.holdCount--;
        r.holdKey[index] = r.holdKey[r.holdCount];
        r.holdPoints[index] = r.holdPoints[r.holdCount];
        r.holdExpiresAt[index] = r.holdExpiresAt[r.holdCount];
        rememberClosed(r, key, how);
        return points;
    }

    /** Remembers a closed hold, forgetting the oldest remembered one when all places are taken. */
    public static void rememberClosed(MemberRecord r, long key, long how) {
        r.closedHoldKey[r.closedHoldNext] = key;
        r.closedHoldHow[r.closedHoldNext] = how;
        r.closedHoldNext = (r.closedHoldNext + 1) % MemberRecord.MAX_HOLDS;
        r.closedHoldCount = Math.min(r.closedHoldCount + 1, MemberRecord.MAX_HOLDS);
    }

    /**
     * Closes the holds whose time to live has passed by {@code now}, paying debt from the points they
     * free; returns whether any closed.
     */
    public static boolean expire(MemberRecord r, long now) {
        boolean any = false;
        for (int i = r.holdCount - 1; i >= 0; i--) {
            if (r.holdExpiresAt[i] <= now) {
                close(r, i, MemberRecord.HOLD_EXPIRED);
                any = true;
            }
        }
        if (any) {
            PointLots.payDebt(r);
        }
        return any;
    }
}
