package dev.accrue.engine.rules;

/** What a row of the {@link RuleTable} is: the engine's own entries first, then the program's rule kinds. */
public enum RuleKind {
    /** Base points of a line (the base earn rate). */
    BASE,
    /** The member's tier multiplier. */
    TIER,
    /** The per-transaction cap (its entries are negative). */
    TRANSACTION_CAP,
    /** The per-member-per-day cap (its entries are negative). */
    DAILY_CAP,
    CATEGORY_MULTIPLIER,
    CATEGORY_BONUS,
    SKU_MULTIPLIER,
    SKU_BONUS,
    EXCLUDED_CATEGORIES,
    PARTNER_MULTIPLIER,
    CHANNEL_MULTIPLIER,
    PAYMENT_METHOD_MULTIPLIER,
    BASKET_THRESHOLD_BONUS,
    FIRST_PURCHASE_BONUS,
    BIRTHDAY_BONUS,
    PROMOTION_MULTIPLIER,
    PROMOTION_BONUS
}
