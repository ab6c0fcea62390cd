package dev.accrue.engine.rules;

import dev.accrue.engine.domain.MemberRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExpiredPointsTest {
    private static final long DAY = 86_400_000L;
    private final MemberRecord member = new MemberRecord().enrol(0, 0);

    @Test
    void pointsOfOneExpiryTimeArePooledAndClaimedUpToWhatExpired() {
        ExpiredPoints.add(member, 30 * DAY, 70, 30 * DAY);
        ExpiredPoints.add(member, 30 * DAY, 50, 30 * DAY);

        assertEquals(100, ExpiredPoints.claim(member, 30 * DAY, 100));
        assertEquals(20, ExpiredPoints.claim(member, 30 * DAY, 100));
        assertEquals(0, ExpiredPoints.claim(member, 30 * DAY, 100));
        assertEquals(0, member.expiredCount, "an emptied pool is dropped");
    }

    @Test
    void aClaimFindsOnlyItsOwnExpiryTime() {
        ExpiredPoints.add(member, 30 * DAY, 70, 30 * DAY);

        assertEquals(0, ExpiredPoints.claim(member, 31 * DAY, 10));
        assertEquals(70, ExpiredPoints.pool(member, 30 * DAY));
    }

    @Test
    void poolsAreForgottenWhenTheyWereKeptFromBeforeTheCutoff() {
        ExpiredPoints.add(member, 30 * DAY, 70, 30 * DAY);
        ExpiredPoints.add(member, 40 * DAY, 10, 40 * DAY);
        ExpiredPoints.add(member, 20 * DAY, 5, 45 * DAY); // a late purchase's, recorded on day 45

        assertEquals(false, ExpiredPoints.forgetBefore(member, 30 * DAY));
        assertEquals(true, ExpiredPoints.forgetBefore(member, 30 * DAY + 1));

        assertEquals(0, ExpiredPoints.pool(member, 30 * DAY));
        assertEquals(10, ExpiredPoints.pool(member, 40 * DAY));
        assertEquals(5, ExpiredPoints.pool(member, 20 * DAY), "kept from when the engine heard of it");
    }

    @Test
    void aFullMemberForgetsThePoolKeptFromTheEarliestTime() {
        for (int i = 0; i < MemberRecord.MAX_EXPIRED; i++) {
            ExpiredPoints.add(member, (i + 1) * DAY, 1, (MemberRecord.MAX_EXPIRED - i) * DAY);
        }

        ExpiredPoints.add(member, 9_999 * DAY, 7, 9_999 * DAY);

        assertEquals(MemberRecord.MAX_EXPIRED, member.expiredCount);
        assertEquals(0, ExpiredPoints.pool(member, MemberRecord.MAX_EXPIRED * DAY), "the one kept from day 1");
        assertEquals(7, ExpiredPoints.pool(member, 9_999 * DAY));
        assertEquals(1, ExpiredPoints.pool(member, DAY));
    }

    @Test
    void aMergeAddsTheMergedMembersPoolsToTheSurvivorsOfTheSameTime() {
        MemberRecord merged = new MemberRecord().enrol(0, 0);
        ExpiredPoints.add(member, 30 * DAY, 70, 30 * DAY);
        ExpiredPoints.add(merged, 30 * DAY, 20, 50 * DAY);
        ExpiredPoints.add(merged, 60 * DAY, 5, 60 * DAY);

        ExpiredPoints.absorb(member, merged);

        assertEquals(90, ExpiredPoints.pool(member, 30 * DAY));
        assertEquals(5, ExpiredPoints.pool(member, 60 * DAY));
        assertEquals(0, merged.expiredCount);
        ExpiredPoints.forgetBefore(member, 50 * DAY);
        assertEquals(90, ExpiredPoints.pool(member, 30 * DAY), "kept as long as the later of the two needs it");
    }

    @Test
    void settlingExpiredLotsPoolsWhatTheyHeld() {
        PointLots.credit(member, 100, 0, 30 * DAY);
        PointLots.spend(member, 30);

        PointLots.settle(member, 30 * DAY, new PointLots.Settlement());

        assertEquals(70, ExpiredPoints.pool(member, 30 * DAY));
        assertEquals(70, member.lifetimeExpired);
    }
}
