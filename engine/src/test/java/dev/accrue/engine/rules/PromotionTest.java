package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.HourRange;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;
import dev.accrue.loyalty.v1.Weekday;
import org.junit.jupiter.api.Test;

import static dev.accrue.engine.rules.Programs.bonus;
import static dev.accrue.engine.rules.Programs.minimal;
import static dev.accrue.engine.rules.Programs.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Promotions: local date range, weekdays and hours (across daylight-saving changes), scope, reward. */
class PromotionTest {

    private static Promotion.Builder double2026() {
        return Promotion.newBuilder().setId("promo").setMultiplierBp(20_000).setValidFrom("2026-01-01").setValidTo("2026-12-31");
    }

    private static EarnFixture with(Promotion.Builder promotion) {
        return new EarnFixture(minimal().addPromotions(promotion)).line("A", "fresh", 1, 1_000);
    }

    @Test
    void weekendPromotionDoublesBaseOnSaturdayOnly() {
        EarnFixture f = with(double2026().addWeekdays(Weekday.WEEKDAY_SATURDAY));

        assertEquals(10, f.at("2026-03-13T12:00:00Z").earn(), "Friday");
        assertEquals(20, f.at("2026-03-14T12:00:00Z").earn(), "Saturday");
        assertEquals(10, f.from("promo"));
        assertEquals(10, f.at("2026-03-15T12:00:00Z").earn(), "Sunday");
    }

    @Test
    void weekdaysAreLocalSoSaturdayStartsAtPragueMidnight() {
        EarnFixture f = with(double2026().addWeekdays(Weekday.WEEKDAY_SATURDAY));

        assertEquals(10, f.at("2026-03-13T22:59:59Z").earn(), "23:59:59 Friday in Prague");
        assertEquals(20, f.at("2026-03-13T23:00:00Z").earn(), "00:00 Saturday in Prague, still Friday in UTC");
    }

    @Test
    void promotionAppliesFromItsFirstToItsLastLocalDayInclusive() {
        EarnFixture f = with(double2026().setValidFrom("2026-03-10").setValidTo("2026-03-12"));

        assertEquals(10, f.at("2026-03-09T22:59:00Z").earn(), "23:59 on 9 March local");
        assertEquals(20, f.at("2026-03-09T23:00:00Z").earn(), "00:00 on 10 March local");
        assertEquals(20, f.at("2026-03-12T22:59:00Z").earn(), "23:59 on 12 March local");
        assertEquals(10, f.at("2026-03-12T23:00:00Z").earn(), "00:00 on 13 March local");
    }

    @Test
    void hourRangeIncludesItsFromHourAndExcludesItsToHour() {
        EarnFixture f = with(double2026().setHours(HourRange.newBuilder().setFromHour(17).setToHour(19)));

        assertEquals(10, f.at("2026-03-11T15:59:59Z").earn(), "16:59:59 local");
        assertEquals(20, f.at("2026-03-11T16:00:00Z").earn(), "17:00 local");
        assertEquals(20, f.at("2026-03-11T17:59:59Z").earn(), "18:59:59 local");
        assertEquals(10, f.at("2026-03-11T18:00:00Z").earn(), "19:00 local");
    }

    @Test
    void hourRangeFollowsTheLocalClockAcrossTheSpringForwardChange() {
        // Prague, 29 March 2026: at 01:00 UTC clocks jump from 02:00 CET to 03:00 CEST.
        EarnFixture f = with(double2026().setHours(HourRange.newBuilder().setFromHour(3).setToHour(4)));

        assertEquals(10, f.at("2026-03-29T00:59:59Z").earn(), "01:59:59 CET");
        assertEquals(20, f.at("2026-03-29T01:00:00Z").earn(), "03:00 CEST, one second later");
        assertEquals(20, f.at("2026-03-29T01:59:59Z").earn(), "03:59:59 CEST");
        assertEquals(10, f.at("2026-03-29T02:00:00Z").earn(), "04:00 CEST");
        assertEquals(20, f.at("2026-03-28T02:30:00Z").earn(), "the day before, 02:30 UTC was 03:30 CET");
    }

