package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BasketThresholdBonus;
import dev.accrue.loyalty.v1.BirthdayBonus;
import dev.accrue.loyalty.v1.BirthdayWindow;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.CategoryBonus;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.SkuBonus;
import org.junit.jupiter.api.Test;

import static dev.accrue.engine.rules.Programs.bonus;
import static dev.accrue.engine.rules.Programs.minimal;
import static dev.accrue.engine.rules.Programs.rule;
import static dev.accrue.engine.rules.Programs.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stages 4 and 5 of the stacking order: fixed line bonuses and basket bonuses. */
class BonusRulesTest {

    private static EarnFixture birthday(BirthdayWindow window) {
        return new EarnFixture(minimal().addEarnRules(rule("birthday").setBirthdayBonus(BirthdayBonus.newBuilder()
                .setPoints(500).setWindow(window)))).line("A", null, 1, 1_000);
    }

    @Test
    void categoryBonusPerUnitCountsEveryUnitOfTheLine() {
        EarnFixture f = new EarnFixture(minimal().addEarnRules(rule("organic-5").setCategoryBonus(CategoryBonus.newBuilder()
                .addCategories("organic").setBonus(bonus(5, BonusPer.BONUS_PER_UNIT)))))
                .line("EGGS", "organic", 3, 600).line("MILK", "dairy", 2, 200);

        assertEquals(6 + 15 + 2, f.earn());
        assertEquals(15, f.from("organic-5", 0));
    }

    @Test
    void skuBonusPerLineIsGivenOnceWhateverTheQuantity() {
        EarnFixture f = new EarnFixture(minimal().addEarnRules(rule("denim-200").setSkuBonus(SkuBonus.newBuilder()
                .addSkus("DENIM-32").setBonus(bonus(200, BonusPer.BONUS_PER_LINE)))))
                .line("DENIM-32", "menswear", 4, 20_000).line("DENIM-32", "menswear", 1, 5_000);

        assertEquals(200 + 50 + 200 + 200, f.earn());
        assertEquals(200, f.from("denim-200", 1));
    }

    @Test
    void fixedBonusesAreNotMultiplied() {
        EarnFixture f = new EarnFixture(minimal().addTiers(tier("gold", 1_000, 20_000))
                .addEarnRules(rule("organic-5").setCategoryBonus(CategoryBonus.newBuilder()
                        .addCategories("organic").setBonus(bonus(5, BonusPer.BONUS_PER_LINE)))))
                .line("EGGS", "organic", 1, 1_000);
        f.member.tier = 1;

        assertEquals(10 + 10 + 5, f.earn());
    }

    @Test
    void basketThresholdBonusIsGivenWhenTheEligibleBasketReachesTheAmount() {
        EarnFixture f = new EarnFixture(minimal().addEarnRules(rule("over-100").setBasketThresholdBonus(
                BasketThresholdBonus.newBuilder().setCurrency("EUR").setMinAmountMinor(10_000).setPoints(100))))
                .line("A", null, 1, 6_000).line("B", null, 1, 3_999);

        assertEquals(99, f.earn(), "99.99 EUR");
        f.basket.lineAmountMinor[1] = 4_000;
        assertEquals(100 + 100, f.earn(), "exactly 100 EUR");
        assertEquals(100, f.from("over-100", EarnBreakdown.BASKET));
        assertEquals(100, f.out.basketPoints());
    }

    @Test
    void basketThresholdInOneCurrencyIsNeverReachedInAnother() {
        EarnFixture f = new EarnFixture(minimal()
                .addBaseEarn(BaseRate.newBuilder().setCurrency("CZK").setPoints(1).setPerMinorUnits(2_500))
                .addEarnRules(rule("over-100-eur").setBasketThresholdBonus(
                        BasketThresholdBonus.newBuilder().setCurrency("EUR").setMinAmountMinor(10_000).setPoints(100))))
                .line("A", null, 1, 1_000_000);
        f.basket.currency = CurrencyCode.pack("CZK");

        assertEquals(400, f.earn(), "10,000 CZK is more than 10,000 cents, but not in euros");
        assertEquals(0, f.from("over-100-eur"));
    }

