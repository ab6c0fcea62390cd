package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.loyalty.v1.BonusPer;
import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.FixedBonus;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;
import dev.accrue.loyalty.v1.PromotionScope;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The earn rules of a valid program compiled into primitive tables for {@link EarnCalculator}.
 *
 * <p>Names (categories, SKUs, partners, stores) are numbered once in a {@link StringIndex} per
 * dimension; a line's category and SKU are looked up once per evaluation. What a category or SKU
 * earns is then an array read: its highest multiplier and the rule giving it, and its fixed
 * bonus rules as a slice of one flat array (CSR: {@code rules[start[c] .. start[c + 1])}). Rules
 * that test the basket or a scope keep their data in arrays indexed by rule index, scopes as
 * bit sets over the dimension's numbering ({@code null} = any).
 */
final class EarnTables {
    /** A channel or payment-method mask that matches anything. */
    static final int ANY = -1;
    static final int NONE = -1;

    private final RuleTable rules;
    final long[] tierExtraBp;

    final StringIndex categories;
    final boolean[] categoryExcluded;
    final int[] categoryMultiplierRule;
    final int[] categoryMultiplierBp;
    final int[] categoryBonusStart;
    final int[] categoryBonusRules;

    final StringIndex skus;
    final int[] skuMultiplierRule;
    final int[] skuMultiplierBp;
    final int[] skuBonusStart;
    final int[] skuBonusRules;

    final StringIndex partners;
    final StringIndex stores;

    // Per rule index.
    final int[] multiplierBp;
    final long[] bonusPoints;
    final int[] bonusPer;
    final long[][] partnerBits;
    final long[][] storeBits;
    final int[] channelMask;
    final int[] paymentMask;
    final long[] fromDay;
    final long[] toDay;
    final int[] weekdayMask;
    final int[] fromHour;
    final int[] toHour;
    final int[] thresholdCurrency;
    final long[] thresholdMinAmount;
    final int[] birthdayWindow;

    /** Partner, channel and payment-method multipliers, in rule order. */
    final int[] basketMultiplierRules;
    /** Promotions, in program order. */
    final int[] promotionRules;
    /** Basket-threshold, first-purchase and birthday bonuses, in rule order. */
    final int[] basketBonusRules;

    /*
     * Promotions as bit sets over their program order (bit p: promotionRules[p]), in words of 64,
     * so that which promotions reach a line is a few ANDs rather than a scope test per promotion.
     */
    final int promotionWords;
    /** Row c (words each): the promotions whose category scope takes category c; the last row, a category not in the program. */
    final long[] promotionsOfCategory;
    /** The same per SKU. */
    final long[] promotionsOfSku;
    final long[] multiplierPromotions;
    /** Fixed bonuses per unit or per line. */
    final long[] lineBonusPromotions;
    final long[] basketBonusPromotions;

