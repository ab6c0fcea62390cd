package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;

import java.util.ArrayList;
import java.util.List;

/**
 * Every source of points a breakdown entry can name, by index: the engine's own four
 * ({@link #BASE}, {@link #TIER}, {@link #TRANSACTION_CAP}, {@link #DAILY_CAP}), then the
 * program's earn rules in program order, then its promotions. A breakdown stores the index; the
 * id is looked up here when the breakdown is shown or recorded.
 */
public final class RuleTable {
    public static final int BASE = 0;
    public static final int TIER = 1;
    public static final int TRANSACTION_CAP = 2;
    public static final int DAILY_CAP = 3;
    /** The index of the program's first earn rule. */
    public static final int FIRST_PROGRAM_RULE = 4;

    private static final List<String> RESERVED_IDS = List.of("base", "tier", "transaction-cap", "daily-cap");
    private static final List<RuleKind> RESERVED_KINDS =
            List.of(RuleKind.BASE, RuleKind.TIER, RuleKind.TRANSACTION_CAP, RuleKind.DAILY_CAP);

    private final String[] ids;
    private final RuleKind[] kinds;
    private final int firstPromotion;

    RuleTable(Program program) {
        List<String> idList = new ArrayList<>(RESERVED_IDS);
        List<RuleKind> kindList = new ArrayList<>(RESERVED_KINDS);
        for (EarnRule rule : program.getEarnRulesList()) {
            idList.add(rule.getId());
            kindList.add(kindOf(rule));
        }
        firstPromotion = idList.size();
        for (Promotion promotion : program.getPromotionsList()) {
            idList.add(promotion.getId());
            kindList.add(promotion.hasBonus() ? RuleKind.PROMOTION_BONUS : RuleKind.PROMOTION_MULTIPLIER);
        }
        ids = idList.toArray(new String[0]);
        kinds = kindList.toArray(new RuleKind[0]);
    }

    /** True for the ids of the engine's own entries, which a program's rules cannot take. */
    public static boolean isReserved(String id) {
        return RESERVED_IDS.contains(id);
    }

    public int size() {
        return ids.length;
    }

    public String id(int rule) {
        return ids[rule];
    }

    public RuleKind kind(int rule) {
        return kinds[rule];
    }

    /** The index of the program's earn rule {@code i} (0-based in {@code Program.earn_rules}). */
    public int earnRule(int i) {
        return FIRST_PROGRAM_RULE + i;
    }

    /** The index of the program's promotion {@code i} (0-based in {@code Program.promotions}). */
    public int promotion(int i) {
        return firstPromotion + i;
    }

    /** The index of the rule or promotion with the id, or -1. Not for the earn path. */
    public int indexOf(String id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static RuleKind kindOf(EarnRule rule) {
        return switch (rule.getKindCase()) {
            case CATEGORY_MULTIPLIER -> RuleKind.CATEGORY_MULTIPLIER;
            case CATEGORY_BONUS -> RuleKind.CATEGORY_BONUS;
            case SKU_MULTIPLIER -> RuleKind.SKU_MULTIPLIER;
            case SKU_BONUS -> RuleKind.SKU_BONUS;
            case EXCLUDED_CATEGORIES -> RuleKind.EXCLUDED_CATEGORIES;
            case PARTNER_MULTIPLIER -> RuleKind.PARTNER_MULTIPLIER;
            case CHANNEL_MULTIPLIER -> RuleKind.CHANNEL_MULTIPLIER;
            case PAYMENT_METHOD_MULTIPLIER -> RuleKind.PAYMENT_METHOD_MULTIPLIER;
            case BASKET_THRESHOLD_BONUS -> RuleKind.BASKET_THRESHOLD_BONUS;
            case FIRST_PURCHASE_BONUS -> RuleKind.FIRST_PURCHASE_BONUS;
            case BIRTHDAY_BONUS -> RuleKind.BIRTHDAY_BONUS;
            case KIND_NOT_SET -> throw new IllegalArgumentException("rule without a kind: " + rule.getId());
        };
    }
}
