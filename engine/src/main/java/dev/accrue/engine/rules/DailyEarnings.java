package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * Points a member earned per local day, for the per-day cap: a ring of the last
 * {@link MemberRecord#CAP_DAYS} days up to {@link MemberRecord#capDay}. No allocation.
 */
public final class DailyEarnings {
    private DailyEarnings() {
    }

    /** Counts {@code points} on {@code day}; days older than the ring are dropped (no cap reaches them). */
    public static void add(MemberRecord r, long day, long points) {
        if (day > r.capDay) {
            long cleared = Math.min(day - r.capDay, MemberRecord.CAP_DAYS);
            for (long d = day - cleared + 1; d <= day; d++) {
                r.earnedByDay[index(d)] = 0;
            }
            r.capDay = day;
        } else if (day <= r.capDay - MemberRecord.CAP_DAYS) {
            return;
        }
        r.earnedByDay[index(day)] += points;
    }

    /** Adds {@code from}'s days to {@code into}'s, aligned by day. */
    public static void absorb(MemberRecord into, MemberRecord from) {
        for (long day = from.capDay - MemberRecord.CAP_DAYS + 1; day <= from.capDay; day++) {
            long points = from.earnedByDay[index(day)];
            if (points != 0) {
                add(into, day, points);
            }
        }
    }

    public static int index(long day) {
        return (int) Math.floorMod(day, (long) MemberRecord.CAP_DAYS);
    }
}