    EarnTables(Program p, RuleTable rules) {
        this.rules = rules;
        tierExtraBp = new long[p.getTiersCount()];
        for (int t = 0; t < tierExtraBp.length; t++) {
            int bp = p.getTiers(t).getEarnMultiplierBp();
            tierExtraBp[t] = bp == 0 ? 0 : bp - Points.ONE_X_BP;
        }
        categories = new StringIndex(ProgramNames.categories(p));
        skus = new StringIndex(ProgramNames.skus(p));
        partners = new StringIndex(ProgramNames.partners(p));
        stores = new StringIndex(ProgramNames.stores(p));

        int n = rules.size();
        multiplierBp = new int[n];
        bonusPoints = new long[n];
        bonusPer = new int[n];
        // Promotions' category and SKU scopes, by rule: only to build the bit sets per name below.
        long[][] categoryBits = new long[n][];
        long[][] skuBits = new long[n][];
        partnerBits = new long[n][];
        storeBits = new long[n][];
        channelMask = new int[n];
        paymentMask = new int[n];
        Arrays.fill(channelMask, ANY);
        Arrays.fill(paymentMask, ANY);
        fromDay = new long[n];
        toDay = new long[n];
        weekdayMask = new int[n];
        fromHour = new int[n];
        toHour = new int[n];
        thresholdCurrency = new int[n];
        thresholdMinAmount = new long[n];
        birthdayWindow = new int[n];

        List<Integer> basketMultipliers = new ArrayList<>();
        List<Integer> basketBonuses = new ArrayList<>();
        for (int i = 0; i < p.getEarnRulesCount(); i++) {
            earnRule(rules.earnRule(i), p.getEarnRules(i), basketMultipliers, basketBonuses);
        }
        promotionRules = new int[p.getPromotionsCount()];
        for (int i = 0; i < promotionRules.length; i++) {
            promotionRules[i] = rules.promotion(i);
            promotion(promotionRules[i], p.getPromotions(i), categoryBits, skuBits);
        }
        basketMultiplierRules = basketMultipliers.stream().mapToInt(Integer::intValue).toArray();
        basketBonusRules = basketBonuses.stream().mapToInt(Integer::intValue).toArray();

        categoryExcluded = new boolean[categories.size()];
        categoryMultiplierRule = new int[categories.size()];
        categoryMultiplierBp = new int[categories.size()];
        skuMultiplierRule = new int[skus.size()];
        skuMultiplierBp = new int[skus.size()];
        Arrays.fill(categoryMultiplierRule, NONE);
        Arrays.fill(skuMultiplierRule, NONE);
        List<List<Integer>> categoryBonuses = emptyLists(categories.size());
        List<List<Integer>> skuBonuses = emptyLists(skus.size());
        for (int i = 0; i < p.getEarnRulesCount(); i++) {
            int rule = rules.earnRule(i);
            EarnRule r = p.getEarnRules(i);
            switch (r.getKindCase()) {
                case EXCLUDED_CATEGORIES -> r.getExcludedCategories().getCategoriesList()
                        .forEach(c -> categoryExcluded[categories.indexOf(c)] = true);
                case CATEGORY_MULTIPLIER -> highest(categories, r.getCategoryMultiplier().getCategoriesList(), rule,
                        categoryMultiplierRule, categoryMultiplierBp);
                case SKU_MULTIPLIER -> highest(skus, r.getSkuMultiplier().getSkusList(), rule, skuMultiplierRule, skuMultiplierBp);
                case CATEGORY_BONUS -> r.getCategoryBonus().getCategoriesList()
                        .forEach(c -> categoryBonuses.get(categories.indexOf(c)).add(rule));
                case SKU_BONUS -> r.getSkuBonus().getSkusList().forEach(s -> skuBonuses.get(skus.indexOf(s)).add(rule));
                default -> {
                }
            }
        }
        categoryBonusStart = starts(categoryBonuses);
        categoryBonusRules = flatten(categoryBonuses);
        skuBonusStart = starts(skuBonuses);
        skuBonusRules = flatten(skuBonuses);

        promotionWords = (promotionRules.length + 63) >>> 6;
        promotionsOfCategory = promotionsInScope(categories.size(), categoryBits);
        promotionsOfSku = promotionsInScope(skus.size(), skuBits);
        multiplierPromotions = new long[promotionWords];
        lineBonusPromotions = new long[promotionWords];
        basketBonusPromotions = new long[promotionWords];
        for (int q = 0; q < promotionRules.length; q++) {
            int rule = promotionRules[q];
            if (multiplierBp[rule] != 0) {
                set(multiplierPromotions, 0, q);
            }
            if (bonusPer[rule] == BonusPer.BONUS_PER_BASKET_VALUE) {
                set(basketBonusPromotions, 0, q);
            } else if (bonusPoints[rule] != 0) {
                set(lineBonusPromotions, 0, q);
            }
        }
    }

    /** Per name of the dimension, and one row more for a name the program does not know: which promotions' scope takes it. */
    private long[] promotionsInScope(int names, long[][] scopeBits) {
        long[] rows = new long[(names + 1) * promotionWords];
        for (int p = 0; p < promotionRules.length; p++) {
            long[] bits = scopeBits[promotionRules[p]];
            if (bits == null) { // any name, and a name the program does not know
                for (int row = 0; row <= names; row++) {
                    set(rows, row * promotionWords, p);
                }
                continue;
            }
            for (int w = 0; w < bits.length; w++) {
                for (long word = bits[w]; word != 0; word &= word - 1) {
                    set(rows, (w * 64 + Long.numberOfTrailingZeros(word)) * promotionWords, p);
                }
            }
        }
        return rows;
    }

    /** Where row {@code index}'s bit set starts in {@link #promotionsOfCategory} or {@link #promotionsOfSku} ({@link StringIndex#MISSING}: the last row). */
    int promotionRow(int index, StringIndex names) {
        return (index == StringIndex.MISSING ? names.size() : index) * promotionWords;
    }

    private static void set(long[] words, int from, int bit) {
        words[from + (bit >>> 6)] |= 1L << bit;
    }

    RuleKind kindOf(int rule) {
        return rules.kind(rule);
    }

    /** The most fixed-bonus rules any one category has. */
    int maxBonusesPerCategory() {
        return maxSlice(categoryBonusStart);
    }

    int maxBonusesPerSku() {
        return maxSlice(skuBonusStart);
    }

    static boolean contains(long[] bits, int index) {
        return bits == null || index >= 0 && (bits[index >>> 6] & 1L << index) != 0;
    }

    static boolean inMask(int mask, int value) {
        return mask == ANY || value >= 0 && value < 32 && (mask & 1 << value) != 0;
    }

