package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_ESHOP;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tier changes and expiry notices in a member's history, recorded in event time: by the command
 * that brought them, or by the settlement that finds them when the engine clock gets there.
 */
class MemberNoticesTest {
    private static final long DAY = 86_400_000L;
    private static final long BOUGHT_AT = prague("2026-01-05T10:00");
    /** Points expire 60 days after they were earned; notices 10 days before. */
    private static final Program EXPIRING = TestPrograms.baseOnly().setTimeZone("Europe/Prague")
            .setExpiry(ExpiryPolicy.newBuilder().setAfterDays(60).setNoticeDays(10)).build();
    /** Silver from 1,000 qualifying points over 12 rolling months. */
    private static final Program TIERED = TestPrograms.baseOnly().setTimeZone("Europe/Prague")
            .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(1_000)).build();

    @TempDir
    Path directory;
    private ProcessorDriver engine;

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void pointsGetOneNoticeWhenTheClockEntersTheNoticePeriod() {
        engine = new ProcessorDriver(directory, EXPIRING);
        long member = enrolAndBuy(EXPIRING, 100_00);
        long expiresAt = BOUGHT_AT + 60 * DAY;

        engine.tick(expiresAt - 10 * DAY - 1);
        assertEquals(List.of(Movement.Kind.EARNED), kinds(member));
        engine.tick(expiresAt - 10 * DAY);
        engine.tick(expiresAt - DAY);

        List<Movement> history = history(member);
        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.EXPIRING_SOON), kinds(member));
        Movement notice = history.get(1);
        assertEquals(100, notice.expiringPoints());
        assertEquals(expiresAt, notice.expiresAtMillis);
        assertEquals(expiresAt - 10 * DAY, notice.occurredAtMillis, "when the engine clock got there");
        assertEquals(0, notice.points, "a notice moves no points");
        engine.tick(expiresAt);
        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.EXPIRING_SOON, Movement.Kind.EXPIRED), kinds(member));
    }

    @Test
    void aPurchaseWhosePointsExpireWithinTheNoticePeriodIsNoticedAtOnce() {
        engine = new ProcessorDriver(directory, EXPIRING);
        engine.tick(BOUGHT_AT + 55 * DAY);

        long member = enrolAndBuy(EXPIRING, 30_00); // a till that was offline for 55 days

        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.EXPIRING_SOON), kinds(member));
        assertEquals("purchase-2", history(member).get(0).eventId.toString());
    }

    @Test
    void noNoticesWhenTheProgramAsksForNone() {
        Program silent = EXPIRING.toBuilder().setExpiry(EXPIRING.getExpiry().toBuilder().setNoticeDays(0)).build();
        engine = new ProcessorDriver(directory, silent);
        long member = enrolAndBuy(silent, 100_00);

        engine.tick(BOUGHT_AT + 59 * DAY);

        assertEquals(List.of(Movement.Kind.EARNED), kinds(member));
    }

    @Test
    void anUpgradeIsRecordedAfterThePurchaseThatBroughtIt() {
        engine = new ProcessorDriver(directory, TIERED);
        long member = enrolAndBuy(TIERED, 1_000_00);

        List<Movement> history = history(member);
        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.TIER_CHANGED), kinds(member));
        Movement upgrade = history.get(1);
        assertEquals(0, upgrade.tierBefore());
        assertEquals(1, upgrade.tierAfter());
        assertEquals(BOUGHT_AT, upgrade.occurredAtMillis);
        assertEquals(history.get(0).eventId.toString(), upgrade.eventId.toString(), "the purchase's event");
    }

    @Test
    void aReviewThatLowersTheTierIsRecordedWhenTheClockGetsThere() {
        engine = new ProcessorDriver(directory, TIERED);
        long member = enrolAndBuy(TIERED, 1_000_00);
        long later = prague("2028-03-01T00:00");

        engine.tick(later);

        Movement change = history(member).get(2);
        assertEquals(Movement.Kind.TIER_CHANGED, change.kind);
        assertEquals(1, change.tierBefore());
        assertEquals(0, change.tierAfter());
        assertEquals(later, change.occurredAtMillis);
        assertEquals(0, engine.balance(member).tier);
    }

    @Test
    void aReturnThatUndoesTheUpgradeRecordsTheTierGoingBack() {
        engine = new ProcessorDriver(directory, TIERED);
        long member = enrolAndBuy(TIERED, 1_000_00);

        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.RETURN);
        slot.eventId = "return-1";
        slot.returnOf = "purchase-2";
        slot.partnerId = "accrue-markets";
        slot.storeId = "prague-1";
        slot.occurredAtMillis = BOUGHT_AT + DAY;
        assertEquals(ResultCode.OK, engine.apply(slot).result);

        List<Movement> history = history(member);
        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.TIER_CHANGED, Movement.Kind.RETURNED,
                Movement.Kind.TIER_CHANGED), kinds(member));
        assertEquals(1, history.get(3).tierBefore());
        assertEquals(0, history.get(3).tierAfter());
        assertEquals("return-1", history.get(3).eventId.toString());
    }

    @Test
    void anAdminFloorAndItsEndAreTierChanges() {
        engine = new ProcessorDriver(directory, TIERED);
        long member = enrolAndBuy(TIERED, 10_00);
        long until = BOUGHT_AT + 30 * DAY;

        assertEquals(ResultCode.OK, engine.setTierFloor(member, 1, until, "status-match-1").result);
        engine.tick(until);

        List<Movement> history = history(member);
        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.TIER_CHANGED, Movement.Kind.TIER_CHANGED), kinds(member));
        assertEquals("status-match-1", history.get(1).eventId.toString());
        assertEquals(1, history.get(1).tierAfter());
        assertEquals(0, history.get(2).tierAfter());
        assertEquals(until, history.get(2).occurredAtMillis, "the floor ran out");
    }

    @Test
    void whatSettlementRecordedIsKeptWhenTheCommandIsThenRefused() {
        Program pending = TestPrograms.baseOnly()
                .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14))).build();
        engine = new ProcessorDriver(directory, pending);
        for (int i = 0; i < 99; i++) {
            engine.enrol("CARD-" + i, 0, BOUGHT_AT); // so that one tick's sweep does not reach the last
        }
        long member = engine.enrol("CARD", 0, BOUGHT_AT).resultMemberId;
        engine.purchase(member, CHANNEL_ESHOP, BOUGHT_AT).line("lamp", null, 100_00).apply();
        engine.tick(BOUGHT_AT + 15 * DAY);

        // The redemption settles the member (the points are released), then is refused.
        assertEquals(ResultCode.INSUFFICIENT_POINTS, redeem(member, 1_000).result);
        assertEquals(ResultCode.INSUFFICIENT_POINTS, redeem(member, 1_000).result);

        MemberRecord stored = engine.stored(member);
        assertEquals(100, stored.available);
        assertEquals(List.of(Movement.Kind.EARNED, Movement.Kind.RELEASED), kinds(member),
                "released once, and the record links the release: nothing in the log the record has not taken");
        assertEquals(engine.state().movements().length(), endOfNewest(stored),
                "the member's newest movement is the log's last");
    }

    private long enrolAndBuy(Program program, long amountMinor) {
        long member = engine.enrol("CARD-" + program.hashCode(), 0, BOUGHT_AT).resultMemberId;
        CommandSlot bought = engine.purchase(member, CHANNEL_POS, BOUGHT_AT).line("bread", null, amountMinor).apply();
        assertEquals(ResultCode.OK, bought.result);
        return member;
    }

    private CommandSlot redeem(long member, long points) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.REDEEM);
        slot.eventId = engine.nextEventId("redeem");
        slot.memberId = member;
        slot.partnerId = "accrue-markets";
        slot.storeId = "prague-1";
        slot.occurredAtMillis = BOUGHT_AT + 15 * DAY;
        slot.totalMinor = points;
        return engine.apply(slot);
    }

    /** The member's movements, oldest first, following the links from the newest. */
    private List<Movement> history(long member) {
        List<Movement> history = new ArrayList<>();
        for (long at = engine.stored(member).latestMovement; at != 0; ) {
            Movement m = new Movement();
            engine.state().movements().read(at - 1, m);
            history.add(m);
            at = m.previous;
        }
        Collections.reverse(history);
        return history;
    }

    private List<Movement.Kind> kinds(long member) {
        return history(member).stream().map(m -> m.kind).toList();
    }

    /** Where the member's newest movement ends in the log. */
    private long endOfNewest(MemberRecord stored) {
        return engine.state().movements().read(stored.latestMovement - 1, new Movement());
    }
}
