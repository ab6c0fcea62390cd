package dev.accrue.engine.domain;

/**
 * A three-letter ISO 4217 code packed into an int in {@code [0, CARDINALITY)}, so the engine can
 * index tables by currency without strings or maps.
 */
public final class CurrencyCode {
    /** 26 * 26 * 26 possible codes. */
    public static final int CARDINALITY = 26 * 26 * 26;
    /** Returned by {@link #pack} for anything that is not three upper-case letters A-Z. */
    public static final int INVALID = -1;

    private CurrencyCode() {
    }

    public static int pack(CharSequence code) {
        if (code == null || code.length() != 3) {
            return INVALID;
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return INVALID;
            }
            packed = packed * 26 + (c - 'A');
        }
        return packed;
    }

    public static String unpack(int packed) {
        char[] chars = new char[3];
        for (int i = 2; i >= 0; i--) {
            chars[i] = (char) ('A' + packed % 26);
            packed /= 26;
        }
        return new String(chars);
    }
}
