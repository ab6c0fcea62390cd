package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.TierQualification;

/**
 * The window tier progress is summed over, in the program's local time. The engine keeps
 * qualifying totals in buckets per local month ({@link #monthIndex}: months since January 1970);
 * a rolling window of n months is the current month's bucket and the n-1 before it, a calendar
 * year the twelve buckets of the year. Allocation-free.
 */
public final class QualifyingPeriod {
    private final ZoneOffsets zone;
    private final boolean rolling;
    private final int rollingMonths;

    QualifyingPeriod(TierQualification q, ZoneOffsets zone) {
        this.zone = zone;
        this.rolling = q.getWindow() == QualificationWindow.QUALIFICATION_WINDOW_ROLLING_MONTHS;
        this.rollingMonths = q.getRollingMonths();
    }

    public boolean rolling() {
        return rolling;
    }

    /** The window's length in months (12 for a calendar year). */
    public int months() {
        return rolling ? rollingMonths : 12;
    }

    /** Local months since January 1970 of an instant (January 1970 = 0). */
    public long monthIndex(long utcMillis) {
        int date = CivilCalendar.packedDate(zone.localEpochDay(utcMillis));
        return (CivilCalendar.year(date) - 1970L) * 12 + CivilCalendar.month(date) - 1;
    }

    /** The local calendar year of an instant. */
    public int calendarYear(long utcMillis) {
        return CivilCalendar.year(CivilCalendar.packedDate(zone.localEpochDay(utcMillis)));
    }

    /** The first month of the window that holds {@code month} (both {@link #monthIndex}es). */
    public long windowStartMonth(long month) {
        return rolling ? month - rollingMonths + 1 : month - Math.floorMod(month, 12L);
    }

    /** The instant a local month (a {@link #monthIndex}) starts: local midnight on its first day. */
    public long monthStartMillis(long monthIndex) {
        long year = 1970 + Math.floorDiv(monthIndex, 12);
        int month = (int) Math.floorMod(monthIndex, 12L) + 1;
        return zone.startOfLocalDay(CivilCalendar.epochDay(year, month, 1));
    }

    /**
     * When the review of a period that started at {@code periodStartMillis} happens: the first
     * instant after the period. Rolling: the start of the month {@code n} months after the start's
     * month (a period starting any day in March with 12 months ends as the next March begins);
     * calendar year: the start of the next local year.
     */
    public long periodEndMillis(long periodStartMillis) {
        long month = monthIndex(periodStartMillis);
        return monthStartMillis(rolling ? month + rollingMonths : month - Math.floorMod(month, 12L) + 12);
    }
}
