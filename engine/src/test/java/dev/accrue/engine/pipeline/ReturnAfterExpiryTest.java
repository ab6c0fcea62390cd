package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.Program;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A return that comes after the purchase's points expired (the return window is longer than the
 * points live): the expired points left the balance already, so the return takes back only what
 * the member spent of them, and the member's totals read as if the purchase never happened.
 */
class ReturnAfterExpiryTest {
    /** A point per euro; points expire at the end of the 30th day after they were earned (5 January: 4 February). */
    private static final Program EXPIRING = TestPrograms.baseOnly().setTimeZone("Europe/Prague")
            .setExpiry(ExpiryPolicy.newBuilder().setAfterDays(30).setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_DAY))
            .build();
    private static final long EXPIRED_BY = prague("2026-03-01T12:00");

    @TempDir
    Path directory;
    private ProcessorDriver engine;
    private long anna;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, EXPIRING);
        engine.tick(prague("2026-01-01T08:00"));
        anna = engine.enrol("ANNA", 0, prague("2026-01-01T08:00")).resultMemberId;
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aReturnAfterThePointsExpiredTakesBackOnlyWhatTheMemberSpent() {
        String shoes = buy(prague("2026-01-05T10:00"), 100_00);
        engine.tick(prague("2026-01-10T10:00"));
        assertEquals(ResultCode.OK, engine.redeem(anna, 30, prague("2026-01-10T10:00")).result);
        engine.tick(EXPIRED_BY);
        buy(EXPIRED_BY, 50_00);

        CommandSlot returned = engine.returnOf(shoes, EXPIRED_BY).apply();

        assertEquals(ResultCode.OK, returned.result);
        assertEquals(-30, returned.pointsEarned, "the 70 that expired are not taken a second time");
        MemberRecord r = engine.stored(anna);
        assertEquals(20, r.available);
        assertEquals(0, r.debt);
        assertEquals(50, r.lifetimeEarned, "as if the shoes were never bought");
        assertEquals(30, r.lifetimeRedeemed);
        assertEquals(0, r.lifetimeExpired, "nothing of what is still earned expired");
        assertEquals(r.lifetimeEarned - r.lifetimeRedeemed - r.lifetimeExpired, r.available - r.debt);
    }

    @Test
    void aReturnOfPointsThatAllExpiredTakesNothing() {
        String shoes = buy(prague("2026-01-05T10:00"), 100_00);
        engine.tick(EXPIRED_BY);
        buy(EXPIRED_BY, 40_00);

        CommandSlot returned = engine.returnOf(shoes, EXPIRED_BY).apply();

        assertEquals(ResultCode.OK, returned.result);
        assertEquals(0, returned.pointsEarned);
        assertEquals(40, engine.stored(anna).available);
        Movement m = latestMovement();
        assertEquals(Movement.Kind.RETURNED, m.kind);
        assertEquals(0, m.points);
        assertEquals(100, m.pendingPoints, "the history tells the points that had expired before the return");
    }

    @Test
    void purchasesWhosePointsExpiredTogetherNeverLeaveTheMemberMoreThanThePurchasesItKept() {
        String first = buy(prague("2026-01-05T10:00"), 100_00);
        String second = buy(prague("2026-01-05T16:00"), 100_00);
        engine.tick(prague("2026-01-10T10:00"));
        engine.redeem(anna, 50, prague("2026-01-10T10:00"));
        engine.tick(EXPIRED_BY); // 150 expire from the one lot both purchases filled
        buy(EXPIRED_BY, 100_00);

        assertEquals(0, engine.returnOf(first, EXPIRED_BY).apply().pointsEarned, "150 expired: the first finds its 100 among them");
        assertEquals(100, engine.stored(anna).available, "the 50 spent came from the second, which is kept");
        assertEquals(-50, engine.returnOf(second, EXPIRED_BY).apply().pointsEarned, "now both are back: the 50 spent return");

        MemberRecord r = engine.stored(anna);
        assertEquals(50, r.available);
        assertEquals(0, r.lifetimeExpired);
        assertEquals(100, r.lifetimeEarned);
    }

    @Test
    void aPartOfThePurchaseReturnedAfterExpiryClaimsOnlyItsShareOfWhatExpired() {
        String basket = engine.purchase(anna, CHANNEL_POS, prague("2026-01-05T10:00"))
                .line("shoes", null, 60_00).line("socks", null, 40_00).apply().eventId.toString();
        engine.tick(EXPIRED_BY);

        assertEquals(0, engine.returnOf(basket, EXPIRED_BY).line(1, 1).apply().pointsEarned);
        assertEquals(60, engine.stored(anna).lifetimeExpired, "the socks' 40 points are no longer expired: never earned");
        assertEquals(0, engine.returnOf(basket, EXPIRED_BY).apply().pointsEarned);
        assertEquals(0, engine.stored(anna).lifetimeExpired);
        assertEquals(0, engine.stored(anna).expiredCount, "nothing left to claim: the pool is gone");
    }

    @Test
    void aLatePurchaseWhosePointsExpiredBeforeItArrivedTakesNothingWhenReturned() {
        engine.tick(EXPIRED_BY);
        buy(EXPIRED_BY, 25_00);
        String late = buy(prague("2026-01-05T10:00"), 100_00);

        CommandSlot returned = engine.returnOf(late, EXPIRED_BY).apply();

        assertEquals(ResultCode.OK, returned.result);
        assertEquals(0, returned.pointsEarned);
        assertEquals(25, engine.stored(anna).available);
        assertEquals(0, engine.stored(anna).lifetimeExpired);
    }

    @Test
    void whatExpiredIsForgottenOnceNoPurchaseOfItCanBeReturned() {
        String shoes = buy(prague("2026-01-05T10:00"), 100_00);
        engine.tick(EXPIRED_BY);
        assertEquals(1, engine.stored(anna).expiredCount);
        long windowEnds = prague("2026-02-05T00:00") + LoyaltyProcessor.DEFAULT_PURCHASE_RETENTION_MILLIS;

        engine.tick(windowEnds);
        assertEquals(1, engine.stored(anna).expiredCount, "kept to the last instant a return could come");
        engine.tick(windowEnds + 1);
        buy(windowEnds + 1, 10_00);

        assertEquals(0, engine.stored(anna).expiredCount);
        assertEquals(ResultCode.PURCHASE_NOT_FOUND, engine.returnOf(shoes, windowEnds + 1).apply().result);
    }

    @Test
    void aPurchaseIsNotReturnableOnceItsWindowClosedEvenBeforeTheSweepForgetsIt() {
        String shoes = buy(prague("2026-01-05T10:00"), 100_00);
        long recordedAt = engine.state().counters().clockMillis();
        long closed = recordedAt + LoyaltyProcessor.DEFAULT_PURCHASE_RETENTION_MILLIS + 1;
        engine.tick(closed); // one tick sweeps one slice of the table at most
        String before = ComparedMember.whole(engine.stored(anna));
        long movements = engine.state().movements().length();

        assertEquals(ResultCode.PURCHASE_NOT_FOUND, engine.returnOf(shoes, closed).apply().result);
        assertEquals(before, ComparedMember.whole(engine.stored(anna)), "a refused return changes nothing");
        assertEquals(movements, engine.state().movements().length());
    }

    private String buy(long at, long amountMinor) {
        CommandSlot receipt = engine.purchase(anna, CHANNEL_POS, at).line("item", null, amountMinor).apply();
        assertEquals(ResultCode.OK, receipt.result);
        return receipt.eventId.toString();
    }

    private Movement latestMovement() {
        Movement m = new Movement();
        engine.state().movements().read(engine.stored(anna).latestMovement - 1, m);
        return m;
    }
}
