package dev.accrue.engine.rules;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days (days since 1970-01-01), without
 * {@code java.time} objects, so the earn path can ask for a date, weekday or month end without
 * allocating. The conversions are Howard Hinnant's {@code days_from_civil} and
 * {@code civil_from_days} (http://howardhinnant.github.io/date_algorithms.html).
 *
 * <p>A date is packed into one int as {@code yyyymmdd} (2025-03-15 is {@code 20250315}); years 0 ..
 * 214747, far beyond any timestamp the API accepts.
 */
public final class CivilCalendar {
    public static final long MILLIS_PER_DAY = 86_400_000L;
    public static final long MILLIS_PER_HOUR = 3_600_000L;

    private CivilCalendar() {
    }

    /** The epoch day of a date; month 1 .. 12, day 1 .. 31. */
    public static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The date of an epoch day, packed as {@code yyyymmdd}. */
    public static int packedDate(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (int) year * 10_000 + month * 100 + day;
    }

    public static int year(int packedDate) {
        return packedDate / 10_000;
    }

    public static int month(int packedDate) {
        return packedDate / 100 % 100;
    }

    public static int dayOfMonth(int packedDate) {
        return packedDate % 100;
    }

    /** ISO day of week, 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday). */
    public static int dayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L) + 1;
    }

    public static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    public static int lengthOfMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The same day of month {@code months} later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb). */
    public static long plusMonths(long epochDay, long months) {
        int date = packedDate(epochDay);
        long monthIndex = year(date) * 12L + month(date) - 1 + months;
        long year = Math.floorDiv(monthIndex, 12);
        int month = (int) Math.floorMod(monthIndex, 12L) + 1;
        return epochDay(year, month, Math.min(dayOfMonth(date), lengthOfMonth(year, month)));
    }

    /** The first day of the month after the one holding {@code epochDay}. */
    public static long firstDayOfNextMonth(long epochDay) {
        int date = packedDate(epochDay);
        return month(date) == 12 ? epochDay(year(date) + 1L, 1, 1) : epochDay(year(date), month(date) + 1, 1);
    }

    /** The first day of the calendar quarter after the one holding {@code epochDay}. */
    public static long firstDayOfNextQuarter(long epochDay) {
        int date = packedDate(epochDay);
        int nextQuarterMonth = (month(date) - 1) / 3 * 3 + 4;
        return nextQuarterMonth == 13 ? epochDay(year(date) + 1L, 1, 1) : epochDay(year(date), nextQuarterMonth, 1);
    }

    /** 1 January of the year after the one holding {@code epochDay}. */
    public static long firstDayOfNextYear(long epochDay) {
        return epochDay(year(packedDate(epochDay)) + 1L, 1, 1);
    }
}
