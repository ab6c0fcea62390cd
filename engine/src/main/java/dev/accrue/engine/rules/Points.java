package dev.accrue.engine.rules;

/**
 * Saturating point arithmetic for the earn path. Inputs are bounded (amounts at most 1e14, rates
 * at most 10,000 points per minor unit, multipliers at most 100x, up to 256 lines), yet their
 * products can exceed a long; rather than throw on the business-logic thread, every step
 * saturates at {@link #MAX_PER_EVENT}, a ceiling no real purchase comes near.
 */
public final class Points {
    /** The most points one event can earn: 1e18. */
    public static final long MAX_PER_EVENT = 1_000_000_000_000_000_000L;
    /** Basis points of 1x. */
    public static final int ONE_X_BP = 10_000;

    private Points() {
    }

    /** {@code floor(points * basisPoints / 10000)} for points and basis points of zero or more, saturated. */
    public static long scale(long points, long basisPoints) {
        if (points == 0 || basisPoints == 0) {
            return 0;
        }
        // Split so that the product stays in range: points / 10000 * bp exact, remainder term < bp.
        long whole = points / ONE_X_BP;
        if (whole > MAX_PER_EVENT / basisPoints) {
            return MAX_PER_EVENT;
        }
        return Math.min(MAX_PER_EVENT, whole * basisPoints + points % ONE_X_BP * basisPoints / ONE_X_BP);
    }

    /** {@code a * b} for factors of zero or more, saturated. */
    public static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > MAX_PER_EVENT / b ? MAX_PER_EVENT : Math.min(MAX_PER_EVENT, a * b);
    }
}
