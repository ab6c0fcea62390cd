package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IsoCurrencies;
import dev.accrue.loyalty.v1.BaseRate;
import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.QualificationBasis;
import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnWindow;
import dev.accrue.loyalty.v1.Tier;
import dev.accrue.loyalty.v1.TierQualification;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link Program} as a whole: name, zone, base earn, tiers, qualification and policies;
 * the earn rules and promotions are checked by {@link RuleValidator}. Finds every problem, not
 * just the first, so an operator fixes a program in one round.
 */
final class ProgramValidator {
    static final int MAX_TIERS = 32;
    static final long MAX_THRESHOLD = 1_000_000_000_000_000_000L;
    /** The engine keeps qualifying totals per month for this many months (MemberRecord.QUALIFYING_MONTHS). */
    static final int MAX_ROLLING_MONTHS = dev.accrue.engine.domain.MemberRecord.QUALIFYING_MONTHS;
    static final int MAX_RETURN_WINDOW_DAYS = 366;
    static final int MAX_EXPIRY_MONTHS = 1200;
    static final int MAX_EXPIRY_DAYS = 36_600;
    static final int MAX_NOTICE_DAYS = 366;

    static final long MAX_GRANT_UNITS = 1_000_000;

    private final Problems problems = new Problems();

    private ProgramValidator() {
    }

    /** Every problem of the program, in field order; empty if it is valid. */
    static List<String> problems(Program program) {
        ProgramValidator validator = new ProgramValidator();
        validator.validate(program);
        return validator.problems.list();
    }

    private void validate(Program p) {
        problems.requiredText("name", p.getName(), Problems.MAX_ID_CHARS);
        timeZone(p.getTimeZone());
        Set<Integer> currencies = baseEarn(p.getBaseEarnList());
        tiers(p.getTiersList());
        if (p.hasTierQualification()) {
            qualification(p.getTierQualification(), currencies, p.getTiersCount());
        } else {
            problems.add("tier_qualification", "is required");
        }
        new RuleValidator(problems, currencies).validate(p.getEarnRulesList(), p.getPromotionsList());
        wallets(p);
        problems.range("caps.max_points_per_transaction", p.getCaps().getMaxPointsPerTransaction(), 0, Points.MAX_PER_EVENT);
        problems.range("caps.max_points_per_member_per_day", p.getCaps().getMaxPointsPerMemberPerDay(), 0, Points.MAX_PER_EVENT);
        returnWindow("pending.pos", p.getPending().getPos());
        returnWindow("pending.eshop", p.getPending().getEshop());
        expiry(p.getExpiry());
        if (p.getReturnPolicy() == ReturnPolicy.RETURN_POLICY_UNSPECIFIED) {
            problems.add("return_policy", "is required (RETURN_POLICY_ALLOW_NEGATIVE_BALANCE or RETURN_POLICY_RECORD_DEBT)");
        } else if (p.getReturnPolicy() == ReturnPolicy.UNRECOGNIZED) {
            problems.add("return_policy", "is not a known policy: " + p.getReturnPolicyValue());
        }
    }

