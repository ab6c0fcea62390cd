package dev.accrue.engine.domain;

import java.util.Arrays;
import java.util.Currency;

/**
 * The ISO 4217 currencies the JDK knows, with their minor-unit exponents, as a table indexed by
 * {@link CurrencyCode#pack packed code}. Built once; lookups allocate nothing.
 */
public final class IsoCurrencies {
    private static final byte UNKNOWN = -1;
    private static final byte[] EXPONENTS = buildExponents();

    private IsoCurrencies() {
    }

    public static boolean isKnown(int packedCode) {
        return packedCode >= 0 && packedCode < CurrencyCode.CARDINALITY && EXPONENTS[packedCode] != UNKNOWN;
    }

    /** Digits after the decimal point (2 for EUR, 0 for JPY); only for known codes. */
    public static int exponent(int packedCode) {
        return EXPONENTS[packedCode];
    }

    private static byte[] buildExponents() {
        byte[] exponents = new byte[CurrencyCode.CARDINALITY];
        Arrays.fill(exponents, UNKNOWN);
        for (Currency currency : Currency.getAvailableCurrencies()) {
            int packed = CurrencyCode.pack(currency.getCurrencyCode());
            // Funds and metals (XAU, XDR, ...) have no minor unit (-1); they are not money a shop takes.
            if (packed != CurrencyCode.INVALID && currency.getDefaultFractionDigits() >= 0) {
                exponents[packed] = (byte) currency.getDefaultFractionDigits();
            }
        }
        return exponents;
    }
}
