package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BasketThresholdBonus;
import dev.accrue.loyalty.v1.BirthdayBonus;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.Caps;
import dev.accrue.loyalty.v1.CategoryBonus;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.ChannelMultiplier;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.HourRange;
import dev.accrue.loyalty.v1.PartnerMultiplier;
import dev.accrue.loyalty.v1.PaymentMethodMultiplier;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Wallet;
import dev.accrue.loyalty.v1.WalletGrant;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.SkuBonus;
import dev.accrue.loyalty.v1.SkuMultiplier;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;
import dev.accrue.loyalty.v1.Weekday;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accrue.engine.rules.Programs.bonus;
import static dev.accrue.engine.rules.Programs.minimal;
import static dev.accrue.engine.rules.Programs.rule;
import static dev.accrue.engine.rules.Programs.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal names the field at fault; all problems are reported at once. */
class ProgramValidationTest {

    private static List<String> problems(Program.Builder program) {
        return assertThrows(InvalidProgramException.class, () -> ProgramCompiler.compile(program.build())).problems();
    }

    /** Asserts the program is refused with exactly this one problem. */
    private static void refused(Program.Builder program, String problem) {
        assertEquals(List.of(problem), problems(program));
    }

    private static Promotion.Builder promotion() {
        return Promotion.newBuilder().setId("promo").setMultiplierBp(20_000).setValidFrom("2026-01-01").setValidTo("2026-12-31");
    }

    private static TierQualification.Builder qualification() {
        return TierQualification.newBuilder(minimal().getTierQualification());
    }

    @Test
    void walletsNeedUniqueWellFormedIdsAndGrantsNeedAWalletOfTheProgram() {
        List<String> problems = problems(minimal()
                .addWallets(Wallet.newBuilder().setId("swim"))
                .addWallets(Wallet.newBuilder().setId("swim"))
                .addWallets(Wallet.newBuilder().setId("two words"))
                .addWalletGrants(WalletGrant.newBuilder().setSku("PASS").setWallet("gym").setUnits(10))
                .addWalletGrants(WalletGrant.newBuilder().setSku("PASS").setWallet("swim").setUnits(0)));

        assertEquals(List.of(
                "wallets[1].id: 'swim' is the id of another wallet already",
                "wallets[2].id: must be letters, digits, '-', '_' and '.', not 'two words'",
                "wallet_grants[0].wallet: 'gym' is not a wallet of the program",
                "wallet_grants[1].sku: 'PASS' has a grant already",
                "wallet_grants[1].units: must be 1 .. 1000000, not 0"), problems);
    }

    @Test
    void moreThanEightWalletsAreRefused() {
        Program.Builder program = minimal();
        for (int i = 0; i < 9; i++) {
            program.addWallets(Wallet.newBuilder().setId("w" + i));
        }

        refused(program, "wallets: must be at most 8, not 9");
    }

    @Test
    void theMinimalProgramIsValid() {
        assertEquals("test", Programs.compile(minimal()).name());
    }

    @Test
    void anEmptyProgramIsRefusedWithEveryProblemAtOnce() {
        List<String> problems = problems(Program.newBuilder());

        assertEquals(List.of(
                "name: is required",
                "time_zone: is required (an IANA zone id such as Europe/Prague)",
                "base_earn: must give a rate for at least one currency",
                "tiers: must hold at least one tier (the entry tier, threshold 0)",
                "tier_qualification: is required",
                "return_policy: is required (RETURN_POLICY_ALLOW_NEGATIVE_BALANCE or RETURN_POLICY_RECORD_DEBT)"), problems);
    }

    @Test
    void unknownTimeZoneIsRefused() {
        refused(minimal().setTimeZone("Europe/Atlantis"), "time_zone: is not an IANA time zone id: 'Europe/Atlantis'");
        refused(minimal().setTimeZone("+02:00"), "time_zone: is not an IANA time zone id: '+02:00'");
    }

