package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BirthdayBonus;
import dev.accrue.loyalty.v1.BirthdayWindow;
import dev.accrue.loyalty.v1.Caps;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;
import dev.accrue.loyalty.v1.Weekday;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.accrue.engine.pipeline.ProcessorDriver.earnedByRule;
import static dev.accrue.engine.pipeline.ProcessorDriver.prague;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_ESHOP;
import static dev.accrue.loyalty.v1.Channel.CHANNEL_POS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A year and a half in the life of one member, Jana, under a realistic program, told in plain
 * steps through the real processor: the welcome bonus, e-shop points pending for 14 days, the
 * weekend promotion, her birthday, two tier upgrades, a capped purchase, points expiring at the
 * end of the month a year after she earned them, and the soft landing at the end of her period.
 * Every time is Prague local time; the engine clock moves only when a tick says so.
 */
class MemberYearScenarioTest {
    private static final int SILVER = 1;
    private static final int GOLD = 2;

    /**
     * Accrue Markets: a point per euro; silver from 1,000 qualifying points (1.25x), gold from
     * 4,000 (1.5x) over 12 rolling months, dropping at most one tier at a review; fresh food 2x;
     * gift cards earn nothing; double points on weekends in 2026; 100 points welcome, 250 on the
     * birthday; at most 3,000 points a purchase and 4,000 a day; e-shop points pending 14 days;
     * points expire 12 months after they were earned, at the end of that month.
     */
    static final Program ACCRUE_MARKETS = Program.newBuilder()
            .setName("Accrue Markets")
            .setTimeZone("Europe/Prague")
            .addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(1).setPerMinorUnits(100))
            .addTiers(Tier.newBuilder().setId("member").setName("Member"))
            .addTiers(Tier.newBuilder().setId("silver").setName("Silver").setThreshold(1_000).setEarnMultiplierBp(12_500))
            .addTiers(Tier.newBuilder().setId("gold").setName("Gold").setThreshold(4_000).setEarnMultiplierBp(15_000))
            .setTierQualification(TierQualification.newBuilder()
                    .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_POINTS)
                    .setWindow(QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS)
                    .setRollingMonths(12)
                    .setSoftLandingMaxTiersDropped(1))
            .addEarnRules(EarnRule.newBuilder().setId("fresh-food-x2")
                    .setCategoryMultiplier(CategoryMultiplier.newBuilder().addCategories("fresh-food").setMultiplierBp(20_000)))
            .addEarnRules(EarnRule.newBuilder().setId("no-gift-cards")
                    .setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards")))
            .addEarnRules(EarnRule.newBuilder().setId("welcome")
                    .setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(100)))
            .addEarnRules(EarnRule.newBuilder().setId("birthday")
                    .setBirthdayBonus(BirthdayBonus.newBuilder().setPoints(250).setWindow(BirthdayWindow.BIRTHDAY_WINDOW_DAY)))
            .addPromotions(Promotion.newBuilder().setId("weekend-double").setMultiplierBp(20_000)
                    .setValidFrom("2026-01-01").setValidTo("2026-12-31")
                    .addWeekdays(Weekday.WEEKDAY_SATURDAY).addWeekdays(Weekday.WEEKDAY_SUNDAY))
            .setCaps(Caps.newBuilder().setMaxPointsPerTransaction(3_000).setMaxPointsPerMemberPerDay(4_000))
            .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14)))
            .setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(12).setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_MONTH))
            .setReturnPolicy(ReturnPolicy.RETURN_POLICY_RECORD_DEBT)
            .build();

    @TempDir
    Path directory;
    private ProcessorDriver engine;
    private long jana;

    @BeforeEach
    void open() {
        engine = new ProcessorDriver(directory, ACCRUE_MARKETS);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void janasYearOfEarningTiersExpiryAndTheSoftLanding() {
        // January 2026: Jana signs up at the till and shops.
        clockAt("2026-01-05T09:00");
        CommandSlot enrolled = engine.enrol("JANA-CARD", 312, prague("2026-01-05T09:00"));
        assertEquals(ResultCode.OK, enrolled.result);
        jana = enrolled.resultMemberId;

        CommandSlot firstShop = pos("2026-01-05T10:00")
                .line("pasta", "pantry", 40_00)
                .line("apples", "fresh-food", 20_00)
                .line("gift-card-50", "gift-cards", 50_00)
                .apply();
        assertReceipt(firstShop, 180, Map.of("base", 60L, "fresh-food-x2", 20L, "welcome", 100L));
        assertBalance(firstShop, 180, 0);

        CommandSlot lamp = eshop("2026-01-14T20:00").line("lamp", "home", 120_00).apply();
        assertReceipt(lamp, 120, Map.of("base", 120L));
        assertBalance(lamp, 180, 120);

        CommandSlot saturday = pos("2026-01-17T11:00").line("coffee", "pantry", 30_00).apply();
        assertReceipt(saturday, 60, Map.of("base", 30L, "weekend-double", 30L));
        assertBalance(saturday, 240, 120);

        // The lamp's 14-day return window ends on 28 January at 20:00.
        clockAt("2026-01-28T19:59:59.999");
        assertBalance(balance(), 240, 120);
        clockAt("2026-01-28T20:00");
        assertBalance(balance(), 360, 0);

        // 12 March is her birthday: the bonus comes with the first purchase of the day only.
        CommandSlot birthdayTea = pos("2026-03-12T12:00").line("tea", "pantry", 25_00).apply();
        assertReceipt(birthdayTea, 275, Map.of("base", 25L, "birthday", 250L));
        CommandSlot birthdayBiscuits = pos("2026-03-12T18:00").line("biscuits", "pantry", 10_00).apply();
        assertReceipt(birthdayBiscuits, 10, Map.of("base", 10L));

        // A television takes her qualifying points from 245 to 1,045: silver at once, but this
        // receipt was earned as a member.
        CommandSlot television = pos("2026-03-20T17:00").line("tv", "electronics", 800_00).apply();
        assertReceipt(television, 800, Map.of("base", 800L));
        assertEquals(SILVER, television.tier, "silver the moment 1,000 qualifying points are reached");
        CommandSlot oliveOil = pos("2026-03-23T10:00").line("olive-oil", "pantry", 100_00).apply();
        assertReceipt(oliveOil, 125, Map.of("base", 100L, "tier", 25L));

        // A laptop on a Saturday would earn 4,500; one purchase earns at most 3,000, trimmed from
        // the promotion first. Base points are untouched, so all 2,000 qualify.
        CommandSlot laptop = pos("2026-04-11T15:00").line("laptop", "electronics", 2_000_00).apply();
        assertReceipt(laptop, 3_000,
                Map.of("base", 2_000L, "tier", 500L, "weekend-double", 2_000L, "transaction-cap", -1_500L));
        assertBalance(laptop, 4_570, 0);
        assertEquals(SILVER, laptop.tier, "3,145 qualifying points: still silver");

        // June: a sofa takes her to 4,045 qualifying points and gold; her period starts again.
        CommandSlot sofa = pos("2026-06-16T16:00").line("sofa", "home", 900_00).apply();
        assertReceipt(sofa, 1_125, Map.of("base", 900L, "tier", 225L));
        assertEquals(GOLD, sofa.tier);
        CommandSlot milk = pos("2026-06-17T08:00").line("milk", "fresh-food", 50_00).apply();
        assertReceipt(milk, 125, Map.of("base", 50L, "tier", 25L, "fresh-food-x2", 50L), "gold 1.5x and fresh 2x add on base");
        assertBalance(milk, 5_820, 0);
        assertEquals(5_820, milk.lifetimeEarned);

        // January 2027: what she earned in January 2026 (360) expires as February begins.
        clockAt("2027-01-15T12:00");
        assertEquals(360, balance(prague("2027-03-01T00:00")).expiringPoints, "expiring before March");
        assertEquals(0, balance(prague("2027-02-01T00:00")).expiringPoints, "they expire at midnight, not before it");
        clockAt("2027-01-31T23:59:59.999");
        CommandSlot lastJanuaryMoment = balance();
        assertBalance(lastJanuaryMoment, 5_820, 0);
        assertEquals(0, lastJanuaryMoment.lifetimeExpired);
        clockAt("2027-02-01T00:00");
        CommandSlot february = balance();
        assertBalance(february, 5_460, 0);
        assertEquals(360, february.lifetimeExpired);

        // Her birthday again: a new year, a new bonus, at the gold rate (no weekend promotion in 2027).
        clockAt("2027-03-12T09:00");
        CommandSlot birthdayAgain = pos("2027-03-12T10:00").line("tea", "pantry", 10_00).apply();
        assertReceipt(birthdayAgain, 265, Map.of("base", 10L, "tier", 5L, "birthday", 250L));

        // March and April 2026 points expire as April and May 2027 begin.
        clockAt("2027-04-01T00:00");
        assertBalance(balance(), 5_725 - 1_210, 0);
        clockAt("2027-05-01T00:00");
        CommandSlot may = balance();
        assertBalance(may, 1_515, 0);
        assertEquals(4_570, may.lifetimeExpired);

        // Her period ends as June 2027 begins. June 2026 to May 2027 brought 960 qualifying
        // points, a member's total, but the soft landing drops her one tier only: silver.
        clockAt("2027-05-31T23:59:59.999");
        assertEquals(GOLD, balance().tier);
        clockAt("2027-06-01T00:00");
        assertEquals(SILVER, balance().tier);
        CommandSlot afterReview = pos("2027-06-02T10:00").line("olive-oil", "pantry", 100_00).apply();
        assertReceipt(afterReview, 125, Map.of("base", 100L, "tier", 25L), "silver's 1.25x");
        assertEquals(SILVER, engine.stored(jana).tier);
    }

    /** The engine's periodic tick, which also settles idle members. */
    private void clockAt(String local) {
        assertEquals(ResultCode.OK, engine.tick(prague(local)).result);
    }

    private ProcessorDriver.Purchase pos(String local) {
        return engine.purchase(jana, CHANNEL_POS, prague(local));
    }

    private ProcessorDriver.Purchase eshop(String local) {
        return engine.purchase(jana, CHANNEL_ESHOP, prague(local));
    }

    private CommandSlot balance() {
        return balance(0);
    }

    private CommandSlot balance(long expiringBefore) {
        CommandSlot slot = engine.balance(jana, expiringBefore);
        assertEquals(ResultCode.OK, slot.result);
        return slot;
    }

    private static void assertReceipt(CommandSlot receipt, long points, Map<String, Long> byRule) {
        assertReceipt(receipt, points, byRule, "");
    }

    private static void assertReceipt(CommandSlot receipt, long points, Map<String, Long> byRule, String why) {
        assertEquals(ResultCode.OK, receipt.result, why);
        assertEquals(points, receipt.pointsEarned, why);
        assertEquals(byRule, earnedByRule(receipt), why);
    }

    private static void assertBalance(CommandSlot slot, long available, long pending) {
        assertEquals(available, slot.available, "available");
        assertEquals(pending, slot.pending, "pending");
    }
}