    @Test
    void firstPurchaseBonusIsGivenOnlyOnTheFirstPurchase() {
        EarnFixture f = new EarnFixture(minimal().addEarnRules(rule("welcome").setFirstPurchaseBonus(
                FirstPurchaseBonus.newBuilder().setPoints(250)))).line("A", null, 1, 1_000);

        f.member.firstPurchase = true;
        assertEquals(260, f.earn());
        f.member.firstPurchase = false;
        assertEquals(10, f.earn());
    }

    @Test
    void aBasketOfOnlyExcludedLinesEarnsNoBasketBonus() {
        EarnFixture f = new EarnFixture(minimal()
                .addEarnRules(rule("no-gift-cards").setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards")))
                .addEarnRules(rule("welcome").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(250))))
                .line("GIFT-50", "gift-cards", 1, 5_000);
        f.member.firstPurchase = true;

        assertEquals(0, f.earn());
        assertEquals(0, f.out.entryCount());
    }

    @Test
    void birthdayBonusOnTheDayIsGivenOnTheLocalBirthdayOnly() {
        EarnFixture f = birthday(BirthdayWindow.BIRTHDAY_WINDOW_DAY);
        f.member.birthdayMonth = 3;
        f.member.birthdayDay = 12;

        assertEquals(10, f.at("2026-03-11T12:00:00Z").earn());
        assertEquals(510, f.at("2026-03-12T12:00:00Z").earn());
        assertEquals(2026, f.out.birthdayBonusYear());
        assertEquals(10, f.at("2026-03-13T12:00:00Z").earn());
        assertEquals(0, f.out.birthdayBonusYear());
    }

    @Test
    void birthdayIsJudgedInTheProgramsTimeZone() {
        EarnFixture f = birthday(BirthdayWindow.BIRTHDAY_WINDOW_DAY);
        f.member.birthdayMonth = 3;
        f.member.birthdayDay = 12;

        assertEquals(510, f.at("2026-03-11T23:30:00Z").earn(), "00:30 on 12 March in Prague");
        assertEquals(10, f.at("2026-03-12T23:30:00Z").earn(), "00:30 on 13 March in Prague");
    }

    @Test
    void birthdayMonthBonusIsGivenOnAnyDayOfTheMonthOncePerYear() {
        EarnFixture f = birthday(BirthdayWindow.BIRTHDAY_WINDOW_MONTH);
        f.member.birthdayMonth = 3;
        f.member.birthdayDay = 30;

        assertEquals(510, f.at("2026-03-01T12:00:00Z").earn());
        f.member.birthdayBonusYear = f.out.birthdayBonusYear();
        assertEquals(10, f.at("2026-03-20T12:00:00Z").earn(), "given already this year");
        assertEquals(510, f.at("2027-03-20T12:00:00Z").earn(), "a year later");
        assertEquals(10, f.at("2027-04-01T12:00:00Z").earn());
    }

    @Test
    void aTwentyNinthOfFebruaryBirthdayIsOnTheTwentyEighthInCommonYears() {
        EarnFixture f = birthday(BirthdayWindow.BIRTHDAY_WINDOW_DAY);
        f.member.birthdayMonth = 2;
        f.member.birthdayDay = 29;

        assertEquals(510, f.at("2026-02-28T12:00:00Z").earn());
        assertEquals(10, f.at("2028-02-28T12:00:00Z").earn(), "2028 has a 29 February");
        assertEquals(510, f.at("2028-02-29T12:00:00Z").earn());
    }

    @Test
    void aMemberWithoutAKnownBirthdayGetsNoBirthdayBonus() {
        EarnFixture f = birthday(BirthdayWindow.BIRTHDAY_WINDOW_MONTH);

        assertEquals(10, f.at("2026-01-15T12:00:00Z").earn());
    }

    @Test
    void basketBonusesSitAtBasketLevelOutsideEveryLine() {
        EarnFixture f = new EarnFixture(minimal().addEarnRules(rule("welcome").setFirstPurchaseBonus(
                FirstPurchaseBonus.newBuilder().setPoints(250)))).line("A", null, 1, 1_000).line("B", null, 1, 2_000);
        f.member.firstPurchase = true;

        assertEquals(280, f.earn());
        assertEquals(10, f.out.linePoints(0));
        assertEquals(20, f.out.linePoints(1));
        assertEquals(250, f.out.basketPoints());
    }
}
