package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseEarnRuleTest {
    private static final int EUR = CurrencyCode.pack("EUR");
    private static final int JPY = CurrencyCode.pack("JPY");
    private static final int CZK = CurrencyCode.pack("CZK");
    private static final int SEK = CurrencyCode.pack("SEK");

    private final BaseEarnRule demo = new BaseEarnRule(Map.of(
            "EUR", new EarnRate(1, 100),
            "USD", new EarnRate(1, 100),
            "CZK", new EarnRate(1, 2_500),
            "JPY", new EarnRate(1, 100)));

    @Test
    void eachCurrencyEarnsAtItsOwnRate() {
        // 12,345 minor units: 123.45 EUR, 12,345 JPY (no minor unit), 123.45 CZK
        assertEquals(123, demo.points(EUR, 12_345));
        assertEquals(123, demo.points(JPY, 12_345));
        assertEquals(4, demo.points(CZK, 12_345));
    }

    @Test
    void jpyAndEurDifferWhenTheirRatesDiffer() {
        BaseEarnRule rule = new BaseEarnRule(Map.of("EUR", new EarnRate(1, 100), "JPY", new EarnRate(1, 1)));

        assertEquals(10, rule.points(EUR, 1_000), "1,000 cents = 10 EUR");
        assertEquals(1_000, rule.points(JPY, 1_000), "1,000 yen");
    }

    @Test
    void unacceptedCurrencyReturnsNotAccepted() {
        assertFalse(demo.accepts(SEK));
        assertEquals(BaseEarnRule.NOT_ACCEPTED, demo.points(SEK, 10_000));
    }

    @Test
    void outOfRangeCodesAreNotAcceptedRatherThanThrowing() {
        for (int code : List.of(CurrencyCode.INVALID, CurrencyCode.CARDINALITY, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
            assertFalse(demo.accepts(code), "code " + code);
            assertEquals(BaseEarnRule.NOT_ACCEPTED, demo.points(code, 100));
        }
    }

    @Test
    void zeroTotalEarnsZeroNotNotAccepted() {
        assertTrue(demo.accepts(EUR));
        assertEquals(0, demo.points(EUR, 0));
    }

    @Test
    void maximumTotalAtMaximumRateDoesNotOverflow() {
        BaseEarnRule rule = new BaseEarnRule(Map.of("EUR", new EarnRate(EarnRate.MAX_POINTS, 1)));
        assertEquals(1_000_000_000_000_000_000L, rule.points(EUR, 100_000_000_000_000L));
    }

    @Test
    void ratesAreListedInCodeOrderAndCannotBeChanged() {
        assertEquals(List.of("CZK", "EUR", "JPY", "USD"), List.copyOf(demo.rates().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> demo.rates().put("SEK", new EarnRate(1, 100)));
    }

    @Test
    void codesThatAreNotThreeUpperCaseLettersAreRefused() {
        for (String code : List.of("EURO", "eur", "EU", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BaseEarnRule(Map.of(code, new EarnRate(1, 100))));
            assertTrue(e.getMessage().contains("ISO 4217"), e.getMessage());
        }
    }
}
