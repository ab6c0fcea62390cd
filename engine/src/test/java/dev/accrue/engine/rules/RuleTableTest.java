package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.FirstPurchaseBonus;
import dev.accrue.loyalty.v1.Promotion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleTableTest {

    @Test
    void theEnginesOwnEntriesComeFirstThenRulesThenPromotionsInProgramOrder() {
        RuleTable rules = Programs.compile(Programs.minimal()
                .addEarnRules(Programs.rule("welcome").setFirstPurchaseBonus(FirstPurchaseBonus.newBuilder().setPoints(10)))
                .addPromotions(Promotion.newBuilder().setId("weekend").setMultiplierBp(20_000)
                        .setValidFrom("2026-01-01").setValidTo("2026-01-31"))).rules();

        assertEquals(6, rules.size());
        assertEquals("base", rules.id(RuleTable.BASE));
        assertEquals("daily-cap", rules.id(RuleTable.DAILY_CAP));
        assertEquals("welcome", rules.id(rules.earnRule(0)));
        assertEquals(RuleKind.FIRST_PURCHASE_BONUS, rules.kind(rules.earnRule(0)));
        assertEquals("weekend", rules.id(rules.promotion(0)));
        assertEquals(RuleKind.PROMOTION_MULTIPLIER, rules.kind(rules.promotion(0)));
        assertEquals(5, rules.indexOf("weekend"));
        assertEquals(-1, rules.indexOf("nope"));
        assertTrue(RuleTable.isReserved("transaction-cap"));
    }
}
