package dev.accrue.engine.rules;

/**
 * A base earn rate in one currency: {@code points} for every {@code perMinorUnits} minor units
 * spent, rounded down ("1/100" in EUR is one point per euro).
 */
public record EarnRate(long points, long perMinorUnits) {
    /** Keeps {@code total * points} far from overflow for any total the API accepts (1e14). */
    public static final long MAX_POINTS = 10_000;

    public EarnRate {
        if (points < 0 || points > MAX_POINTS) {
            throw new IllegalArgumentException("earn rate points must be 0.." + MAX_POINTS + ": " + points);
        }
        if (perMinorUnits <= 0) {
            throw new IllegalArgumentException("earn rate must be per a positive number of minor units: " + perMinorUnits);
        }
    }

    /** Parses "POINTS/MINOR_UNITS", e.g. "1/100". */
    public static EarnRate parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("earn rate must look like POINTS/MINOR_UNITS (e.g. 1/100): " + text);
        }
        try {
            return new EarnRate(Long.parseLong(text.substring(0, slash).trim()),
                    Long.parseLong(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("earn rate must look like POINTS/MINOR_UNITS (e.g. 1/100): " + text, e);
        }
    }

    /** Points for {@code totalMinor} (0 .. 1e14), rounded down; never overflows. */
    public long pointsFor(long totalMinor) {
        return totalMinor / perMinorUnits * points + totalMinor % perMinorUnits * points / perMinorUnits;
    }

    @Override
    public String toString() {
        return points + "/" + perMinorUnits;
    }
}
