package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.TierQualification;
import org.junit.jupiter.api.Test;

import static dev.accrue.engine.rules.Programs.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TierLadderTest {
    /** member 0, silver 1000, gold 3000, platinum 7500, diamond 15000; drop at most {@code maxDrop}. */
    private static TierLadder ladder(int maxDrop) {
        return Programs.compile(Programs.minimal()
                .addTiers(tier("silver", 1_000, 11_000)).addTiers(tier("gold", 3_000, 12_500))
                .addTiers(tier("platinum", 7_500, 15_000)).addTiers(tier("diamond", 15_000, 20_000))
                .setTierQualification(TierQualification.newBuilder(Programs.minimal().getTierQualification())
                        .setSoftLandingMaxTiersDropped(maxDrop))).tiers();
    }

    @Test
    void aTotalReachesTheHighestTierWhoseThresholdItMeets() {
        TierLadder ladder = ladder(1);

        assertEquals(0, ladder.tierFor(0));
        assertEquals(0, ladder.tierFor(999));
        assertEquals(1, ladder.tierFor(1_000));
        assertEquals(3, ladder.tierFor(14_999));
        assertEquals(4, ladder.tierFor(Long.MAX_VALUE));
        assertEquals(0, ladder.tierFor(-50), "returns can take a total below zero");
    }

    @Test
    void upgradeHappensTheMomentAThresholdIsCrossedAndNeverDowngrades() {
        TierLadder ladder = ladder(1);

        assertEquals(2, ladder.upgrade(1, 3_000));
        assertEquals(3, ladder.upgrade(3, 10), "a low total does not downgrade between reviews");
    }

    @Test
    void reviewDropsAtMostTheSoftLandingNumberOfTiers() {
        assertEquals(3, ladder(1).review(4, 0), "diamond with nothing drops to platinum only");
        assertEquals(2, ladder(2).review(4, 0));
        assertEquals(2, ladder(2).review(4, 1_500), "the total reaches only silver, but two tiers is the most");
        assertEquals(2, ladder(4).review(4, 3_000), "the total's own tier when it is within the landing");
    }

    @Test
    void reviewKeepsOrRaisesTheTierWhenTheTotalReachesIt() {
        TierLadder ladder = ladder(1);

        assertEquals(2, ladder.review(2, 3_000));
        assertEquals(4, ladder.review(2, 20_000));
        assertEquals(0, ladder.review(0, 0));
    }

    @Test
    void tiersKeepTheirIdsNamesThresholdsAndMultipliers() {
        TierLadder ladder = ladder(1);

        assertEquals(5, ladder.size());
        assertEquals("gold", ladder.id(2));
        assertEquals("Member", ladder.name(0));
        assertEquals(7_500, ladder.threshold(3));
        assertEquals(10_000, ladder.earnMultiplierBp(0), "absent means 1x");
        assertEquals(20_000, ladder.earnMultiplierBp(4));
    }
}
