package dev.accrue.engine.rules;

/**
 * Stage 6 of the stacking order: trims a breakdown's earned entries to the per-transaction cap,
 * then to what is left of the member's per-day cap, from the last entry backwards (basket bonuses,
 * then line bonuses, then multipliers, base last). Each trim is recorded as one negative entry of
 * the cap per line it touched (and one at basket level), so the entries still sum to the total
 * and each line's entries to the points it kept. Scratch space is preallocated; allocation-free.
 */
final class CapTrimmer {
    private final long maxPerTransaction;
    private final long maxPerDay;
    /** What is left of each earned entry after the trims so far. */
    private final long[] remaining;
    /** Points the current cap takes, per line, at index line + 1 (0 is the basket). */
    private final long[] trimmed = new long[Basket.MAX_LINES + 1];

    CapTrimmer(long maxPerTransaction, long maxPerDay, int capacity) {
        this.maxPerTransaction = maxPerTransaction;
        this.maxPerDay = maxPerDay;
        this.remaining = new long[capacity];
    }

    /**
     * Applies both caps to the entries of {@code out} for a purchase on local day {@code day};
     * returns the base points left, the purchase's qualifying points (and records each line's).
     */
    long apply(EarnBreakdown out, MemberFacts member, long day) {
        int earned = out.entryCount();
        for (int k = 0; k < earned; k++) {
            remaining[k] = out.entryPoints(k);
        }
        if (maxPerTransaction != 0) {
            trim(out, RuleTable.TRANSACTION_CAP, earned, out.total() - maxPerTransaction);
        }
        if (maxPerDay != 0) {
            long earnedToday = member.earnedDay == day ? member.pointsEarnedOnDay : 0;
            trim(out, RuleTable.DAILY_CAP, earned, out.total() - Math.max(0, maxPerDay - earnedToday));
        }
        long baseLeft = 0;
        for (int k = 0; k < earned; k++) {
            if (out.entryRule(k) == RuleTable.BASE) {
                baseLeft += remaining[k];
                out.lineQualifyingPoints[out.entryLine(k)] += remaining[k];
            }
        }
        return baseLeft;
    }

    private void trim(EarnBreakdown out, int capRule, int earned, long excess) {
        if (excess <= 0) {
            return;
        }
        for (int k = earned - 1; k >= 0 && excess > 0; k--) {
            long take = Math.min(remaining[k], excess);
            remaining[k] -= take;
            excess -= take;
            trimmed[out.entryLine(k) + 1] += take;
        }
        for (int slot = 0; slot <= out.lineCount(); slot++) {
            if (trimmed[slot] != 0) {
                out.trim(capRule, slot - 1, trimmed[slot]);
                trimmed[slot] = 0;
            }
        }
    }
}
