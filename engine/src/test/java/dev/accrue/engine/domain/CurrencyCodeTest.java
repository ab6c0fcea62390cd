package dev.accrue.engine.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurrencyCodeTest {
    @Test
    void everyPackedValueUnpacksToACodeThatPacksBackToIt() {
        Set<String> codes = new HashSet<>();
        for (int packed = 0; packed < CurrencyCode.CARDINALITY; packed++) {
            String code = CurrencyCode.unpack(packed);
            assertEquals(packed, CurrencyCode.pack(code), code);
            codes.add(code);
        }
        assertEquals(CurrencyCode.CARDINALITY, codes.size(), "every packed value is a different code");
    }

    @Test
    void packedCodesSpanTheTableFromAaaToZzz() {
        assertEquals(0, CurrencyCode.pack("AAA"));
        assertEquals(CurrencyCode.CARDINALITY - 1, CurrencyCode.pack("ZZZ"));
        assertEquals("EUR", CurrencyCode.unpack(CurrencyCode.pack("EUR")));
        assertEquals("JPY", CurrencyCode.unpack(CurrencyCode.pack("JPY")));
    }

    @Test
    void packAcceptsAnyCharSequence() {
        assertEquals(CurrencyCode.pack("EUR"), CurrencyCode.pack(new StringBuilder("EUR")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"eur", "Eur", "EUr", "EURO", "EU", "E", "E1R", "EU ", " EU", "ÉUR", "@UR", "EU[", "ＥＵＲ"})
    void anythingButThreeUpperCaseAsciiLettersIsInvalid(String code) {
        assertEquals(CurrencyCode.INVALID, CurrencyCode.pack(code));
    }

    @Test
    void invalidIsOutsideThePackedRange() {
        assertTrue(CurrencyCode.INVALID < 0);
    }
}
