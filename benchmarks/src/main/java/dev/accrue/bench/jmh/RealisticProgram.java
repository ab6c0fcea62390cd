package dev.accrue.bench.jmh;

import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.CategoryBonus;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.Caps;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.FixedBonus;
import dev.accrue.loyalty.v1.HourRange;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;
import dev.accrue.loyalty.v1.Weekday;

/**
 * The program the business-logic benchmark runs: what issue 4 calls realistic. Five tiers, fifty
 * category rules (multipliers and per-unit bonuses), a gift-card exclusion, twenty promotions in
 * force (weekday, hour and scope restrictions), caps, a 14-day e-shop return window and expiry
 * after 24 months rounded to the end of the quarter.
 */
final class RealisticProgram {
    static final int CATEGORIES = 50;

    private RealisticProgram() {
    }

    static String category(int i) {
        return "category-" + i;
    }

    static Program build() {
        Program.Builder p = Program.newBuilder()
                .setName("Benchmark program")
                .setTimeZone("Europe/Prague")
                .addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(1).setPerMinorUnits(100))
                .addBaseEarn(BaseRate.newBuilder().setCurrency("CZK").setPoints(1).setPerMinorUnits(2_500))
                .setTierQualification(TierQualification.newBuilder()
                        .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_POINTS)
                        .setWindow(QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS)
                        .setRollingMonths(12)
                        .setSoftLandingMaxTiersDropped(1))
                .setCaps(Caps.newBuilder().setMaxPointsPerTransaction(100_000).setMaxPointsPerMemberPerDay(250_000))
                .setPending(PendingPolicy.newBuilder().setEshop(ReturnWindow.newBuilder().setDays(14)))
                .setExpiry(ExpiryPolicy.newBuilder().setAfterMonths(24)
                        .setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_QUARTER))
                .setReturnPolicy(ReturnPolicy.RETURN_POLICY_RECORD_DEBT);
        String[] tiers = {"member", "silver", "gold", "platinum", "diamond"};
        for (int t = 0; t < tiers.length; t++) {
            p.addTiers(Tier.newBuilder().setId(tiers[t]).setName(tiers[t]).setThreshold(t * 2_000L)
                    .setEarnMultiplierBp(10_000 + t * 2_500));
        }
        p.addEarnRules(EarnRule.newBuilder().setId("no-gift-cards")
                .setExcludedCategories(ExcludedCategories.newBuilder().addCategories("gift-cards")));
        for (int c = 0; c < CATEGORIES; c++) {
            EarnRule.Builder rule = EarnRule.newBuilder().setId("category-rule-" + c);
            if (c % 2 == 0) {
                rule.setCategoryMultiplier(CategoryMultiplier.newBuilder().addCategories(category(c))
                        .setMultiplierBp(11_000 + c * 500));
            } else {
                rule.setCategoryBonus(CategoryBonus.newBuilder().addCategories(category(c))
                        .setBonus(FixedBonus.newBuilder().setPoints(1 + c % 7).setPer(BonusPer.BONUS_PER_UNIT)));
            }
            p.addEarnRules(rule);
        }
        p.addEarnRules(EarnRule.newBuilder().setId("welcome")
                .setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(250)));
        Weekday[] days = {Weekday.WEEKDAY_MONDAY, Weekday.WEEKDAY_TUESDAY, Weekday.WEEKDAY_WEDNESDAY,
                Weekday.WEEKDAY_THURSDAY, Weekday.WEEKDAY_FRIDAY, Weekday.WEEKDAY_SATURDAY, Weekday.WEEKDAY_SUNDAY};
        for (int i = 0; i < 20; i++) {
            Promotion.Builder promotion = Promotion.newBuilder().setId("promotion-" + i)
                    .setValidFrom("2026-01-01").setValidTo("2027-12-31")
                    .setScope(PromotionScope.newBuilder().addCategories(category(i * 2 % CATEGORIES))
                            .addChannels(Channel.CHANNEL_POS));
            if (i % 2 == 0) {
                promotion.setMultiplierBp(15_000);
            } else {
                promotion.setBonus(FixedBonus.newBuilder().setPoints(10).setPer(BonusPer.BONUS_PER_LINE));
            }
            if (i % 3 == 0) {
                promotion.addWeekdays(days[i % 7]).addWeekdays(days[(i + 3) % 7]);
            }
            if (i % 4 == 0) {
                promotion.setHours(HourRange.newBuilder().setFromHour(8).setToHour(20));
            }
            p.addPromotions(promotion);
        }
        return p.build();
    }
}
