package dev.accrue.engine.domain;

/**
 * A member's state, as stored off-heap per member: a fixed header and the member's point lots. One
 * instance is reused by the business-logic thread for every event: read into it, change it, write
 * it back. Only {@link #lotCount} lots are stored; the arrays are sized for {@link #MAX_LOTS}.
 *
 * <pre>
 *  header (little-endian)
 *    0 available           8 pending            16 lifetimeEarned     24 lifetimeRedeemed
 *   32 lifetimeExpired    40 lastSequence       48 enrolledAtMillis   56 lastActivityMillis
 *   64 settledThrough     72 purchaseCount      80 debt               88 capDay
 *   96 mergedInto        104 tierFloorUntil    112 tierReviewAt      120 qualifyingMonth
 *  128 qualifying[24]: one bucket per month, newest is qualifyingMonth, ring-indexed by month
 *  320 tier (int)  324 status (int)  328 tierFloor (int)  332 birthday (int, MMDD or 0)
 *  336 lotCount (int)  340 birthdayBonusYear (int)  344 latestMovement (offset + 1, 0: none)
 *  352 periodStartTier (int)  356 holdCount (int)
 *  360 earnedByDay[8]: points earned per local day, the newest being capDay, ring-indexed by day
 *  424 held (points in open holds)  432 closedHoldCount (int)  436 closedHoldNext (int)
 *  440 mergeCount (int)  444 walletCount (int)  448 lifetimeAdjusted
 *  456 noticedExpiry  464 announcedTier (int)  468 expiredCount (int)
 *  472 lots: lotCount × { expiresAt, pendingUntil, points }, ordered by (expiresAt, pendingUntil)
 *      holds: holdCount × { key, points, expiresAt }
 *      closed holds: closedHoldCount × { key, how it closed }: the last few, to tell a closed hold from an unknown one
 *      wallets: walletCount × { key (the wallet id's hash), balance }
 *      expired: expiredCount × { expiresAt, points, keepFrom }: what expired, for returns (see ExpiredPoints)
 * </pre>
 *
 * <p>A lot is pending while its pendingUntil lies after {@link #settledThroughMillis}; its points
 * then count in {@link #pending}, otherwise in {@link #available}.
 */
public final class MemberRecord {
    public static final int QUALIFYING_MONTHS = 24;
    public static final int HEADER_SIZE = 472;
    public static final int MAX_HOLDS = 8;
    public static final int HOLD_SIZE = 24;
    public static final int CLOSED_HOLD_SIZE = 16;
    public static final int HOLD_CAPTURED = 1;
    public static final int HOLD_VOIDED = 2;
    public static final int HOLD_EXPIRED = 3;
    /** Local days whose earnings are kept for the per-day cap: a late purchase within them is capped exactly. */
    public static final int CAP_DAYS = 8;
    public static final int LOT_SIZE = 24;
    /** Lots one member may hold: a lot per purchase over years where expiry is not rounded to a day or month. */
    public static final int MAX_LOTS = 4096;
    /** Header and a few lots: what the store sizes an average entry for. */
    public static final int TYPICAL_SIZE = HEADER_SIZE + 4 * LOT_SIZE;

    public static final int STATUS_ACTIVE = 0;
    public static final int STATUS_SUSPENDED = 1;
    public static final int STATUS_CLOSED = 2;
    /** Merged into {@link #mergedInto}: every reference to the member resolves to that one. */
    public static final int STATUS_MERGED = 3;
    /** Wallets besides the program's points one member may hold. */
    public static final int MAX_WALLETS = 8;
    public static final int WALLET_SIZE = 16;
    /** Members merged into one, directly or through members merged before: bounds a history's branches. */
    public static final int MAX_MERGES = 64;
    public static final int NO_TIER_FLOOR = -1;
    public static final int EXPIRED_SIZE = 24;
    /** Expiry times whose expired points one member keeps for returns; the oldest is forgotten first. */
    public static final int MAX_EXPIRED = 512;

