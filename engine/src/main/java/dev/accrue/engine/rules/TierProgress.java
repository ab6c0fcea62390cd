package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * A member's tier progress: qualifying totals kept per local month in the member's record (a ring
 * of {@link MemberRecord#QUALIFYING_MONTHS} buckets, the newest at {@code qualifyingMonth}), the
 * upgrade the moment a threshold is crossed, and the review at the end of the member's period,
 * which may lower the tier by at most the ladder's soft landing. A tier floor set by an admin holds
 * until its date. Pure functions of the record, the program and the times given.
 */
public final class TierProgress {
    private static final int RING = MemberRecord.QUALIFYING_MONTHS;

    private TierProgress() {
    }

    /**
     * Adds {@code amount} (negative for a return) to the bucket of the month {@code millis} falls
     * in; amounts for months older than the ring are dropped, as no window reaches them.
     */
    public static void add(MemberRecord r, QualifyingPeriod period, long millis, long amount) {
        addToMonth(r, period.monthIndex(millis), amount);
    }

    /** As {@link #add}, for a month index. */
    public static void addToMonth(MemberRecord r, long month, long amount) {
        if (month > r.qualifyingMonth) {
            long cleared = Math.min(month - r.qualifyingMonth, RING);
            for (long m = month - cleared + 1; m <= month; m++) {
                r.qualifying[slot(m)] = 0;
            }
            r.qualifyingMonth = month;
        } else if (month <= r.qualifyingMonth - RING) {
            return;
        }
        r.qualifying[slot(month)] += amount;
    }

    /** The qualifying total of the window holding {@code millis}, from the buckets still kept. */
    public static long windowTotal(MemberRecord r, QualifyingPeriod period, long millis) {
        long month = period.monthIndex(millis);
        long last = Math.min(month, r.qualifyingMonth);
        long first = Math.max(period.windowStartMonth(month), r.qualifyingMonth - RING + 1);
        long total = 0;
        int slot = slot(first);
        for (long m = first; m <= last; m++) {
            total += r.qualifying[slot];
            slot = slot == RING - 1 ? 0 : slot + 1;
        }
        return Math.max(0, total);
    }

    /**
     * After qualifying activity at {@code millis}: raises the tier if the window's total reaches a
     * higher one, and starts the member's period (its review date) with the first tier above entry.
     * Returns whether the tier changed.
     */
    public static boolean upgrade(MemberRecord r, CompiledProgram program, long millis) {
        TierLadder ladder = program.tiers();
        int before = ladder.clamp(r.tier);
        int after = ladder.upgrade(before, windowTotal(r, program.qualifyingPeriod(), millis));
        if (after > before) {
            r.tier = after;
            r.tierReviewAtMillis = program.qualifyingPeriod().periodEndMillis(millis);
            return true;
        }
        return false;
    }

    /**
     * Reviews the tier if the member's period ended by {@code now}: the total of the window that
     * just ended decides, dropping at most the soft landing; the admin floor holds while in force.
     * A member still above entry starts a new period. Returns whether the tier changed.
     */
    public static boolean review(MemberRecord r, CompiledProgram program, long now) {
        if (r.tierReviewAtMillis == 0 || now < r.tierReviewAtMillis) {
            return false;
        }
        TierLadder ladder = program.tiers();
        QualifyingPeriod period = program.qualifyingPeriod();
        long reviewAt = r.tierReviewAtMillis;
        int before = r.tier;
        int after = ladder.review(before, windowTotal(r, period, reviewAt - 1));
        if (r.tierFloor != MemberRecord.NO_TIER_FLOOR && r.tierFloorUntilMillis > reviewAt) {
            after = Math.max(after, ladder.clamp(r.tierFloor));
        }
        r.tier = after;
        r.periodStartTier = after;
        r.tierReviewAtMillis = after > 0 ? period.periodEndMillis(reviewAt) : 0;
        return after != before;
    }

    /**
     * After a return took qualifying progress back: a tier reached within the current period is
     * recomputed from the window's total at {@code now}, never below the tier the period began
     * with (the review, not a return, lowers a tier held from the last period). Returns whether
     * the tier changed.
     */
    public static boolean undoUpgrade(MemberRecord r, CompiledProgram program, long now) {
        if (r.tier <= r.periodStartTier) {
            return false;
        }
        TierLadder ladder = program.tiers();
        int after = Math.max(r.periodStartTier, ladder.tierFor(windowTotal(r, program.qualifyingPeriod(), now)));
        if (after >= r.tier) {
            return false;
        }
        r.tier = after;
        if (after == 0) {
            r.tierReviewAtMillis = 0;
        }
        return true;
    }

    /** The tier the rules see at {@code millis}: the member's tier, or the admin floor while it holds. */
    public static int effectiveTier(MemberRecord r, long millis) {
        return r.tierFloor != MemberRecord.NO_TIER_FLOOR && millis < r.tierFloorUntilMillis
                ? Math.max(r.tier, r.tierFloor) : r.tier;
    }

    private static int slot(long month) {
        return (int) Math.floorMod(month, (long) RING);
    }
}
