package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging two member records: nothing lost, nothing counted twice, the merged record left empty. */
class MemberMergeTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L;
    private static final long SURVIVOR_ID = 1;

    private final CompiledProgram program = Programs.compile(Programs.minimal().clearTiers()
            .addTiers(Programs.tier("member", 0, 10_000))
            .addTiers(Programs.tier("silver", 1_000, 11_000))
            .addTiers(Programs.tier("gold", 3_000, 12_000)));
    private final MemberRecord survivor = new MemberRecord();
    private final MemberRecord merged = new MemberRecord();

    @BeforeEach
    void enrol() {
        survivor.enrol(T0, 1);
        merged.enrol(T0 - 30 * DAY, 2);
        merged.settledThroughMillis = T0; // a merge settles both members to one time first
    }

    @Test
    void lotsOfBothStayOrderedAndEqualDatesMergeIntoOneLot() {
        PointLots.credit(survivor, 100, T0, T0 + 90 * DAY);
        PointLots.credit(survivor, 50, T0, T0 + 30 * DAY);
        PointLots.credit(merged, 70, T0, T0 + 90 * DAY);
        PointLots.credit(merged, 20, T0, T0 + 60 * DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(3, survivor.lotCount);
        assertEquals(T0 + 30 * DAY, survivor.lotExpiresAt[0]);
        assertEquals(20, survivor.lotPoints[1]);
        assertEquals(170, survivor.lotPoints[2]);
        assertEquals(240, survivor.available);
    }

    @Test
    void pendingPointsStayPending() {
        PointLots.credit(merged, 80, T0 + 14 * DAY, T0 + 365 * DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(80, survivor.pending);
        assertEquals(0, survivor.available);
    }

    @Test
    void oneMembersDebtIsPaidFromTheOthersPointsOldestFirst() {
        survivor.debt = 30;
        PointLots.credit(merged, 20, T0, T0 + 30 * DAY);
        PointLots.credit(merged, 50, T0, T0 + 60 * DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(0, survivor.debt);
        assertEquals(40, survivor.available);
        assertEquals(1, survivor.lotCount);
        assertEquals(T0 + 60 * DAY, survivor.lotExpiresAt[0]);
    }

    @Test
    void debtLargerThanThePointsStaysDebtAndLeavesNoLots() {
        survivor.debt = 100;
        PointLots.credit(merged, 70, T0 + 14 * DAY, T0 + 60 * DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(30, survivor.debt);
        assertEquals(0, survivor.lotCount);
        assertEquals(0, survivor.pending);
    }

    @Test
    void openHoldsMoveWithTheirPointsAndStayUnspendable() {
        PointLots.credit(merged, 100, T0, T0 + 60 * DAY);
        PointHolds.open(merged, 42, 60, T0 + DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(0, PointHolds.find(survivor, 42));
        assertEquals(60, survivor.held);
        assertEquals(40, survivor.spendable());
    }

    @Test
    void theSurvivorsDebtNeverTakesThePointsTheMergedMembersHoldKeeps() {
        survivor.debt = 100;
        PointLots.credit(merged, 150, T0, T0 + 60 * DAY);
        PointHolds.open(merged, 42, 120, T0 + DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(120, survivor.available, "the held points stay in their lots");
        assertEquals(0, survivor.spendable());
        assertEquals(70, survivor.debt);
    }

    @Test
    void qualifyingTotalsAddUpAndCanLiftTheTier() {
        TierProgress.add(survivor, program.qualifyingPeriod(), T0, 600);
        TierProgress.add(merged, program.qualifyingPeriod(), T0 - 40 * DAY, 500);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(1_100, TierProgress.windowTotal(survivor, program.qualifyingPeriod(), T0));
        assertEquals(1, survivor.tier, "1,100 reaches silver");
    }

    @Test
    void theHigherTierOfTheTwoIsKept() {
        merged.tier = 2;
        merged.tierReviewAtMillis = T0 + 100 * DAY;

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(2, survivor.tier);
        assertEquals(T0 + 100 * DAY, survivor.tierReviewAtMillis);
    }

    @Test
    void lifetimeTotalsAndWalletsAddUpAndTheMergedRecordIsLeftEmptyPointingAtTheSurvivor() {
        merged.lifetimeEarned = 500;
        merged.lifetimeRedeemed = 200;
        merged.purchaseCount = 7;
        MemberWallets.add(survivor, 11, 3);
        MemberWallets.add(merged, 11, 4);
        MemberWallets.add(merged, 12, 10);
        PointLots.credit(merged, 300, T0, T0 + 60 * DAY);

        MemberMerge.combine(survivor, merged, SURVIVOR_ID, program, T0);

        assertEquals(500, survivor.lifetimeEarned);
        assertEquals(200, survivor.lifetimeRedeemed);
        assertEquals(7, survivor.purchaseCount);
        assertEquals(7, MemberWallets.balance(survivor, 11));
        assertEquals(10, MemberWallets.balance(survivor, 12));
        assertEquals(T0 - 30 * DAY, survivor.enrolledAtMillis, "the earlier enrolment");
        assertEquals(1, survivor.mergeCount);
        assertEquals(MemberRecord.STATUS_MERGED, merged.status);
        assertEquals(SURVIVOR_ID, merged.mergedInto);
        assertEquals(0, merged.available + merged.pending + merged.lifetimeEarned + merged.lotCount + merged.walletCount);
    }

    @Test
    void aMergeThatWouldOverflowTheHoldsDoesNotFit() {
        for (int i = 0; i < 5; i++) {
            PointHolds.open(survivor, i, 0, T0 + DAY);
            PointHolds.open(merged, 100 + i, 0, T0 + DAY);
        }

        assertFalse(MemberMerge.fits(survivor, merged));
        merged.holdCount = 3;
        assertTrue(MemberMerge.fits(survivor, merged));
    }
}
