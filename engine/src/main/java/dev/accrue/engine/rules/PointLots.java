package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * A member's points as lots: each credit is a lot with the time it stops being pending and the time
 * it expires. Lots are kept ordered by (expiresAt, pendingUntil), so the oldest points are always
 * first to be spent and to expire; lots with the same times are merged. A released lot has
 * pendingUntil 0, so released lots of one expiry merge too.
 *
 * <p>Invariants kept by every method: {@code pending} is the sum of unreleased lots, {@code available}
 * the sum of released ones, and a member with {@code debt} holds no points but those open holds
 * keep (credits pay debt first, and points a closed hold frees pay it through {@link #payDebt}).
 * Pure functions of the record and the times given; nothing reads a clock, nothing allocates.
 */
public final class PointLots {
    private PointLots() {
    }

    /** What one {@link #settle} did. */
    public static final class Settlement {
        public long released;
        public long expired;

        void clear() {
            released = 0;
            expired = 0;
        }
    }

    /**
     * Credits {@code points} earned now (the record's settled time): first to the member's debt, the
     * rest as a lot. False, and nothing changed, if the member already holds {@link MemberRecord#MAX_LOTS}
     * lots none of which has these times.
     */
    public static boolean credit(MemberRecord r, long points, long pendingUntil, long expiresAt) {
        if (points <= 0) {
            return true;
        }
        boolean released = pendingUntil <= r.settledThroughMillis;
        long pendingKey = released ? 0 : pendingUntil;
        int at = position(r, expiresAt, pendingKey);
        boolean merge = at < r.lotCount && r.lotExpiresAt[at] == expiresAt && r.lotPendingUntil[at] == pendingKey;
        if (!merge && r.lotCount == MemberRecord.MAX_LOTS) {
            return false;
        }
        long toDebt = Math.min(points, r.debt);
        r.debt -= toDebt;
        long toLot = points - toDebt;
        if (toLot == 0) {
            return true;
        }
        if (expiresAt <= r.settledThroughMillis) {
            // A late purchase whose points expired before the engine heard of it: earned and
            // expired at once, as a settlement at its expiry would have done.
            r.lifetimeExpired += toLot;
            ExpiredPoints.add(r, expiresAt, toLot, r.settledThroughMillis);
            return true;
        }
        if (merge) {
            r.lotPoints[at] += toLot;
        } else {
            insert(r, at, expiresAt, pendingKey, toLot);
        }
        if (released) {
            r.available += toLot;
        } else {
            r.pending += toLot;
        }
        return true;
    }

    /**
     * Brings the lots to time {@code now}: releases the pending lots due by then and expires the lots
     * due by then (expiry at exactly {@code expiresAt}), keeping what expired as {@link ExpiredPoints}
     * for returns. Does nothing for a time already settled.
     */
    public static void settle(MemberRecord r, long now, Settlement out) {
        out.clear();
        if (now <= r.settledThroughMillis) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < r.lotCount; i++) {
            long points = r.lotPoints[i];
            long pendingUntil = r.lotPendingUntil[i];
            long expiresAt = r.lotExpiresAt[i];
            if (pendingUntil != 0 && pendingUntil <= now) {
                r.pending -= points;
                r.available += points;
                out.released += points;
                pendingUntil = 0;
            }
            if (expiresAt <= now) {
                if (pendingUntil == 0) {
                    r.available -= points;
                } else {
                    r.pending -= points;
                }
                r.lifetimeExpired += points;
                out.expired += points;
                ExpiredPoints.add(r, expiresAt, points, expiresAt);
                continue;
            }
            r.lotExpiresAt[kept] = expiresAt;
            r.lotPendingUntil[kept] = pendingUntil;
            r.lotPoints[kept] = points;
            kept++;
        }
        r.lotCount = kept;
        if (out.released > 0) {
            resort(r);
        }
        r.settledThroughMillis = now;
    }

    /** Points, pending or available, that expire at or before {@code time} if not spent first. */
    public static long expiringBy(MemberRecord r, long time) {
        long points = 0;
        for (int i = 0; i < r.lotCount && r.lotExpiresAt[i] <= time; i++) {
            points += r.lotPoints[i];
        }
        return points;
    }

    /** Spends {@code points} of available points, oldest lots first; the caller checked there are enough. */
    public static void spend(MemberRecord r, long points) {
        if (points > r.available) {
            throw new IllegalArgumentException("spending " + points + " of " + r.available + " available");
        }
        takeAvailable(r, points);
        compact(r);
    }

    /**
     * Takes back {@code points} a purchase earned: from the purchase's own lot while it is pending,
     * then from pending lots, then from the available points open holds do not keep, oldest lots
     * first; the rest becomes debt. Held points stay for the till that holds them, so the hold's
     * capture still succeeds. Returns the points taken from lots.
     */
    public static long takeBack(MemberRecord r, long points, long pendingUntil, long expiresAt) {
        long left = points;
        if (pendingUntil > r.settledThroughMillis) {
            int own = position(r, expiresAt, pendingUntil);
            if (own < r.lotCount && r.lotExpiresAt[own] == expiresAt && r.lotPendingUntil[own] == pendingUntil) {
                long taken = take(r, own, left);
                r.pending -= taken;
                left -= taken;
            }
        }
        for (int i = 0; i < r.lotCount && left > 0; i++) {
            if (r.lotPendingUntil[i] != 0) {
                long taken = take(r, i, left);
                r.pending -= taken;
                left -= taken;
            }
        }
        long free = Math.min(left, Math.max(0, r.spendable()));
        takeAvailable(r, free);
        left -= free;
        compact(r);
        r.debt += left;
        return points - left;
    }

    /**
     * Pays debt from the points no open hold keeps (after a hold closed and freed its points);
     * returns the points paid.
     */
    public static long payDebt(MemberRecord r) {
        long paid = Math.min(r.debt, Math.max(0, r.spendable()));
        if (paid > 0) {
            takeAvailable(r, paid);
            compact(r);
            r.debt -= paid;
        }
        return paid;
    }

    /** Takes {@code points} of available points from released lots, oldest first; the caller checked there are enough. */
    private static void takeAvailable(MemberRecord r, long points) {
        long left = points;
        for (int i = 0; i < r.lotCount && left > 0; i++) {
            if (r.lotPendingUntil[i] == 0) {
                left -= take(r, i, left);
            }
        }
        r.available -= points;
    }

    /** Lots {@code into} would hold after {@link #absorb} of {@code from}'s: lots with equal times merge. */
    public static int lotsAfterAbsorbing(MemberRecord into, MemberRecord from) {
        int count = into.lotCount;
        for (int i = 0; i < from.lotCount; i++) {
            int at = position(into, from.lotExpiresAt[i], from.lotPendingUntil[i]);
            if (!(at < into.lotCount && into.lotExpiresAt[at] == from.lotExpiresAt[i]
                    && into.lotPendingUntil[at] == from.lotPendingUntil[i])) {
                count++;
            }
        }
        return count;
    }

    /**
     * Moves every lot and the debt of {@code from} into {@code into} (both settled to the same
     * time; the caller checked {@link #lotsAfterAbsorbing}); the combined debt is then paid from
     * the combined lots, oldest first, but for the points {@code into}'s open holds keep (the caller
     * moves {@code from}'s holds to {@code into} first, so theirs count too).
     */
    public static void absorb(MemberRecord into, MemberRecord from) {
        for (int i = 0; i < from.lotCount; i++) {
            int at = position(into, from.lotExpiresAt[i], from.lotPendingUntil[i]);
            if (at < into.lotCount && into.lotExpiresAt[at] == from.lotExpiresAt[i]
                    && into.lotPendingUntil[at] == from.lotPendingUntil[i]) {
                into.lotPoints[at] += from.lotPoints[i];
            } else {
                insert(into, at, from.lotExpiresAt[i], from.lotPendingUntil[i], from.lotPoints[i]);
            }
        }
        into.available += from.available;
        into.pending += from.pending;
        into.debt += from.debt;
        long free = Math.max(0, into.spendable()); // holds keep theirs
        for (int i = 0; i < into.lotCount && into.debt > 0; i++) {
            boolean released = into.lotPendingUntil[i] == 0;
            long taken = take(into, i, released ? Math.min(into.debt, free) : into.debt);
            if (released) {
                into.available -= taken;
                free -= taken;
            } else {
                into.pending -= taken;
            }
            into.debt -= taken;
        }
        compact(into);
        from.lotCount = 0;
        from.available = 0;
        from.pending = 0;
        from.debt = 0;
    }

    /** Drops every lot: the points are gone (a closed member's forfeit). */
    public static void forfeitAll(MemberRecord r) {
        r.lotCount = 0;
        r.available = 0;
        r.pending = 0;
    }

    private static long take(MemberRecord r, int lot, long wanted) {
        long taken = Math.min(wanted, r.lotPoints[lot]);
        r.lotPoints[lot] -= taken;
        return taken;
    }

    /** Drops emptied lots. */
    private static void compact(MemberRecord r) {
        int kept = 0;
        for (int i = 0; i < r.lotCount; i++) {
            if (r.lotPoints[i] > 0) {
                r.lotExpiresAt[kept] = r.lotExpiresAt[i];
                r.lotPendingUntil[kept] = r.lotPendingUntil[i];
                r.lotPoints[kept] = r.lotPoints[i];
                kept++;
            }
        }
        r.lotCount = kept;
    }

    /** The first index whose lot does not order before (expiresAt, pendingUntil). */
    private static int position(MemberRecord r, long expiresAt, long pendingUntil) {
        int i = 0;
        while (i < r.lotCount && (r.lotExpiresAt[i] < expiresAt
                || r.lotExpiresAt[i] == expiresAt && r.lotPendingUntil[i] < pendingUntil)) {
            i++;
        }
        return i;
    }

    private static void insert(MemberRecord r, int at, long expiresAt, long pendingUntil, long points) {
        int tail = r.lotCount - at;
        System.arraycopy(r.lotExpiresAt, at, r.lotExpiresAt, at + 1, tail);
        System.arraycopy(r.lotPendingUntil, at, r.lotPendingUntil, at + 1, tail);
        System.arraycopy(r.lotPoints, at, r.lotPoints, at + 1, tail);
        r.lotExpiresAt[at] = expiresAt;
        r.lotPendingUntil[at] = pendingUntil;
        r.lotPoints[at] = points;
        r.lotCount++;
    }

    /**
     * Released lots (pendingUntil 0) now sort before pending lots of their expiry: restore the order
     * and merge released lots of equal expiry. Insertion sort: lots are few and nearly ordered.
     */
    private static void resort(MemberRecord r) {
        for (int i = 1; i < r.lotCount; i++) {
            long e = r.lotExpiresAt[i];
            long p = r.lotPendingUntil[i];
            long pts = r.lotPoints[i];
            int j = i - 1;
            while (j >= 0 && (r.lotExpiresAt[j] > e || r.lotExpiresAt[j] == e && r.lotPendingUntil[j] > p)) {
                r.lotExpiresAt[j + 1] = r.lotExpiresAt[j];
                r.lotPendingUntil[j + 1] = r.lotPendingUntil[j];
                r.lotPoints[j + 1] = r.lotPoints[j];
                j--;
            }
            r.lotExpiresAt[j + 1] = e;
            r.lotPendingUntil[j + 1] = p;
            r.lotPoints[j + 1] = pts;
        }
        int kept = 0;
        for (int i = 0; i < r.lotCount; i++) {
            if (kept > 0 && r.lotPendingUntil[i] == 0 && r.lotPendingUntil[kept - 1] == 0
                    && r.lotExpiresAt[kept - 1] == r.lotExpiresAt[i]) {
                r.lotPoints[kept - 1] += r.lotPoints[i];
                continue;
            }
            r.lotExpiresAt[kept] = r.lotExpiresAt[i];
            r.lotPendingUntil[kept] = r.lotPendingUntil[i];
            r.lotPoints[kept] = r.lotPoints[i];
            kept++;
        }
        r.lotCount = kept;
    }
}