    public long available;
    public long pending;
    public long lifetimeEarned;
    public long lifetimeRedeemed;
    public long lifetimeExpired;
    public long lastSequence;
    public long enrolledAtMillis;
    public long lastActivityMillis;
    /** Engine time the lots were last settled at: releases and expiries up to it are applied. */
    public long settledThroughMillis;
    public long purchaseCount;
    /** Points taken back by returns that the member had already spent (RECORD_DEBT policy). */
    public long debt;
    /** The newest local day (days since epoch) {@link #earnedByDay} counts for. */
    public long capDay;
    /** Points earned per local day for the last {@link #CAP_DAYS} days up to {@link #capDay}, by day modulo. */
    public final long[] earnedByDay = new long[CAP_DAYS];
    /** The admin-set tier floor holds until then. */
    public long tierFloorUntilMillis;
    /** When the member's tier is next reviewed for a downgrade; 0 before the first qualifying event. */
    public long tierReviewAtMillis;
    /** The month index (local months since epoch) of the newest qualifying bucket. */
    public long qualifyingMonth;
    public final long[] qualifying = new long[QUALIFYING_MONTHS];
    public int tier;
    public int status;
    public int tierFloor = NO_TIER_FLOOR;
    /** Month * 100 + day, or 0 when unknown. */
    public int birthday;
    public int lotCount;
    /** The local year the member last got a birthday bonus; 0 if never. */
    public int birthdayBonusYear;
    /** The member's newest movement in the movement log, as offset + 1; 0 for none. */
    public long latestMovement;
    /** The tier the member held when the current period began: a return cannot take the tier below it. */
    public int periodStartTier;
    /** Points in open holds: part of {@link #available} that cannot be spent again. */
    public long held;
    public int holdCount;
    public final long[] holdKey = new long[MAX_HOLDS];
    public final long[] holdPoints = new long[MAX_HOLDS];
    public final long[] holdExpiresAt = new long[MAX_HOLDS];
    public int closedHoldCount;
    public int closedHoldNext;
    public final long[] closedHoldKey = new long[MAX_HOLDS];
    public final long[] closedHoldHow = new long[MAX_HOLDS];
    /** The latest expiry time the member got an EXPIRING_SOON notice for; the next notice is for a later one. */
    public long noticedExpiryMillis;
    /** The tier the member's history last told (TIER_CHANGED; 0 at enrolment): a change is recorded when the balance's tier differs. */
    public int announcedTier;
    public final long[] lotExpiresAt = new long[MAX_LOTS];
    public final long[] lotPendingUntil = new long[MAX_LOTS];
    public final long[] lotPoints = new long[MAX_LOTS];
    /** STATUS_MERGED: the member this one was merged into. */
    public long mergedInto;
    /** Members merged into this one, counting those merged into them. */
    public int mergeCount;
    /** The net of admin adjustments to the points: credits less debits. */
    public long lifetimeAdjusted;
    public int walletCount;
    public final long[] walletKey = new long[MAX_WALLETS];
    public final long[] walletBalance = new long[MAX_WALLETS];
    /** Expiry times whose points expired and may still be named by a return; see ExpiredPoints. */
    public int expiredCount;
    public final long[] expiredAt = new long[MAX_EXPIRED];
    /** The points of that expiry time that expired and no return has claimed yet. */
    public final long[] expiredPoints = new long[MAX_EXPIRED];
    /** Returns of these points are possible until this time plus the engine's return window. */
    public final long[] expiredKeepFrom = new long[MAX_EXPIRED];

    /** Resets every field, for a member enrolled at {@code enrolledAtMillis}. */
    public MemberRecord enrol(long enrolledAtMillis, long sequence) {
        available = 0;
        pending = 0;
        lifetimeEarned = 0;
        lifetimeRedeemed = 0;
        lifetimeExpired = 0;
        lastSequence = sequence;
        this.enrolledAtMillis = enrolledAtMillis;
        lastActivityMillis = enrolledAtMillis;
        settledThroughMillis = enrolledAtMillis;
        purchaseCount = 0;
        debt = 0;
        capDay = 0;
        java.util.Arrays.fill(earnedByDay, 0);
        tierFloorUntilMillis = 0;
        tierReviewAtMillis = 0;
        qualifyingMonth = 0;
        java.util.Arrays.fill(qualifying, 0);
        tier = 0;
        status = STATUS_ACTIVE;
        tierFloor = NO_TIER_FLOOR;
        birthday = 0;
        lotCount = 0;
        birthdayBonusYear = 0;
        latestMovement = 0;
        periodStartTier = 0;
        held = 0;
        holdCount = 0;
        closedHoldCount = 0;
        closedHoldNext = 0;
        mergedInto = 0;
        mergeCount = 0;
        lifetimeAdjusted = 0;
        walletCount = 0;
        expiredCount = 0;
        noticedExpiryMillis = 0;
        announcedTier = 0;
        return this;
    }

    /**
     * Not part of the record: the native address its last read from a store found it at (0 if
     * none), for the store to write it back there ({@code ChronicleMemberStore}).
     */
    public long readFromAddress;

    /** Bytes this record takes stored: the header and its lots. */
    public int storedSize() {
        return HEADER_SIZE + lotCount * LOT_SIZE + holdCount * HOLD_SIZE + closedHoldCount * CLOSED_HOLD_SIZE
                + walletCount * WALLET_SIZE + expiredCount * EXPIRED_SIZE;
    }

    /** Points that can be spent now: available, less what open holds keep. */
    public long spendable() {
        return available - held;
    }
}
