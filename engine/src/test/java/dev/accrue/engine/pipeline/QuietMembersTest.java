package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.pipeline.ClockTickSettlementTest.BOUGHT_AT;
import static dev.accrue.engine.pipeline.ClockTickSettlementTest.EXPIRES_AT;
import static dev.accrue.engine.pipeline.ClockTickSettlementTest.RELEASED_AT;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_ESHOP;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clock ticks' sweep keeps, for each member it settles, the time before which settling it
 * again changes nothing, and passes the member by unread until then. (That settling a member
 * before its time changes nothing is {@link RulesModelTest}'s to show: every tick there settles
 * every member the model does, and any member passed by too long would disagree with the model.)
 */
class QuietMembersTest {
    /** {@link ClockTickSettlementTest}'s program, with expiry told a day before. */
    private static final Program PENDING_AND_EXPIRING = ClockTickSettlementTest.PENDING_AND_EXPIRING.toBuilder()
            .setExpiry(ClockTickSettlementTest.PENDING_AND_EXPIRING.getExpiry().toBuilder().setNoticeDays(1)).build();
    private static final long DAY = 86_400_000L;
    private static final long NOTICED_AT = EXPIRES_AT - DAY;

    @TempDir
    Path directory;
    private ProcessorDriver engine;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, PENDING_AND_EXPIRING);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** A member who bought at the till: points available at once, expiring at {@link ClockTickSettlementTest#EXPIRES_AT}. */
    private long boughtInStore(String card) {
        long member = engine.enrol(card, 0, BOUGHT_AT).resultMemberId;
        engine.purchase(member, CHANNEL_POS, BOUGHT_AT).line("bread", null, 50_00).apply();
        return member;
    }

    @Test
    void eachWriteAndEachSettlementKeepWhenTheMemberNextNeedsSettling() {
        long online = engine.enrol("ONLINE", 0, BOUGHT_AT).resultMemberId;
        long inStore = engine.enrol("IN-STORE", 0, BOUGHT_AT).resultMemberId;
        MemberStore members = engine.state().members();
        assertEquals(Integer.MAX_VALUE * 60_000L, members.quietUntil(online), "nothing will ever be due: the latest time kept");

        engine.purchase(online, CHANNEL_ESHOP, BOUGHT_AT).line("lamp", null, 100_00).apply();
        engine.purchase(inStore, CHANNEL_POS, BOUGHT_AT).line("bread", null, 50_00).apply();
        assertEquals(RELEASED_AT, members.quietUntil(online), "its points release then (to the minute)");
        assertEquals(NOTICED_AT, members.quietUntil(inStore), "its points' expiry is told then");

        engine.purchase(inStore, CHANNEL_ESHOP, BOUGHT_AT + 2_000).line("milk", null, 10_00).apply();
        assertEquals(RELEASED_AT, members.quietUntil(inStore), "the e-shop purchase's points release sooner");
        engine.tick(RELEASED_AT + 2_000);
        assertEquals(NOTICED_AT, members.quietUntil(online), "released; its points' expiry is told then");
        assertEquals(NOTICED_AT, members.quietUntil(inStore));
        assertEquals(60, engine.stored(inStore).available);
    }

    @Test
    void timesKeptBeforeTheFirstTickOutliveIt() {
        for (int i = 0; i < 100; i++) { // more than a tick's sweep reaches
            boughtInStore("CARD-" + i);
        }
        engine.tick(BOUGHT_AT + 1_000);
        assertEquals(NOTICED_AT, engine.state().members().quietUntil(100), "not forgotten by the first tick's terms");
    }

    @Test
    void aMemberQuietPastTheClockIsPassedByUnread() {
        long online = engine.enrol("ONLINE", 0, BOUGHT_AT).resultMemberId;
        engine.purchase(online, CHANNEL_ESHOP, BOUGHT_AT).line("lamp", null, 100_00).apply();
        engine.tick(BOUGHT_AT + 1_000);
        MemberStore members = engine.state().members();
        members.quietUntil(online, RELEASED_AT + 60_000); // wrongly late, to show the sweep trusts it

        engine.tick(RELEASED_AT);
        assertEquals(100, engine.stored(online).pending, "passed by: the points stay pending");
        engine.tick(RELEASED_AT + 60_000);
        assertEquals(0, engine.stored(online).pending);
        assertEquals(100, engine.stored(online).available);
    }

    @Test
    void aProgramWithALongerExpiryNoticeForgetsEveryMembersTime() {
        long inStore = boughtInStore("IN-STORE");
        engine.tick(BOUGHT_AT + 1_000);
        MemberStore members = engine.state().members();
        assertEquals(NOTICED_AT, members.quietUntil(inStore));

        Program withNotice = PENDING_AND_EXPIRING.toBuilder()
                .setExpiry(PENDING_AND_EXPIRING.getExpiry().toBuilder().setNoticeDays(7)).build();
        engine.changeProgram("notice", withNotice, BOUGHT_AT + 2_000);
        engine.tick(BOUGHT_AT + 3_000);
        assertEquals(EXPIRES_AT - 7 * DAY, members.quietUntil(inStore), "told seven days before");
        engine.tick(EXPIRES_AT - 7 * DAY);
        assertEquals(50, engine.stored(inStore).available);
        assertEquals(EXPIRES_AT, engine.stored(inStore).noticedExpiryMillis, "the notice was recorded");
        assertEquals(EXPIRES_AT, members.quietUntil(inStore));
    }

    @Test
    void aTierFloorKeepsTheMemberQuietOnlyUntilItRunsOut() {
        engine.close();
        engine = new ProcessorDriver(directory.resolve("tiered"), PENDING_AND_EXPIRING.toBuilder()
                .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(1_000_000)).build());
        long member = engine.enrol("CARD", 0, BOUGHT_AT).resultMemberId;
        long floorEnds = BOUGHT_AT + 3 * DAY;
        assertEquals(ResultCode.OK, engine.setTierFloor(member, 1, floorEnds, "status-match").result);

        engine.tick(BOUGHT_AT + 1_000);
        MemberStore members = engine.state().members();
        assertEquals(floorEnds, members.quietUntil(member));
        engine.tick(floorEnds);
        assertEquals(0, engine.stored(member).announcedTier, "the end of the floor was told");
    }

    @Test
    void expiredPointsKeepTheMemberQuietUntilTheirReturnWindowEnds() {
        long inStore = boughtInStore("IN-STORE");
        engine.tick(EXPIRES_AT);
        MemberRecord expired = engine.stored(inStore);
        assertEquals(0, expired.lotCount);
        assertEquals(1, expired.expiredCount, "kept while a return could name them");

        assertEquals(EXPIRES_AT + LoyaltyProcessor.DEFAULT_PURCHASE_RETENTION_MILLIS,
                engine.state().members().quietUntil(inStore));
    }

    @Test
    void aMemberWithATierChangeStillToBeToldIsNeverQuiet() {
        MemberSettlement settlement = new MemberSettlement(new ProgramVersions(), engine.state().movements(),
                engine.state().counters(), DAY);
        MemberRecord r = new MemberRecord();
        assertEquals(Long.MAX_VALUE, settlement.quietUntil(r, BOUGHT_AT, DAY));

        r.tier = 1;
        assertEquals(Long.MIN_VALUE, settlement.quietUntil(r, BOUGHT_AT, DAY), "tier 1 not told yet");
        r.announcedTier = 1;
        r.tierFloor = 2;
        r.tierFloorUntilMillis = BOUGHT_AT + DAY;
        assertEquals(Long.MIN_VALUE, settlement.quietUntil(r, BOUGHT_AT, DAY), "the floor's tier not told yet");
        r.announcedTier = 2;
        assertEquals(BOUGHT_AT + DAY, settlement.quietUntil(r, BOUGHT_AT, DAY), "until the floor runs out");
        assertEquals(Long.MIN_VALUE, settlement.quietUntil(r, BOUGHT_AT + DAY, DAY), "ran out: tier 1 not told yet");
    }
}