    @Test
    void hourRangeMatchesBothPassesOfTheHourRepeatedWhenClocksFallBack() {
        // Prague, 25 October 2026: at 01:00 UTC clocks go back from 03:00 CEST to 02:00 CET.
        EarnFixture f = with(double2026().setHours(HourRange.newBuilder().setFromHour(2).setToHour(3)));

        assertEquals(10, f.at("2026-10-24T23:59:59Z").earn(), "01:59:59 CEST");
        assertEquals(20, f.at("2026-10-25T00:30:00Z").earn(), "02:30 CEST");
        assertEquals(20, f.at("2026-10-25T01:30:00Z").earn(), "02:30 CET, the second time round");
        assertEquals(10, f.at("2026-10-25T02:00:00Z").earn(), "03:00 CET");
    }

    @Test
    void scopedPromotionMultipliesOnlyTheLinesInItsCategories() {
        EarnFixture f = new EarnFixture(minimal().addPromotions(double2026()
                .setScope(PromotionScope.newBuilder().addCategories("shoes"))))
                .line("BOOT", "shoes", 1, 1_000).line("SOCK", "socks", 1, 1_000);

        assertEquals(30, f.earn());
        assertEquals(10, f.from("promo", 0));
        assertEquals(0, f.from("promo", 1));
    }

    @Test
    void promotionScopedToSkusAndCategoriesNeedsBoth() {
        EarnFixture f = new EarnFixture(minimal().addPromotions(double2026()
                .setScope(PromotionScope.newBuilder().addCategories("shoes").addSkus("BOOT"))))
                .line("BOOT", "shoes", 1, 1_000).line("BOOT", "outlet", 1, 1_000).line("SANDAL", "shoes", 1, 1_000);

        assertEquals(40, f.earn());
        assertEquals(10, f.from("promo", 0));
    }

    @Test
    void promotionScopedToAChannelAndStoreIgnoresOtherPurchases() {
        EarnFixture f = with(double2026().setScope(PromotionScope.newBuilder()
                .addChannels(Channel.CHANNEL_ESHOP).addStoreIds("web")));

        assertEquals(10, f.earn(), "POS in store s1");
        f.basket.channel = Channel.CHANNEL_ESHOP_VALUE;
        assertEquals(10, f.earn(), "e-shop, but store s1");
        f.basket.at(f.basket.partnerId(), "web");
        assertEquals(20, f.earn());
    }

    @Test
    void promotionScopedToAPartnerIgnoresOtherPartners() {
        EarnFixture f = with(double2026().setScope(PromotionScope.newBuilder().addPartnerIds("acme")));

        assertEquals(20, f.earn());
        f.basket.at("globex", f.basket.storeId());
        assertEquals(10, f.earn());
    }

    @Test
    void perBasketPromotionBonusIsGivenOnceWhenAnyLineIsInScope() {
        EarnFixture f = new EarnFixture(minimal().addPromotions(Promotion.newBuilder().setId("shoe-day")
                .setBonus(bonus(50, BonusPer.BONUS_PER_BASKET)).setValidFrom("2026-01-01").setValidTo("2026-12-31")
                .setScope(PromotionScope.newBuilder().addCategories("shoes"))))
                .line("BOOT", "shoes", 1, 1_000).line("SHOE", "shoes", 1, 1_000).line("SOCK", "socks", 1, 1_000);

        assertEquals(30 + 50, f.earn());
        assertEquals(50, f.from("shoe-day", EarnBreakdown.BASKET));
        f.basket.category(0, "boots");
        f.basket.category(1, "boots");
        assertEquals(30, f.earn(), "no line in scope");
    }

    @Test
    void perUnitPromotionBonusCountsTheUnitsOfLinesInScope() {
        EarnFixture f = new EarnFixture(minimal().addPromotions(Promotion.newBuilder().setId("socks-10")
                .setBonus(bonus(10, BonusPer.BONUS_PER_UNIT)).setValidFrom("2026-01-01").setValidTo("2026-12-31")
                .setScope(PromotionScope.newBuilder().addCategories("socks"))))
                .line("SOCK", "socks", 3, 900).line("BOOT", "shoes", 1, 1_000);

        assertEquals(9 + 30 + 10, f.earn());
        assertEquals(30, f.from("socks-10", 0));
    }

    @Test
    void promotionsAndRulesStackAdditivelyOnBase() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("fresh-2x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(20_000)))
                .addPromotions(double2026()))
                .line("APPLES", "fresh", 1, 1_000);

        assertEquals(10 + 10 + 10, f.earn(), "2x and 2x add their extras: 3x, not 4x");
    }
}