    private void earnRule(int rule, EarnRule r, List<Integer> basketMultipliers, List<Integer> basketBonuses) {
        switch (r.getKindCase()) {
            case CATEGORY_MULTIPLIER -> multiplierBp[rule] = r.getCategoryMultiplier().getMultiplierBp();
            case SKU_MULTIPLIER -> multiplierBp[rule] = r.getSkuMultiplier().getMultiplierBp();
            case CATEGORY_BONUS -> bonus(rule, r.getCategoryBonus().getBonus());
            case SKU_BONUS -> bonus(rule, r.getSkuBonus().getBonus());
            case PARTNER_MULTIPLIER -> {
                multiplierBp[rule] = r.getPartnerMultiplier().getMultiplierBp();
                partnerBits[rule] = bits(partners, r.getPartnerMultiplier().getPartnerIdsList());
                storeBits[rule] = bits(stores, r.getPartnerMultiplier().getStoreIdsList());
                basketMultipliers.add(rule);
            }
            case CHANNEL_MULTIPLIER -> {
                multiplierBp[rule] = r.getChannelMultiplier().getMultiplierBp();
                channelMask[rule] = mask(r.getChannelMultiplier().getChannelsValueList());
                basketMultipliers.add(rule);
            }
            case PAYMENT_METHOD_MULTIPLIER -> {
                multiplierBp[rule] = r.getPaymentMethodMultiplier().getMultiplierBp();
                paymentMask[rule] = mask(r.getPaymentMethodMultiplier().getPaymentMethodsValueList());
                basketMultipliers.add(rule);
            }
            case BASKET_THRESHOLD_BONUS -> {
                bonusPoints[rule] = r.getBasketThresholdBonus().getPoints();
                thresholdCurrency[rule] = CurrencyCode.pack(r.getBasketThresholdBonus().getCurrency());
                thresholdMinAmount[rule] = r.getBasketThresholdBonus().getMinAmountMinor();
                basketBonuses.add(rule);
            }
            case FIRST_PURCHASE_BONUS -> {
                bonusPoints[rule] = r.getFirstPurchaseBonus().getPoints();
                basketBonuses.add(rule);
            }
            case BIRTHDAY_BONUS -> {
                bonusPoints[rule] = r.getBirthdayBonus().getPoints();
                birthdayWindow[rule] = r.getBirthdayBonus().getWindowValue();
                basketBonuses.add(rule);
            }
            case EXCLUDED_CATEGORIES, KIND_NOT_SET -> {
            }
        }
    }

    private void promotion(int rule, Promotion promotion, long[][] categoryBits, long[][] skuBits) {
        if (promotion.hasBonus()) {
            bonus(rule, promotion.getBonus());
        } else {
            multiplierBp[rule] = promotion.getMultiplierBp();
        }
        PromotionScope scope = promotion.getScope();
        categoryBits[rule] = bits(categories, scope.getCategoriesList());
        skuBits[rule] = bits(skus, scope.getSkusList());
        partnerBits[rule] = bits(partners, scope.getPartnerIdsList());
        storeBits[rule] = bits(stores, scope.getStoreIdsList());
        channelMask[rule] = scope.getChannelsCount() == 0 ? ANY : mask(scope.getChannelsValueList());
        fromDay[rule] = LocalDate.parse(promotion.getValidFrom()).toEpochDay();
        toDay[rule] = LocalDate.parse(promotion.getValidTo()).toEpochDay();
        weekdayMask[rule] = promotion.getWeekdaysCount() == 0 ? ANY : mask(promotion.getWeekdaysValueList());
        fromHour[rule] = promotion.hasHours() ? promotion.getHours().getFromHour() : 0;
        toHour[rule] = promotion.hasHours() ? promotion.getHours().getToHour() : 24;
    }

    private void bonus(int rule, FixedBonus bonus) {
        bonusPoints[rule] = bonus.getPoints();
        bonusPer[rule] = bonus.getPerValue();
    }

    private void highest(StringIndex index, List<String> names, int rule, int[] ruleOf, int[] bpOf) {
        for (String name : names) {
            int i = index.indexOf(name);
            // Strictly greater: on a tie the earlier rule keeps the category or SKU.
            if (multiplierBp[rule] > bpOf[i]) {
                ruleOf[i] = rule;
                bpOf[i] = multiplierBp[rule];
            }
        }
    }

    private static int mask(List<Integer> values) {
        int mask = 0;
        for (int value : values) {
            mask |= 1 << value;
        }
        return mask;
    }

    private static long[] bits(StringIndex index, List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        long[] bits = new long[(index.size() + 63) >>> 6];
        for (String name : names) {
            int i = index.indexOf(name);
            bits[i >>> 6] |= 1L << i;
        }
        return bits;
    }

    private static List<List<Integer>> emptyLists(int count) {
        List<List<Integer>> lists = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static int[] starts(List<List<Integer>> lists) {
        int[] starts = new int[lists.size() + 1];
        for (int i = 0; i < lists.size(); i++) {
            starts[i + 1] = starts[i] + lists.get(i).size();
        }
        return starts;
    }

    private static int[] flatten(List<List<Integer>> lists) {
        return lists.stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
    }

    private static int maxSlice(int[] starts) {
        int max = 0;
        for (int i = 0; i + 1 < starts.length; i++) {
            max = Math.max(max, starts[i + 1] - starts[i]);
        }
        return max;
    }
}
