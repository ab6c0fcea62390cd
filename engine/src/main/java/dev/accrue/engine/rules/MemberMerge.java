package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;

/**
 * Merging one member's record into another's (the survivor's): points with their lots and
 * expiries, what expired (for returns), debt, holds, wallets, lifetime totals, qualifying progress and tier. Both records are
 * settled to the same time first. The merged record is left empty and marked merged. Pure
 * functions of the records and the program; no allocation.
 */
public final class MemberMerge {
    private MemberMerge() {
    }

    /** Whether the combined record stays within a record's limits. */
    public static boolean fits(MemberRecord survivor, MemberRecord merged) {
        return PointLots.lotsAfterAbsorbing(survivor, merged) <= MemberRecord.MAX_LOTS
                && survivor.holdCount + merged.holdCount <= MemberRecord.MAX_HOLDS
                && MemberWallets.countAfterAbsorbing(survivor, merged) <= MemberRecord.MAX_WALLETS
                && survivor.mergeCount + merged.mergeCount + 1 <= MemberRecord.MAX_MERGES;
    }

    /** Combines {@code merged} into {@code survivor} at {@code now}; {@code merged} is left pointing at {@code survivorId}. */
    public static void combine(MemberRecord survivor, MemberRecord merged, long survivorId, CompiledProgram program,
                               long now) {
        // Holds first: the combined debt is paid from the points neither member's holds keep.
        for (int i = 0; i < merged.holdCount; i++) {
            PointHolds.open(survivor, merged.holdKey[i], merged.holdPoints[i], merged.holdExpiresAt[i]);
        }
        for (int i = 0; i < merged.closedHoldCount; i++) {
            PointHolds.rememberClosed(survivor, merged.closedHoldKey[i], merged.closedHoldHow[i]);
        }
        PointLots.absorb(survivor, merged);
        ExpiredPoints.absorb(survivor, merged);
        MemberWallets.absorb(survivor, merged);
        survivor.lifetimeEarned += merged.lifetimeEarned;
        survivor.lifetimeRedeemed += merged.lifetimeRedeemed;
        survivor.lifetimeExpired += merged.lifetimeExpired;
        survivor.lifetimeAdjusted += merged.lifetimeAdjusted;
        survivor.purchaseCount += merged.purchaseCount;
        survivor.enrolledAtMillis = Math.min(survivor.enrolledAtMillis, merged.enrolledAtMillis);
        survivor.lastActivityMillis = Math.max(survivor.lastActivityMillis, merged.lastActivityMillis);
        if (survivor.birthday == 0) {
            survivor.birthday = merged.birthday;
        }
        survivor.birthdayBonusYear = Math.max(survivor.birthdayBonusYear, merged.birthdayBonusYear);
        DailyEarnings.absorb(survivor, merged);
        combineTiers(survivor, merged, program, now);
        survivor.mergeCount += merged.mergeCount + 1;

        merged.enrol(merged.enrolledAtMillis, merged.lastSequence);
        merged.status = MemberRecord.STATUS_MERGED;
        merged.mergedInto = survivorId;
    }

    private static void combineTiers(MemberRecord survivor, MemberRecord merged, CompiledProgram program, long now) {
        for (long month = merged.qualifyingMonth - MemberRecord.QUALIFYING_MONTHS + 1; month <= merged.qualifyingMonth;
             month++) {
            long amount = merged.qualifying[(int) Math.floorMod(month, (long) MemberRecord.QUALIFYING_MONTHS)];
            if (amount != 0) {
                TierProgress.addToMonth(survivor, month, amount);
            }
        }
        if (merged.tier > survivor.tier) {
            survivor.tier = merged.tier;
            survivor.tierReviewAtMillis = merged.tierReviewAtMillis;
        } else if (survivor.tierReviewAtMillis == 0) {
            survivor.tierReviewAtMillis = merged.tierReviewAtMillis;
        }
        survivor.periodStartTier = Math.max(survivor.periodStartTier, merged.periodStartTier);
        if (merged.tierFloor != MemberRecord.NO_TIER_FLOOR && merged.tierFloorUntilMillis > now
                && (survivor.tierFloor == MemberRecord.NO_TIER_FLOOR || survivor.tierFloorUntilMillis <= now
                || merged.tierFloor > survivor.tierFloor)) {
            survivor.tierFloor = merged.tierFloor;
            survivor.tierFloorUntilMillis = merged.tierFloorUntilMillis;
        }
        TierProgress.upgrade(survivor, program, now);
    }
}