    private void timeZone(String zone) {
        if (zone.isEmpty()) {
            problems.add("time_zone", "is required (an IANA zone id such as Europe/Prague)");
        } else if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            problems.add("time_zone", "is not an IANA time zone id: '" + zone + "'");
        }
    }

    /** The packed codes of the valid currencies. */
    private Set<Integer> baseEarn(List<BaseRate> rates) {
        Set<Integer> currencies = new HashSet<>();
        if (rates.isEmpty()) {
            problems.add("base_earn", "must give a rate for at least one currency");
        }
        for (int i = 0; i < rates.size(); i++) {
            String path = "base_earn[" + i + "]";
            BaseRate rate = rates.get(i);
            int packed = CurrencyCode.pack(rate.getCurrency());
            if (rate.getCurrency().isEmpty()) {
                problems.add(path + ".currency", "is required");
            } else if (!IsoCurrencies.isKnown(packed)) {
                problems.add(path + ".currency", "is not an ISO 4217 currency code: '" + rate.getCurrency() + "'");
            } else if (!currencies.add(packed)) {
                problems.add(path + ".currency", rate.getCurrency() + " has a rate already");
            }
            problems.range(path + ".points", rate.getPoints(), 0, EarnRate.MAX_POINTS);
            problems.range(path + ".per_minor_units", rate.getPerMinorUnits(), 1, Problems.MAX_AMOUNT_MINOR);
        }
        return currencies;
    }

    private void tiers(List<Tier> tiers) {
        if (tiers.isEmpty()) {
            problems.add("tiers", "must hold at least one tier (the entry tier, threshold 0)");
        } else if (tiers.size() > MAX_TIERS) {
            problems.add("tiers", "must hold at most " + MAX_TIERS + " tiers, not " + tiers.size());
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            String path = "tiers[" + i + "]";
            Tier tier = tiers.get(i);
            if (problems.requiredText(path + ".id", tier.getId(), Problems.MAX_ID_CHARS) && !ids.add(tier.getId())) {
                problems.add(path + ".id", "'" + tier.getId() + "' is the id of an earlier tier");
            }
            problems.requiredText(path + ".name", tier.getName(), Problems.MAX_ID_CHARS);
            if (i == 0 && tier.getThreshold() != 0) {
                problems.add(path + ".threshold", "must be 0: the first tier is the one every member starts in");
            } else if (i > 0 && tier.getThreshold() <= tiers.get(i - 1).getThreshold()) {
                problems.add(path + ".threshold", "must be greater than tiers[" + (i - 1) + "].threshold ("
                        + tiers.get(i - 1).getThreshold() + ")");
            } else if (tier.getThreshold() > MAX_THRESHOLD) {
                problems.add(path + ".threshold", "must be at most " + MAX_THRESHOLD);
            }
            if (tier.getEarnMultiplierBp() != 0) {
                problems.multiplier(path + ".earn_multiplier_bp", tier.getEarnMultiplierBp());
            }
        }
    }

    private void qualification(TierQualification q, Set<Integer> currencies, int tierCount) {
        String path = "tier_qualification";
        if (q.getBasis() == QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_SPEND) {
            int packed = CurrencyCode.pack(q.getQualifyingCurrency());
            if (q.getQualifyingCurrency().isEmpty()) {
                problems.add(path + ".qualifying_currency", "is required when the basis is qualifying spend");
            } else if (!currencies.contains(packed)) {
                problems.add(path + ".qualifying_currency", "must be one of the base_earn currencies, not '"
                        + q.getQualifyingCurrency() + "'");
            }
        } else if (q.getBasis() == QualificationBasis.QUALIFICATION_BASIS_QUALIFYING_POINTS) {
            if (!q.getQualifyingCurrency().isEmpty()) {
                problems.add(path + ".qualifying_currency", "must be empty when the basis is qualifying points");
            }
        } else {
            problems.add(path + ".basis", "is required (QUALIFICATION_BASIS_QUALIFYING_POINTS or QUALIFICATION_BASIS_QUALIFYING_SPEND)");
        }
        if (q.getWindow() == QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS) {
            problems.range(path + ".rolling_months", q.getRollingMonths(), 1, MAX_ROLLING_MONTHS);
        } else if (q.getWindow() == QualificationWindow.QUALIFICATION_WINDOW_CALENDAR_YEAR) {
            if (q.getRollingMonths() != 0) {
                problems.add(path + ".rolling_months", "must be 0 for a calendar-year window");
            }
        } else {
            problems.add(path + ".window", "is required (QUALIFICATION_WINDOW_ROLLING_MONTHS or QUALIFICATION_WINDOW_CALENDAR_YEAR)");
        }
        problems.range(path + ".soft_landing_max_tiers_dropped", q.getSoftLandingMaxTiersDropped(), 1, Math.max(1, tierCount - 1));
    }

    private void returnWindow(String path, ReturnWindow window) {
        problems.range(path + ".days", window.getDays(), 0, MAX_RETURN_WINDOW_DAYS);
        problems.range(path + ".hours", window.getHours(), 0, 23);
    }

    private void expiry(ExpiryPolicy expiry) {
        if (expiry.getAfterMonths() != 0 && expiry.getAfterDays() != 0) {
            problems.add("expiry", "set after_months or after_days, not both");
        }
        problems.range("expiry.after_months", expiry.getAfterMonths(), 0, MAX_EXPIRY_MONTHS);
        problems.range("expiry.after_days", expiry.getAfterDays(), 0, MAX_EXPIRY_DAYS);
        problems.range("expiry.notice_days", expiry.getNoticeDays(), 0, MAX_NOTICE_DAYS);
        if (expiry.getRoundTo() == ExpiryRounding.UNRECOGNIZED) {
            problems.add("expiry.round_to", "is not a known rounding: " + expiry.getRoundToValue());
        } else if (expiry.getRoundTo() != ExpiryRounding.EXPIRY_ROUNDING_NONE
                && expiry.getAfterMonths() == 0 && expiry.getAfterDays() == 0) {
            problems.add("expiry.round_to", "rounds nothing: points never expire unless after_months or after_days is set");
        }
    }

    private void wallets(Program p) {
        if (p.getWalletsCount() > dev.accrue.engine.domain.MemberRecord.MAX_WALLETS) {
            problems.add("wallets", "must be at most " + dev.accrue.engine.domain.MemberRecord.MAX_WALLETS
                    + ", not " + p.getWalletsCount());
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < p.getWalletsCount(); i++) {
            String path = "wallets[" + i + "]";
            dev.accrue.loyalty.v1.Wallet wallet = p.getWallets(i);
            if (problems.requiredText(path + ".id", wallet.getId(), Problems.MAX_ID_CHARS)) {
                if (!wallet.getId().matches("[A-Za-z0-9._-]+")) {
                    problems.add(path + ".id", "must be letters, digits, '-', '_' and '.', not '" + wallet.getId() + "'");
                } else if (!ids.add(wallet.getId())) {
                    problems.add(path + ".id", "'" + wallet.getId() + "' is the id of another wallet already");
                }
            }
            problems.optionalText(path + ".name", wallet.getName(), Problems.MAX_ID_CHARS);
            problems.optionalText(path + ".unit", wallet.getUnit(), 32);
        }
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < p.getWalletGrantsCount(); i++) {
            String path = "wallet_grants[" + i + "]";
            dev.accrue.loyalty.v1.WalletGrant grant = p.getWalletGrants(i);
            if (problems.requiredText(path + ".sku", grant.getSku(), Problems.MAX_ID_CHARS) && !skus.add(grant.getSku())) {
                problems.add(path + ".sku", "'" + grant.getSku() + "' has a grant already");
            }
            if (problems.requiredText(path + ".wallet", grant.getWallet(), Problems.MAX_ID_CHARS)
                    && !ids.contains(grant.getWallet())) {
                problems.add(path + ".wallet", "'" + grant.getWallet() + "' is not a wallet of the program");
            }
            problems.range(path + ".units", grant.getUnits(), 1, MAX_GRANT_UNITS);
        }
    }
}
