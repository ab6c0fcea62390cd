package dev.accrue.engine.pipeline;

import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.BasketThresholdBonus;
import dev.accrue.loyalty.v1.CategoryMultiplier;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.ExcludedCategories;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.PendingPolicy;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Set;

/**
 * A program of the few rule kinds {@link RulesModelTest} uses, described plainly, with the rules
 * worked out the obvious way (java.time for every date, one formula per rule) for the reference
 * model, and the same program as the engine's protobuf message. EUR only; the tiers qualify on
 * base points.
 *
 * @param pointsPer          base points per {@code perMinorUnits} cents
 * @param thresholds         tier thresholds, entry tier first (0)
 * @param tierMultiplierBp   each tier's multiplier in basis points
 * @param rollingMonths      the qualifying window in months, or 0 for the calendar year
 * @param multipliedCategory the one category with a multiplier, {@code categoryRuleId} its rule
 * @param expiryMonths       points expire this many months on, at the end of that month (0: see expiryDays)
 * @param expiryDays         points expire this many days on, at the end of that day (0 with expiryMonths 0: never)
 * @param basketMinor        a purchase whose eligible lines cost at least this earns {@code basketBonus} (0: no such rule)
 * @param welcomeBonus       points for a member's first purchase (0: no such rule); both bonuses are basket-level points
 * @param debtAsNegative     debt shows as negative available points (ALLOW_NEGATIVE_BALANCE), not beside them (RECORD_DEBT)
 */
record ModelProgram(String name, long pointsPer, long perMinorUnits, long[] thresholds, int[] tierMultiplierBp,
                    int rollingMonths, int softLanding, String categoryRuleId, String multipliedCategory,
                    int categoryMultiplierBp, Set<String> excluded, long posPendingMillis, long eshopPendingMillis,
                    int expiryMonths, int expiryDays, long basketMinor, long basketBonus, long welcomeBonus,
                    boolean debtAsNegative) {
    static final String BASKET_RULE = "basket-bonus";
    static final String WELCOME_RULE = "welcome";
    static final ZoneId ZONE = ProcessorDriver.PRAGUE;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /** Base points of one eligible line. */
    long base(long amountMinor) {
        return amountMinor * pointsPer / perMinorUnits;
    }

    /** A multiplier's extra points on base, rounded down: 1.25x of 7 base is 1 extra. */
    static long extra(long base, long multiplierBp) {
        return base * (multiplierBp - 10_000) / 10_000;
    }

    int clamp(int tier) {
        return Math.max(0, Math.min(tier, thresholds.length - 1));
    }

    int tierFor(long qualifyingTotal) {
        int tier = 0;
        for (int t = 0; t < thresholds.length; t++) {
            if (qualifyingTotal >= thresholds[t]) {
                tier = t;
            }
        }
        return tier;
    }

    /** 0 when the channel's points are available at once. */
    long pendingMillis(boolean eshop) {
        return eshop ? eshopPendingMillis : posPendingMillis;
    }

    long expiresAt(long earnedAt) {
        LocalDate earned = localDate(earnedAt);
        if (expiryMonths != 0) {
            return startOf(earned.plusMonths(expiryMonths).withDayOfMonth(1).plusMonths(1));
        }
        if (expiryDays != 0) {
            return startOf(earned.plusDays(expiryDays + 1));
        }
        return Long.MAX_VALUE;
    }

    /** Local months since January 1970, as the engine numbers its qualifying buckets. */
    static long monthIndex(YearMonth month) {
        return (month.getYear() - 1970L) * 12 + month.getMonthValue() - 1;
    }

    /** Whether purchases of {@code month} fall in the qualifying window whose last month is {@code last}. */
    boolean inWindow(YearMonth month, YearMonth last) {
        YearMonth first = rollingMonths == 0 ? YearMonth.of(last.getYear(), 1) : last.minusMonths(rollingMonths - 1);
        return !month.isBefore(first) && !month.isAfter(last);
    }

    /** When a member's period that started at {@code start} ends (their review). */
    long periodEnd(long start) {
        YearMonth month = YearMonth.from(localDate(start));
        YearMonth end = rollingMonths == 0 ? YearMonth.of(month.getYear() + 1, 1) : month.plusMonths(rollingMonths);
        return startOf(end.atDay(1));
    }

    /** An instant as Prague local time, for failure messages. */
    static String local(long millis) {
        return millis == Long.MAX_VALUE ? "never" : Instant.ofEpochMilli(millis).atZone(ZONE).toLocalDateTime().toString();
    }

    static LocalDate localDate(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZONE).toLocalDate();
    }

    static long startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    Program toProgram() {
        Program.Builder p = Program.newBuilder()
                .setName(name)
                .setTimeZone(ZONE.getId())
                .addBaseEarn(BaseRate.newBuilder().setCurrency("EUR").setPoints(pointsPer).setPerMinorUnits(perMinorUnits))
                .setTierQualification(TierQualification.newBuilder()
                        .setBasis(QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_POINTS)
                        .setWindow(rollingMonths == 0 ? QualificationWindow.QUALIFICATION_WINDOW_CALENDAR_YEAR
                                : QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS)
                        .setRollingMonths(rollingMonths)
                        .setSoftLandingMaxTiersDropped(softLanding))
                .addEarnRules(EarnRule.newBuilder().setId(categoryRuleId).setCategoryMultiplier(CategoryMultiplier.newBuilder()
                        .addCategories(multipliedCategory).setMultiplierBp(categoryMultiplierBp)))
                .addEarnRules(EarnRule.newBuilder().setId("excluded")
                        .setExcludedCategories(ExcludedCategories.newBuilder().addAllCategories(excluded)))
                .setPending(PendingPolicy.newBuilder().setPos(window(posPendingMillis)).setEshop(window(eshopPendingMillis)))
                .setExpiry(ExpiryPolicy.newBuilder()
                        .setAfterMonths(expiryMonths)
                        .setAfterDays(expiryDays)
                        .setRoundTo(expiryMonths != 0 ? ExpiryRounding.EXPIRY_ROUNDING_END_OF_MONTH
                                : expiryDays != 0 ? ExpiryRounding.EXPIRY_ROUNDING_END_OF_DAY : ExpiryRounding.EXPIRY_ROUNDING_NONE))
                .setReturnPolicy(debtAsNegative ? ReturnPolicy.RETURN_POLICY_ALLOW_NEGATIVE_BALANCE
                        : ReturnPolicy.RETURN_POLICY_RECORD_DEBT);
        if (basketMinor != 0) {
            p.addEarnRules(EarnRule.newBuilder().setId(BASKET_RULE).setBasketThresholdBonus(BasketThresholdBonus.newBuilder()
                    .setCurrency("EUR").setMinAmountMinor(basketMinor).setPoints(basketBonus)));
        }
        if (welcomeBonus != 0) {
            p.addEarnRules(EarnRule.newBuilder().setId(WELCOME_RULE)
                    .setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(welcomeBonus)));
        }
        for (int t = 0; t < thresholds.length; t++) {
            p.addTiers(Tier.newBuilder().setId("tier-" + t).setName("Tier " + t)
                    .setThreshold(thresholds[t]).setEarnMultiplierBp(tierMultiplierBp[t]));
        }
        return p.build();
    }

    private static ReturnWindow window(long millis) {
        return ReturnWindow.newBuilder().setDays((int) (millis / DAY)).setHours((int) (millis % DAY / HOUR)).build();
    }
}
