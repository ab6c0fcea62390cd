package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.loyalty.v1.BasketThresholdBonus;
import dev.accrue.loyalty.v1.BirthdayWindow;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.FixedBonus;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;
import dev.accrue.loyalty.v1.Weekday;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the earn rules and promotions of a program, adding to the program's problems. */
final class RuleValidator {
    static final int MAX_RULES = 1000;

    private final Problems problems;
    private final Set<Integer> currencies;
    /** Rule and promotion ids seen, to the path of the first use. */
    private final Map<String, String> ids = new HashMap<>();
    /** Excluded categories, to the path of the rule that excludes them. */
    private final Map<String, String> excluded = new HashMap<>();

    RuleValidator(Problems problems, Set<Integer> currencies) {
        this.problems = problems;
        this.currencies = currencies;
    }

    void validate(List<EarnRule> rules, List<Promotion> promotions) {
        if (rules.size() > MAX_RULES) {
            problems.add("earn_rules", "must hold at most " + MAX_RULES + " rules, not " + rules.size());
        }
        if (promotions.size() > MAX_RULES) {
            problems.add("promotions", "must hold at most " + MAX_RULES + " promotions, not " + promotions.size());
        }
        // Exclusions first, so a rule that rewards an excluded category is caught wherever it is.
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).hasExcludedCategories()) {
                for (String category : rules.get(i).getExcludedCategories().getCategoriesList()) {
                    excluded.putIfAbsent(category, "earn_rules[" + i + "]");
                }
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            rule("earn_rules[" + i + "]", rules.get(i));
        }
        for (int i = 0; i < promotions.size(); i++) {
            promotion("promotions[" + i + "]", promotions.get(i));
        }
    }

    private void id(String path, String id, String description) {
        if (problems.requiredText(path + ".id", id, Problems.MAX_ID_CHARS)) {
            if (RuleTable.isReserved(id)) {
                problems.add(path + ".id", "'" + id + "' is reserved for the engine's own breakdown entries");
            } else if (ids.containsKey(id)) {
                problems.add(path + ".id", "'" + id + "' is the id of " + ids.get(id) + " already");
            } else {
                ids.put(id, path);
            }
        }
        problems.optionalText(path + ".description", description, Problems.MAX_DESCRIPTION_CHARS);
    }

    private void rule(String path, EarnRule rule) {
        id(path, rule.getId(), rule.getDescription());
        switch (rule.getKindCase()) {
            case CATEGORY_MULTIPLIER -> {
                rewardedCategories(path + ".category_multiplier.categories", rule.getCategoryMultiplier().getCategoriesList(), true);
                problems.multiplier(path + ".category_multiplier.multiplier_bp", rule.getCategoryMultiplier().getMultiplierBp());
            }
            case CATEGORY_BONUS -> {
                rewardedCategories(path + ".category_bonus.categories", rule.getCategoryBonus().getCategoriesList(), true);
                lineBonus(path + ".category_bonus.bonus", rule.getCategoryBonus().hasBonus(), rule.getCategoryBonus().getBonus());
            }
            case SKU_MULTIPLIER -> {
                problems.names(path + ".sku_multiplier.skus", rule.getSkuMultiplier().getSkusList(), true);
                problems.multiplier(path + ".sku_multiplier.multiplier_bp", rule.getSkuMultiplier().getMultiplierBp());
            }
            case SKU_BONUS -> {
                problems.names(path + ".sku_bonus.skus", rule.getSkuBonus().getSkusList(), true);
                lineBonus(path + ".sku_bonus.bonus", rule.getSkuBonus().hasBonus(), rule.getSkuBonus().getBonus());
            }
            case EXCLUDED_CATEGORIES -> problems.names(path + ".excluded_categories.categories",
                    rule.getExcludedCategories().getCategoriesList(), true);
            case PARTNER_MULTIPLIER -> {
                var m = rule.getPartnerMultiplier();
                if (m.getPartnerIdsCount() == 0 && m.getStoreIdsCount() == 0) {
                    problems.add(path + ".partner_multiplier", "must name at least one partner_id or store_id");
                }
                problems.names(path + ".partner_multiplier.partner_ids", m.getPartnerIdsList(), false);
                problems.names(path + ".partner_multiplier.store_ids", m.getStoreIdsList(), false);
                problems.multiplier(path + ".partner_multiplier.multiplier_bp", m.getMultiplierBp());
            }
            case CHANNEL_MULTIPLIER -> {
                problems.enumValues(path + ".channel_multiplier.channels", rule.getChannelMultiplier().getChannelsValueList(),
                        true, v -> Channel.forNumber(v) != null);
                problems.multiplier(path + ".channel_multiplier.multiplier_bp", rule.getChannelMultiplier().getMultiplierBp());
            }
            case PAYMENT_METHOD_MULTIPLIER -> {
                problems.enumValues(path + ".payment_method_multiplier.payment_methods",
                        rule.getPaymentMethodMultiplier().getPaymentMethodsValueList(), true, v -> PaymentMethod.forNumber(v) != null);
                problems.multiplier(path + ".payment_method_multiplier.multiplier_bp", rule.getPaymentMethodMultiplier().getMultiplierBp());
            }
            case BASKET_THRESHOLD_BONUS -> basketThreshold(path + ".basket_threshold_bonus", rule.getBasketThresholdBonus());
            case FIRST_PURCHASE_BONUS -> problems.range(path + ".first_purchase_bonus.points",
                    rule.getFirstPurchaseBonus().getPoints(), 1, Problems.MAX_BONUS_POINTS);
            case BIRTHDAY_BONUS -> {
                problems.range(path + ".birthday_bonus.points", rule.getBirthdayBonus().getPoints(), 1, Problems.MAX_BONUS_POINTS);
                BirthdayWindow window = rule.getBirthdayBonus().getWindow();
                if (window == BirthdayWindow.BIRTHDAY_WINDOW_UNSPECIFIED || window == BirthdayWindow.UNRECOGNIZED) {
                    problems.add(path + ".birthday_bonus.window", "is required (BIRTHDAY_WINDOW_DAY or BIRTHDAY_WINDOW_MONTH)");
                }
            }
            case KIND_NOT_SET -> problems.add(path, "must have a kind (category_multiplier, category_bonus, sku_multiplier, "
                    + "sku_bonus, excluded_categories, partner_multiplier, channel_multiplier, payment_method_multiplier, "
                    + "basket_threshold_bonus, first_purchase_bonus or birthday_bonus)");
        }
    }

    /** Categories a rule rewards: valid names, and none that another rule excludes. */
    private void rewardedCategories(String path, List<String> categories, boolean required) {
        problems.names(path, categories, required);
        for (int i = 0; i < categories.size(); i++) {
            String excludedBy = excluded.get(categories.get(i));
            if (excludedBy != null) {
                problems.add(path + "[" + i + "]", "'" + categories.get(i) + "' earns nothing: it is excluded by " + excludedBy);
            }
        }
    }

    private void lineBonus(String path, boolean present, FixedBonus bonus) {
        fixedBonus(path, present, bonus);
        if (bonus.getPer() == BonusPer.BONUS_PER_BASKET) {
            problems.add(path + ".per", "must be BONUS_PER_UNIT or BONUS_PER_LINE (per basket is for promotions and basket rules)");
        }
    }

    private void fixedBonus(String path, boolean present, FixedBonus bonus) {
        if (!present) {
            problems.add(path, "is required");
            return;
        }
        problems.range(path + ".points", bonus.getPoints(), 1, Problems.MAX_BONUS_POINTS);
        if (bonus.getPer() == BonusPer.BONUS_PER_UNSPECIFIED || bonus.getPer() == BonusPer.UNRECOGNIZED) {
            problems.add(path + ".per", "is required (BONUS_PER_UNIT, BONUS_PER_LINE or BONUS_PER_BASKET)");
        }
    }

    private void basketThreshold(String path, BasketThresholdBonus bonus) {
        if (bonus.getCurrency().isEmpty()) {
            problems.add(path + ".currency", "is required");
        } else if (!currencies.contains(CurrencyCode.pack(bonus.getCurrency()))) {
            problems.add(path + ".currency", "must be one of the base_earn currencies, not '" + bonus.getCurrency() + "'");
        }
        problems.range(path + ".min_amount_minor", bonus.getMinAmountMinor(), 1, Problems.MAX_AMOUNT_MINOR);
        problems.range(path + ".points", bonus.getPoints(), 1, Problems.MAX_BONUS_POINTS);
    }

    private void promotion(String path, Promotion promotion) {
        id(path, promotion.getId(), promotion.getDescription());
        switch (promotion.getRewardCase()) {
            case MULTIPLIER_BP -> problems.multiplier(path + ".multiplier_bp", promotion.getMultiplierBp());
            case BONUS -> fixedBonus(path + ".bonus", true, promotion.getBonus());
            case REWARD_NOT_SET -> problems.add(path, "must have a reward (multiplier_bp or bonus)");
        }
        scope(path + ".scope", promotion.getScope());
        LocalDate from = date(path + ".valid_from", promotion.getValidFrom());
        LocalDate to = date(path + ".valid_to", promotion.getValidTo());
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(path + ".valid_to", "must not be before valid_from (" + from + "), not " + to);
        }
        problems.enumValues(path + ".weekdays", promotion.getWeekdaysValueList(), false, v -> Weekday.forNumber(v) != null);
        if (promotion.hasHours()) {
            int fromHour = promotion.getHours().getFromHour();
            int toHour = promotion.getHours().getToHour();
            problems.range(path + ".hours.from_hour", fromHour, 0, 23);
            problems.range(path + ".hours.to_hour", toHour, 1, 24);
            if (fromHour >= toHour && fromHour >= 0 && toHour <= 24) {
                problems.add(path + ".hours", "from_hour (" + fromHour + ") must be before to_hour (" + toHour
                        + "); a range across midnight is two promotions");
            }
        }
    }

    private void scope(String path, PromotionScope scope) {
        rewardedCategories(path + ".categories", scope.getCategoriesList(), false);
        problems.names(path + ".skus", scope.getSkusList(), false);
        problems.names(path + ".partner_ids", scope.getPartnerIdsList(), false);
        problems.names(path + ".store_ids", scope.getStoreIdsList(), false);
        problems.enumValues(path + ".channels", scope.getChannelsValueList(), false, v -> Channel.forNumber(v) != null);
    }

    private LocalDate date(String path, String text) {
        if (text.isEmpty()) {
            problems.add(path, "is required (a local date, YYYY-MM-DD)");
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1970 || date.getYear() > 9999) {
                problems.add(path, "must be in the years 1970 .. 9999, not " + text);
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.add(path, "is not a date of the form YYYY-MM-DD: '" + text + "'");
            return null;
        }
    }
}
