package dev.accrue.engine.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsoCurrenciesTest {
    private static int code(String code) {
        return CurrencyCode.pack(code);
    }

    @Test
    void euroHasTwoMinorDigits() {
        assertTrue(IsoCurrencies.isKnown(code("EUR")));
        assertEquals(2, IsoCurrencies.exponent(code("EUR")));
    }

    @Test
    void yenHasNoMinorUnit() {
        assertTrue(IsoCurrencies.isKnown(code("JPY")));
        assertEquals(0, IsoCurrencies.exponent(code("JPY")));
    }

    @Test
    void otherExponentsComeFromIso4217() {
        assertEquals(2, IsoCurrencies.exponent(code("CZK")));
        assertEquals(2, IsoCurrencies.exponent(code("SEK")));
        assertEquals(3, IsoCurrencies.exponent(code("KWD")));
        assertEquals(0, IsoCurrencies.exponent(code("KRW")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXQ", "AAA", "ZZZ", "EUX"})
    void wellFormedCodesThatAreNotIsoCurrenciesAreUnknown(String code) {
        assertFalse(IsoCurrencies.isKnown(code(code)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XAU", "XDR", "XXX"})
    void fundsAndMetalsWithoutAMinorUnitAreUnknown(String code) {
        assertFalse(IsoCurrencies.isKnown(code(code)), code + " is not money a shop takes");
    }

    @Test
    void outOfRangeCodesAreUnknownRatherThanThrowing() {
        assertFalse(IsoCurrencies.isKnown(CurrencyCode.INVALID));
        assertFalse(IsoCurrencies.isKnown(CurrencyCode.CARDINALITY));
        assertFalse(IsoCurrencies.isKnown(Integer.MAX_VALUE));
    }
}