    @Test
    void unknownAndDuplicateCurrenciesAreRefused() {
        refused(minimal().addBaseEarn(BaseRate.newBuilder().setCurrency("EUX").setPoints(1).setPerMinorUnits(100)),
                "base_earn[1].currency: is not an ISO 4217 currency code: 'EUX'");
        refused(minimal().addBaseEarn(BaseRate.newBuilder().setCurrency("eur").setPoints(1).setPerMinorUnits(100)),
                "base_earn[1].currency: is not an ISO 4217 currency code: 'eur'");
        refused(minimal().addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(2).setPerMinorUnits(100)),
                "base_earn[1].currency: EUR has a rate already");
    }

    @Test
    void negativeOrZeroRatesAreRefused() {
        List<String> problems = problems(minimal().clearBaseEarn()
                .addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(-1).setPerMinorUnits(0)));

        assertEquals(List.of("base_earn[0].points: must be 0 .. 10000, not -1",
                "base_earn[0].per_minor_units: must be 1 .. 100000000000000, not 0"), problems);
    }

    @Test
    void tierThresholdsOutOfOrderAreRefusedNamingTheField() {
        refused(minimal().addTiers(tier("silver", 1_000, 11_000)).addTiers(tier("gold", 5_000, 12_000))
                        .addTiers(tier("platinum", 5_000, 13_000)),
                "tiers[3].threshold: must be greater than tiers[2].threshold (5000)");
        refused(minimal().addTiers(tier("silver", 1_000, 11_000)).addTiers(tier("gold", 500, 12_000)),
                "tiers[2].threshold: must be greater than tiers[1].threshold (1000)");
    }

    @Test
    void theEntryTierMustStartAtZero() {
        refused(minimal().setTiers(0, Tier.newBuilder().setId("member").setName("Member").setThreshold(10)),
                "tiers[0].threshold: must be 0: the first tier is the one every member starts in");
    }

    @Test
    void tierIdsMustBeUniqueAndNamed() {
        List<String> problems = problems(minimal().addTiers(tier("member", 1_000, 11_000))
                .addTiers(Tier.newBuilder().setThreshold(2_000)));

        assertEquals(List.of("tiers[1].id: 'member' is the id of an earlier tier",
                "tiers[2].id: is required", "tiers[2].name: is required"), problems);
    }

    @Test
    void tierMultipliersBelowOneOrAbsurdAreRefused() {
        refused(minimal().addTiers(tier("silver", 1_000, 9_000)),
                "tiers[1].earn_multiplier_bp: must be at least 10000 (1x; multipliers never reduce points), not 9000");
        refused(minimal().addTiers(tier("silver", 1_000, 1_000_001)),
                "tiers[1].earn_multiplier_bp: must be at most 1000000 (100x), not 1000001");
    }

    @Test
    void moreThanThirtyTwoTiersAreRefused() {
        Program.Builder program = minimal();
        for (int i = 1; i <= 32; i++) {
            program.addTiers(tier("t" + i, i * 100L, 10_000));
        }
        refused(program, "tiers: must hold at most 32 tiers, not 33");
    }

    @Test
    void qualifyingSpendNeedsAnAcceptedQualifyingCurrency() {
        refused(minimal().setTierQualification(qualification().setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND)),
                "tier_qualification.qualifying_currency: is required when the basis is qualifying spend");
        refused(minimal().setTierQualification(qualification().setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND)
                        .setQualifyingCurrency("USD")),
                "tier_qualification.qualifying_currency: must be one of the base_earn currencies, not 'USD'");
        refused(minimal().setTierQualification(qualification().setQualifyingCurrency("EUR")),
                "tier_qualification.qualifying_currency: must be empty when the basis is qualifying points");
    }

    @Test
    void qualificationBasisAndWindowAreRequired() {
        List<String> problems = problems(minimal().setTierQualification(TierQualification.newBuilder()
                .setSoftLandingMaxTiersDropped(1)));

        assertEquals(List.of(
                "tier_qualification.basis: is required (QUALIFICATION_BASIS_QUALIFYING_POINTS or QUALIFICATION_BASIS_QUALIFYING_SPEND)",
                "tier_qualification.window: is required (QUALIFICATION_WINDOW_ROLLING_MONTHS or QUALIFICATION_WINDOW_CALENDAR_YEAR)"),
                problems);
    }

    @Test
    void rollingMonthsMustFitTheWindow() {
        refused(minimal().setTierQualification(qualification().setRollingMonths(0)),
                "tier_qualification.rolling_months: must be 1 .. 24, not 0");
        refused(minimal().setTierQualification(qualification().setWindow(QualificationWindow.QUALIFICATION_WINDOW_CALENDAR_YEAR)),
                "tier_qualification.rolling_months: must be 0 for a calendar-year window");
    }

    @Test
    void softLandingMustDropAtLeastOneTierAndNoMoreThanThereAre() {
        refused(minimal().setTierQualification(qualification().setSoftLandingMaxTiersDropped(0)),
                "tier_qualification.soft_landing_max_tiers_dropped: must be 1 .. 1, not 0");
        refused(minimal().addTiers(tier("silver", 1_000, 11_000)).setTierQualification(qualification().setSoftLandingMaxTiersDropped(2)),
                "tier_qualification.soft_landing_max_tiers_dropped: must be 1 .. 1, not 2");
    }

    @Test
    void duplicateRuleIdsAreRefusedAcrossRulesAndPromotions() {
        List<String> problems = problems(minimal()
                .addEarnRules(rule("welcome").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(100)))
                .addEarnRules(rule("welcome").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(200)))
                .addPromotions(promotion().setId("welcome")));

        assertEquals(List.of("earn_rules[1].id: 'welcome' is the id of earn_rules[0] already",
                "promotions[0].id: 'welcome' is the id of earn_rules[0] already"), problems);
    }

    @Test
    void emptyAndReservedRuleIdsAreRefused() {
        refused(minimal().addEarnRules(EarnRule.newBuilder().setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(1))),
                "earn_rules[0].id: is required");
        refused(minimal().addEarnRules(rule("base").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(1))),
                "earn_rules[0].id: 'base' is reserved for the engine's own breakdown entries");
        refused(minimal().addEarnRules(rule(" padded").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(1))),
                "earn_rules[0].id: must not start or end with white space: ' padded'");
    }

    @Test
    void aRuleWithoutAKindIsRefused() {
        List<String> problems = problems(minimal().addEarnRules(rule("nothing")));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("earn_rules[0]: must have a kind"), problems.get(0));
    }

    @Test
    void multiplierRulesBelowOneOrAbsurdAreRefused() {
        refused(minimal().addEarnRules(rule("half").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").setMultiplierBp(5_000))),
                "earn_rules[0].category_multiplier.multiplier_bp: must be at least 10000 (1x; multipliers never reduce points), not 5000");
        refused(minimal().addEarnRules(rule("huge").setSkuMultiplier(SkuMultiplier.newBuilder()
                        .addSkus("X").setMultiplierBp(2_000_000))),
                "earn_rules[0].sku_multiplier.multiplier_bp: must be at most 1000000 (100x), not 2000000");
        refused(minimal().addPromotions(promotion().setMultiplierBp(0)),
                "promotions[0].multiplier_bp: must be at least 10000 (1x; multipliers never reduce points), not 0");
    }

    @Test
    void emptyScopesWhereAScopeIsRequiredAreRefused() {
        List<String> problems = problems(minimal()
                .addEarnRules(rule("a").setCategoryMultiplier(CategoryMultiplier.newBuilder().setMultiplierBp(20_000)))
                .addEarnRules(rule("b").setSkuBonus(SkuBonus.newBuilder().setBonus(bonus(5, BonusPer.BONUS_PER_LINE))))
                .addEarnRules(rule("c").setExcludedCategories(ExcludedCategories.getDefaultInstance()))
                .addEarnRules(rule("d").setPartnerMultiplier(PartnerMultiplier.newBuilder().setMultiplierBp(20_000)))
                .addEarnRules(rule("e").setChannelMultiplier(ChannelMultiplier.newBuilder().setMultiplierBp(20_000)))
                .addEarnRules(rule("f").setPaymentMethodMultiplier(PaymentMethodMultiplier.newBuilder().setMultiplierBp(20_000))));

        assertEquals(List.of(
                "earn_rules[0].category_multiplier.categories: must name at least one",
                "earn_rules[1].sku_bonus.skus: must name at least one",
                "earn_rules[2].excluded_categories.categories: must name at least one",
                "earn_rules[3].partner_multiplier: must name at least one partner_id or store_id",
                "earn_rules[4].channel_multiplier.channels: must name at least one",
                "earn_rules[5].payment_method_multiplier.payment_methods: must name at least one"), problems);
    }

    @Test
    void blankDuplicateOrUnspecifiedScopeEntriesAreRefused() {
        List<String> problems = problems(minimal()
                .addEarnRules(rule("a").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories("fresh").addCategories("").addCategories("fresh").setMultiplierBp(20_000)))
                .addEarnRules(rule("b").setChannelMultiplier(ChannelMultiplier.newBuilder()
                        .addChannels(Channel.CHANNEL_UNSPECIFIED).addChannelsValue(9).setMultiplierBp(20_000))));

        assertEquals(List.of(
                "earn_rules[0].category_multiplier.categories[1]: is required",
                "earn_rules[0].category_multiplier.categories[2]: 'fresh' is listed twice",
                "earn_rules[1].channel_multiplier.channels[0]: must not be the unspecified value",
                "earn_rules[1].channel_multiplier.channels[1]: is not a known value: 9"), problems);
    }

    @Test
    void aCategoryBothExcludedAndRewardedIsRefused() {
        refused(minimal()
                        .addEarnRules(rule("gifts-2x").setCategoryMultiplier(CategoryMultiplier.newBuilder()
                                .addCategories("gift-cards").setMultiplierBp(20_000)))
                        .addEarnRules(rule("no-gift-cards").setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards"))),
                "earn_rules[0].category_multiplier.categories[0]: 'gift-cards' earns nothing: it is excluded by earn_rules[1]");
    }

    @Test
    void negativeOrMissingBonusPointsAreRefused() {
        List<String> problems = problems(minimal()
                .addEarnRules(rule("a").setCategoryBonus(CategoryBonus.newBuilder().addCategories("x")))
                .addEarnRules(rule("b").setSkuBonus(SkuBonus.newBuilder().addSkus("X").setBonus(bonus(-5, BonusPer.BONUS_PER_BASKET))))
                .addEarnRules(rule("c").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(-1)))
                .addEarnRules(rule("d").setBirthdayBonus(BirthdayBonus.newBuilder().setPoints(10))));

        assertEquals(List.of(
                "earn_rules[0].category_bonus.bonus: is required",
                "earn_rules[1].sku_bonus.bonus.points: must be 1 .. 1000000000000, not -5",
                "earn_rules[1].sku_bonus.bonus.per: must be BONUS_PER_UNIT or BONUS_PER_LINE (per basket is for promotions and basket rules)",
                "earn_rules[2].first_purchase_bonus.points: must be 1 .. 1000000000000, not -1",
                "earn_rules[3].birthday_bonus.window: is required (BIRTHDAY_WINDOW_DAY or BIRTHDAY_WINDOW_MONTH)"), problems);
    }

    @Test
    void basketThresholdNeedsAnAcceptedCurrencyAndAPositiveAmount() {
        List<String> problems = problems(minimal().addEarnRules(rule("over").setBasketThresholdBonus(
                BasketThresholdBonus.newBuilder().setCurrency("USD").setMinAmountMinor(-1).setPoints(100))));

        assertEquals(List.of(
                "earn_rules[0].basket_threshold_bonus.currency: must be one of the base_earn currencies, not 'USD'",
                "earn_rules[0].basket_threshold_bonus.min_amount_minor: must be 1 .. 100000000000000, not -1"), problems);
    }

    @Test
    void promotionDateRangesReversedOrMalformedAreRefused() {
        refused(minimal().addPromotions(promotion().setValidFrom("2026-05-01").setValidTo("2026-04-30")),
                "promotions[0].valid_to: must not be before valid_from (2026-05-01), not 2026-04-30");
        refused(minimal().addPromotions(promotion().setValidFrom("2026-5-1")),
                "promotions[0].valid_from: is not a date of the form YYYY-MM-DD: '2026-5-1'");
        refused(minimal().addPromotions(promotion().setValidTo("")),
                "promotions[0].valid_to: is required (a local date, YYYY-MM-DD)");
        refused(minimal().addPromotions(promotion().setValidTo("2026-02-30")),
                "promotions[0].valid_to: is not a date of the form YYYY-MM-DD: '2026-02-30'");
    }

    @Test
    void hourRangesOutsideTheDayOrEmptyAreRefused() {
        refused(minimal().addPromotions(promotion().setHours(HourRange.newBuilder().setFromHour(18).setToHour(25))),
                "promotions[0].hours.to_hour: must be 1 .. 24, not 25");
        refused(minimal().addPromotions(promotion().setHours(HourRange.newBuilder().setFromHour(-1).setToHour(5))),
                "promotions[0].hours.from_hour: must be 0 .. 23, not -1");
        refused(minimal().addPromotions(promotion().setHours(HourRange.newBuilder().setFromHour(22).setToHour(2))),
                "promotions[0].hours: from_hour (22) must be before to_hour (2); a range across midnight is two promotions");
    }

    @Test
    void duplicateOrUnspecifiedWeekdaysAreRefused() {
        List<String> problems = problems(minimal().addPromotions(promotion()
                .addWeekdays(Weekday.WEEKDAY_SATURDAY).addWeekdays(Weekday.WEEKDAY_SATURDAY).addWeekdays(Weekday.WEEKDAY_UNSPECIFIED)));

        assertEquals(List.of("promotions[0].weekdays[1]: 6 is listed twice",
                "promotions[0].weekdays[2]: must not be the unspecified value"), problems);
    }

    @Test
    void aPromotionNeedsAReward() {
        refused(minimal().addPromotions(promotion().clearMultiplierBp()), "promotions[0]: must have a reward (multiplier_bp or bonus)");
    }

    @Test
    void promotionScopeEntriesAreChecked() {
        refused(minimal().addPromotions(promotion().setScope(PromotionScope.newBuilder().addSkus("A").addSkus("A"))),
                "promotions[0].scope.skus[1]: 'A' is listed twice");
    }

    @Test
    void negativeCapsAreRefused() {
        List<String> problems = problems(minimal().setCaps(Caps.newBuilder()
                .setMaxPointsPerTransaction(-1).setMaxPointsPerMemberPerDay(-100)));

        assertEquals(List.of("caps.max_points_per_transaction: must be 0 .. 1000000000000000000, not -1",
                "caps.max_points_per_member_per_day: must be 0 .. 1000000000000000000, not -100"), problems);
    }

    @Test
    void returnWindowsOutOfRangeAreRefused() {
        List<String> problems = problems(minimal().setPending(PendingPolicy.newBuilder()
                .setEshop(ReturnWindow.newBuilder().setDays(400).setHours(24))
                .setPos(ReturnWindow.newBuilder().setDays(-1))));

        assertEquals(List.of("pending.pos.days: must be 0 .. 366, not -1",
                "pending.eshop.days: must be 0 .. 366, not 400",
                "pending.eshop.hours: must be 0 .. 23, not 24"), problems);
    }

    @Test
    void expiryInMonthsAndDaysAtOnceIsRefused() {
        refused(minimal().setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(24).setAfterDays(10)),
                "expiry: set after_months or after_days, not both");
        refused(minimal().setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(-3)),
                "expiry.after_months: must be 0 .. 1200, not -3");
        refused(minimal().setExpiry(ExpiryPolicy.newBuilder().setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_YEAR)),
                "expiry.round_to: rounds nothing: points never expire unless after_months or after_days is set");
    }

    @Test
    void anExpiryNoticeOfMoreThanAYearOrBelowZeroIsRefused() {
        refused(minimal().setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(24).setNoticeDays(400)),
                "expiry.notice_days: must be 0 .. 366, not 400");
        refused(minimal().setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(24).setNoticeDays(-1)),
                "expiry.notice_days: must be 0 .. 366, not -1");
    }

    @Test
    void unknownEnumNumbersAreRefused() {
        refused(minimal().setReturnPolicyValue(7), "return_policy: is not a known policy: 7");
        refused(minimal().setExpiry(ExpiryPolicy.newBuilder().setAfterDays(10).setRoundToValue(9)),
                "expiry.round_to: is not a known rounding: 9");
    }

    @Test
    void theReturnPolicyIsRequired() {
        refused(minimal().setReturnPolicy(ReturnPolicy.RETURN_POLICY_UNSPECIFIED),
                "return_policy: is required (RETURN_POLICY_ALLOW_NEGATIVE_BALANCE or RETURN_POLICY_RECORD_DEBT)");
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> ProgramCompiler.compile(minimal().setName("").setTimeZone("Mars/Olympus").build()));

        assertEquals("invalid program: name: is required; time_zone: is not an IANA time zone id: 'Mars/Olympus'", e.getMessage());
    }
}
