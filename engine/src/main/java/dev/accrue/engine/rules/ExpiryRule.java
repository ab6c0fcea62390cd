package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;

/**
 * When earned points expire: a number of local months or days after they were earned, then
 * optionally rounded up to the end of that local day, month, quarter or year. An end is the
 * first instant of the next period (local midnight), so "expires at" is exclusive: points are
 * spendable until just before it. Members are told some days before ({@link #noticeMillis()}).
 * Allocation-free.
 */
public final class ExpiryRule {
    /** {@link #expiresAt} when points never expire. */
    public static final long NEVER = Long.MAX_VALUE;
    /** Days of notice before points expire when the program does not say. */
    public static final int DEFAULT_NOTICE_DAYS = 30;

    private final ZoneOffsets zone;
    private final int months;
    private final int days;
    private final ExpiryRounding rounding;
    private final long noticeMillis;

    ExpiryRule(ExpiryPolicy policy, ZoneOffsets zone) {
        this.zone = zone;
        this.months = policy.getAfterMonths();
        this.days = policy.getAfterDays();
        this.rounding = policy.getRoundTo();
        int noticeDays = policy.hasNoticeDays() ? policy.getNoticeDays() : DEFAULT_NOTICE_DAYS;
        this.noticeMillis = expires() ? noticeDays * CivilCalendar.MILLIS_PER_DAY : 0;
    }

    public boolean expires() {
        return months != 0 || days != 0;
    }

    /** How long before points expire the member gets a notice (elapsed time); 0 for none. */
    public long noticeMillis() {
        return noticeMillis;
    }

    /**
     * True if points earned at any time of one local day expire at the same instant: they never
     * expire, or the expiry is rounded to the end of a day or longer.
     */
    public boolean sameForWholeLocalDay() {
        return !expires() || (rounding != ExpiryRounding.EXPIRY_ROUNDING_NONE && rounding != ExpiryRounding.UNRECOGNIZED);
    }

    /** The instant points earned at {@code earnedAtMillis} expire, or {@link #NEVER}. */
    public long expiresAt(long earnedAtMillis) {
        if (!expires()) {
            return NEVER;
        }
        long local = zone.toLocalMillis(earnedAtMillis);
        long day = Math.floorDiv(local, CivilCalendar.MILLIS_PER_DAY);
        long timeOfDay = local - day * CivilCalendar.MILLIS_PER_DAY;
        day = months != 0 ? CivilCalendar.plusMonths(day, months) : day + days;
        return switch (rounding) {
            case EXPIRY_ROUNDING_END_OF_DAY -> zone.startOfLocalDay(day + 1);
            case EXPIRY_ROUNDING_END_OF_MONTH -> zone.startOfLocalDay(CivilCalendar.firstDayOfNextMonth(day));
            case EXPIRY_ROUNDING_END_OF_QUARTER -> zone.startOfLocalDay(CivilCalendar.firstDayOfNextQuarter(day));
            case EXPIRY_ROUNDING_END_OF_YEAR -> zone.startOfLocalDay(CivilCalendar.firstDayOfNextYear(day));
            case EXPIRY_ROUNDING_NONE, UNRECOGNIZED -> zone.toUtcMillis(day * CivilCalendar.MILLIS_PER_DAY + timeOfDay);
        };
    }
}
