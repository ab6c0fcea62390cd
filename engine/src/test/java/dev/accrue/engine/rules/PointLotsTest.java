package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.testing.TestSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointLotsTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_767_225_600_000L;

    private final MemberRecord member = new MemberRecord();
    private final PointLots.Settlement settlement = new PointLots.Settlement();

    @BeforeEach
    void enrol() {
        member.enrol(T0, 1);
    }

    @Test
    void pointsWithoutAPendingPeriodAreAvailableAtOnce() {
        PointLots.credit(member, 100, T0, T0 + 365 * DAY);

        assertEquals(100, member.available);
        assertEquals(0, member.pending);
    }

    @Test
    void pendingPointsBecomeAvailableWhenTheirWindowEnds() {
        PointLots.credit(member, 100, T0 + 14 * DAY, T0 + 365 * DAY);
        assertEquals(100, member.pending);

        PointLots.settle(member, T0 + 14 * DAY - 1, settlement);
        assertEquals(0, settlement.released);
        assertEquals(100, member.pending);

        PointLots.settle(member, T0 + 14 * DAY, settlement);
        assertEquals(100, settlement.released);
        assertEquals(0, member.pending);
        assertEquals(100, member.available);
    }

    @Test
    void lotsExpireAtTheirExpiryTimeAndNotBefore() {
        PointLots.credit(member, 100, T0, T0 + 30 * DAY);
        PointLots.credit(member, 50, T0, T0 + 60 * DAY);

        PointLots.settle(member, T0 + 30 * DAY - 1, settlement);
        assertEquals(150, member.available);
        PointLots.settle(member, T0 + 30 * DAY, settlement);

        assertEquals(100, settlement.expired);
        assertEquals(50, member.available);
        assertEquals(100, member.lifetimeExpired);
        assertEquals(1, member.lotCount);
    }

    @Test
    void spendingTakesTheOldestPointsFirst() {
        PointLots.credit(member, 50, T0, T0 + 60 * DAY);
        PointLots.credit(member, 100, T0, T0 + 30 * DAY);

        PointLots.spend(member, 120);

        assertEquals(30, member.available);
        assertEquals(1, member.lotCount);
        assertEquals(T0 + 60 * DAY, member.lotExpiresAt[0]);
        assertEquals(30, member.lotPoints[0]);
    }

    @Test
    void pendingPointsCannotBeSpent() {
        PointLots.credit(member, 100, T0 + DAY, T0 + 30 * DAY);

        assertThrows(IllegalArgumentException.class, () -> PointLots.spend(member, 1));
    }

    @Test
    void creditsWithTheSameTimesShareOneLot() {
        PointLots.credit(member, 10, T0, T0 + 30 * DAY);
        PointLots.credit(member, 20, T0, T0 + 30 * DAY);

        assertEquals(1, member.lotCount);
        assertEquals(30, member.lotPoints[0]);
    }

    @Test
    void releasedLotsMergeWithAvailableLotsOfTheSameExpiry() {
        PointLots.credit(member, 10, T0, T0 + 30 * DAY);
        PointLots.credit(member, 20, T0 + DAY, T0 + 30 * DAY);
        assertEquals(2, member.lotCount);

        PointLots.settle(member, T0 + DAY, settlement);

        assertEquals(1, member.lotCount);
        assertEquals(30, member.available);
    }

    @Test
    void takingBackAPendingPurchaseTakesItsOwnPendingLot() {
        PointLots.credit(member, 100, T0, T0 + 30 * DAY);
        PointLots.credit(member, 40, T0 + 14 * DAY, T0 + 60 * DAY);

        long taken = PointLots.takeBack(member, 40, T0 + 14 * DAY, T0 + 60 * DAY);

        assertEquals(40, taken);
        assertEquals(0, member.pending);
        assertEquals(100, member.available);
        assertEquals(0, member.debt);
    }

    @Test
    void takingBackSpentPointsLeavesDebtThatTheNextCreditsPayFirst() {
        PointLots.credit(member, 100, T0, T0 + 30 * DAY);
        PointLots.spend(member, 80);

        long taken = PointLots.takeBack(member, 100, T0, T0 + 30 * DAY);
        assertEquals(20, taken);
        assertEquals(0, member.available);
        assertEquals(80, member.debt);
        assertEquals(0, member.lotCount);

        PointLots.credit(member, 50, T0, T0 + 60 * DAY);
        assertEquals(30, member.debt);
        assertEquals(0, member.available);
        PointLots.credit(member, 50, T0, T0 + 60 * DAY);
        assertEquals(0, member.debt);
        assertEquals(20, member.available);
    }

    @Test
    void takingBackLeavesThePointsOpenHoldsKeepAndOwesTheRest() {
        PointLots.credit(member, 100, T0, T0 + 30 * DAY);
        PointLots.credit(member, 50, T0, T0 + 60 * DAY);
        PointHolds.open(member, 7, 120, T0 + DAY);

        assertEquals(30, PointLots.takeBack(member, 100, 0, 0));

        assertEquals(120, member.available, "the held points stay in their lots");
        assertEquals(0, member.spendable());
        assertEquals(70, member.debt);
        PointLots.spend(member, 120); // the hold's capture
        assertEquals(0, member.available);
        assertEquals(70, member.debt);
    }

    @Test
    void pointsAClosedHoldFreesPayDebtFirst() {
        holding120Of150();
        PointLots.takeBack(member, 100, 0, 0);

        PointHolds.close(member, PointHolds.find(member, 7), MemberRecord.HOLD_VOIDED);
        assertEquals(70, PointLots.payDebt(member));

        assertEquals(50, member.available);
        assertEquals(0, member.debt);
        assertEquals(0, PointLots.payDebt(member), "nothing owed, nothing paid");
    }

    @Test
    void anExpiredHoldPaysDebtFromThePointsItFrees() {
        holding120Of150();
        PointLots.takeBack(member, 200, 0, 0);
        assertEquals(170, member.debt);

        assertTrue(PointHolds.expire(member, T0 + DAY));

        assertEquals(0, member.available);
        assertEquals(50, member.debt);
        assertEquals(0, member.holdCount);
    }

    @Test
    void absorbingAMemberInDebtNeverTakesPointsTheSurvivorHolds() {
        holding120Of150();
        MemberRecord merged = new MemberRecord();
        merged.enrol(T0, 2);
        PointLots.takeBack(merged, 90, 0, 0);

        PointLots.absorb(member, merged);

        assertEquals(120, member.available);
        assertEquals(0, member.spendable());
        assertEquals(60, member.debt);
    }

    /** 150 points in one lot, 120 of them held at a till (hold key 7, expiring a day in). */
    private void holding120Of150() {
        PointLots.credit(member, 150, T0, T0 + 30 * DAY);
        PointHolds.open(member, 7, 120, T0 + DAY);
    }

    @Test
    void pointsExpiringByADateCountPendingAndAvailableLots() {
        PointLots.credit(member, 10, T0, T0 + 30 * DAY);
        PointLots.credit(member, 20, T0 + DAY, T0 + 40 * DAY);
        PointLots.credit(member, 40, T0, T0 + 90 * DAY);

        assertEquals(0, PointLots.expiringBy(member, T0 + 30 * DAY - 1));
        assertEquals(30, PointLots.expiringBy(member, T0 + 40 * DAY));
        assertEquals(70, PointLots.expiringBy(member, T0 + 365 * DAY));
    }

    @Test
    void aMemberWithAllLotsInUseCannotTakeALotOfNewTimes() {
        for (int i = 0; i < MemberRecord.MAX_LOTS; i++) {
            assertTrue(PointLots.credit(member, 1, T0, T0 + (i + 1) * DAY));
        }
        assertFalse(PointLots.credit(member, 1, T0, T0 + 5_000 * DAY));
        assertTrue(PointLots.credit(member, 1, T0, T0 + DAY), "merging into an existing lot still works");
        assertEquals(MemberRecord.MAX_LOTS + 1, member.available);
    }

    private record Lot(long expiresAt, long pendingUntil, long[] points) {
    }

    /** By expiry, then pending time, where a released lot's pending time no longer matters. */
    private static void sortAsTheRecordDoes(List<Lot> lots, long now) {
        lots.sort((a, b) -> a.expiresAt != b.expiresAt ? Long.compare(a.expiresAt, b.expiresAt)
                : Long.compare(a.pendingUntil <= now ? 0 : a.pendingUntil, b.pendingUntil <= now ? 0 : b.pendingUntil));
    }

    /** Random credits, spends, returns and settlements against a list of plain lot objects. */
    @Test
    void agreesWithAPlainModelOfLots() {
        long seed = TestSeeds.seed("PointLotsTest", "accrue.lots.seed");
        SplittableRandom random = new SplittableRandom(seed);
        List<Lot> model = new ArrayList<>();
        long modelDebt = 0;
        long modelExpired = 0;
        long now = T0;
        for (int step = 0; step < 5_000; step++) {
            int action = random.nextInt(10);
            if (action < 5) {
                long points = 1 + random.nextInt(500);
                long pendingUntil = now + (random.nextBoolean() ? 0 : random.nextInt(20) * DAY);
                long expiresAt = now + (1 + random.nextInt(60)) * DAY;
                assertTrue(PointLots.credit(member, points, pendingUntil, expiresAt));
                long toDebt = Math.min(points, modelDebt);
                modelDebt -= toDebt;
                if (points > toDebt) {
                    model.add(new Lot(expiresAt, pendingUntil, new long[] {points - toDebt}));
                }
            } else if (action < 7) {
                long available = 0;
                for (Lot lot : model) {
                    available += lot.pendingUntil <= now ? lot.points[0] : 0;
                }
                long points = available == 0 ? 0 : random.nextLong(available + 1);
                PointLots.spend(member, points);
                sortAsTheRecordDoes(model, now);
                long left = points;
                for (Lot lot : model) {
                    if (lot.pendingUntil <= now && left > 0) {
                        long taken = Math.min(left, lot.points[0]);
                        lot.points[0] -= taken;
                        left -= taken;
                    }
                }
            } else if (action < 8) {
                long points = 1 + random.nextInt(300);
                PointLots.takeBack(member, points, 0, 0); // no own lot: pending first, then available oldest first
                sortAsTheRecordDoes(model, now);
                long left = points;
                for (Lot lot : model) {
                    if (lot.pendingUntil > now && left > 0) {
                        long taken = Math.min(left, lot.points[0]);
                        lot.points[0] -= taken;
                        left -= taken;
                    }
                }
                for (Lot lot : model) {
                    if (lot.pendingUntil <= now && left > 0) {
                        long taken = Math.min(left, lot.points[0]);
                        lot.points[0] -= taken;
                        left -= taken;
                    }
                }
                modelDebt += left;
            } else {
                now += random.nextInt(5) * DAY + random.nextInt(1000);
                PointLots.settle(member, now, settlement);
                long cutoff = now;
                for (Lot lot : model) {
                    if (lot.expiresAt <= cutoff) {
                        modelExpired += lot.points[0];
                        lot.points[0] = 0;
                    }
                }
            }
            model.removeIf(lot -> lot.points[0] == 0);
            long available = 0;
            long pending = 0;
            for (Lot lot : model) {
                if (lot.pendingUntil <= member.settledThroughMillis) {
                    available += lot.points[0];
                } else {
                    pending += lot.points[0];
                }
            }
            assertEquals(available, member.available, "available at step " + step);
            assertEquals(pending, member.pending, "pending at step " + step);
            assertEquals(modelDebt, member.debt, "debt at step " + step);
            assertEquals(modelExpired, member.lifetimeExpired, "expired at step " + step);
            assertEquals(available + pending, PointLots.expiringBy(member, Long.MAX_VALUE), "lots at step " + step);
        }
    }
}
