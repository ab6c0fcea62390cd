package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.Program;

/**
 * The program's tiers, lowest first, and the pure decisions about them: which tier a qualifying
 * total reaches (upgrades happen the moment a threshold is crossed) and where a member lands at
 * the review at the end of their period (down at most {@link #maxTiersDropped()} tiers: the soft
 * landing). Tier 0 is the entry tier, threshold 0.
 */
public final class TierLadder {
    private final String[] ids;
    private final String[] names;
    private final long[] thresholds;
    private final int[] earnMultiplierBp;
    private final int maxTiersDropped;

    TierLadder(Program p) {
        int n = p.getTiersCount();
        ids = new String[n];
        names = new String[n];
        thresholds = new long[n];
        earnMultiplierBp = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = p.getTiers(i).getId();
            names[i] = p.getTiers(i).getName();
            thresholds[i] = p.getTiers(i).getThreshold();
            int bp = p.getTiers(i).getEarnMultiplierBp();
            earnMultiplierBp[i] = bp == 0 ? Points.ONE_X_BP : bp;
        }
        maxTiersDropped = p.getTierQualification().getSoftLandingMaxTiersDropped();
    }

    public int size() {
        return ids.length;
    }

    public String id(int tier) {
        return ids[tier];
    }

    public String name(int tier) {
        return names[tier];
    }

    public long threshold(int tier) {
        return thresholds[tier];
    }

    public int earnMultiplierBp(int tier) {
        return earnMultiplierBp[tier];
    }

    public int maxTiersDropped() {
        return maxTiersDropped;
    }

    /** The highest tier whose threshold the qualifying total reaches (0 for any total below tier 1's). */
    public int tierFor(long qualifyingTotal) {
        int tier = thresholds.length - 1;
        while (tier > 0 && thresholds[tier] > qualifyingTotal) {
            tier--;
        }
        return tier;
    }

    /** After a purchase: the higher of the current tier and the tier the total reaches. Never a downgrade. */
    public int upgrade(int currentTier, long qualifyingTotal) {
        return Math.max(clamp(currentTier), tierFor(qualifyingTotal));
    }

    /**
     * At the end of the member's period: the tier the total reaches, but no more than
     * {@link #maxTiersDropped()} below the current tier. A total above the current tier's
     * threshold keeps (or raises) it.
     */
    public int review(int currentTier, long qualifyingTotal) {
        return Math.max(tierFor(qualifyingTotal), Math.max(0, clamp(currentTier) - maxTiersDropped));
    }

    /** A tier index from state written under an older program, brought inside this ladder. */
    public int clamp(int tier) {
        return Math.max(0, Math.min(tier, ids.length - 1));
    }
}
