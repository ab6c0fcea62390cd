package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * What expired, by expiry time, for as long as a purchase whose points they were can still be
 * returned. A return after its purchase's points expired must not take them a second time: it
 * claims them here first, as points already gone, and takes back from the member only the rest
 * (what the member spent before they expired). Points of one expiry time are one pool, however
 * many purchases gave them, because the lots of one expiry time merged too: the pool's points
 * go to whichever of those purchases is returned first, and the member can never keep more than
 * the points of the purchases it keeps.
 *
 * <p>Each pool is kept until the return window has passed its {@code keepFrom}: the expiry time
 * for points that expired in their lot (every purchase of it happened before), the time a late
 * purchase was recorded for points that were expired when the engine heard of them. When a member
 * has {@link MemberRecord#MAX_EXPIRED} pools the one kept from the earliest time is forgotten:
 * a return of its points then takes them back in full. Pure functions of the record; no allocation.
 */
public final class ExpiredPoints {
    private ExpiredPoints() {
    }

    /** Records {@code points} of expiry time {@code expiresAt} as expired, returnable until {@code keepFrom} + the window. */
    public static void add(MemberRecord r, long expiresAt, long points, long keepFrom) {
        if (points <= 0) {
            return;
        }
        int at = find(r, expiresAt);
        if (at < 0) {
            at = r.expiredCount < MemberRecord.MAX_EXPIRED ? r.expiredCount++ : earliestKept(r);
            r.expiredAt[at] = expiresAt;
            r.expiredPoints[at] = 0;
            r.expiredKeepFrom[at] = keepFrom;
        }
        r.expiredPoints[at] += points;
        r.expiredKeepFrom[at] = Math.max(r.expiredKeepFrom[at], keepFrom);
    }

    /**
     * Claims up to {@code points} of the points of expiry time {@code expiresAt} that expired (for
     * a return of a purchase whose points they were); returns the points claimed.
     */
    public static long claim(MemberRecord r, long expiresAt, long points) {
        int at = find(r, expiresAt);
        if (at < 0 || points <= 0) {
            return 0;
        }
        long claimed = Math.min(points, r.expiredPoints[at]);
        r.expiredPoints[at] -= claimed;
        if (r.expiredPoints[at] == 0) {
            remove(r, at);
        }
        return claimed;
    }

    /** Forgets the pools kept from before {@code cutoff} (no purchase of theirs is returnable); returns whether any was. */
    public static boolean forgetBefore(MemberRecord r, long cutoff) {
        boolean forgot = false;
        for (int i = r.expiredCount - 1; i >= 0; i--) {
            if (r.expiredKeepFrom[i] < cutoff) {
                remove(r, i);
                forgot = true;
            }
        }
        return forgot;
    }

    /** Moves {@code from}'s pools into {@code into}'s (a merge: the points of both members' purchases are the survivor's). */
    public static void absorb(MemberRecord into, MemberRecord from) {
        for (int i = 0; i < from.expiredCount; i++) {
            add(into, from.expiredAt[i], from.expiredPoints[i], from.expiredKeepFrom[i]);
        }
        from.expiredCount = 0;
    }

    /** Points of expiry time {@code expiresAt} that expired and no return claimed. */
    public static long pool(MemberRecord r, long expiresAt) {
        int at = find(r, expiresAt);
        return at < 0 ? 0 : r.expiredPoints[at];
    }

    private static int find(MemberRecord r, long expiresAt) {
        for (int i = 0; i < r.expiredCount; i++) {
            if (r.expiredAt[i] == expiresAt) {
                return i;
            }
        }
        return -1;
    }

    private static int earliestKept(MemberRecord r) {
        int earliest = 0;
        for (int i = 1; i < r.expiredCount; i++) {
            if (r.expiredKeepFrom[i] < r.expiredKeepFrom[earliest]) {
                earliest = i;
            }
        }
        return earliest;
    }

    /** Removes pool {@code at}, keeping the others in order (the order is part of the record's digest). */
    private static void remove(MemberRecord r, int at) {
        int tail = r.expiredCount - at - 1;
        System.arraycopy(r.expiredAt, at + 1, r.expiredAt, at, tail);
        System.arraycopy(r.expiredPoints, at + 1, r.expiredPoints, at, tail);
        System.arraycopy(r.expiredKeepFrom, at + 1, r.expiredKeepFrom, at, tail);
        r.expiredCount--;
    }
}
