package dev.accrue.engine.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The calendar arithmetic must agree with java.time on every day from 1900 to 2400. */
class CivilCalendarTest {
    private static final long FIRST = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long LAST = LocalDate.of(2400, 12, 31).toEpochDay();

    private static int packed(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    @Test
    void datesAndWeekdaysAgreeWithJavaTimeOnEveryDay() {
        for (long day = FIRST; day <= LAST; day++) {
            LocalDate date = LocalDate.ofEpochDay(day);
            assertEquals(packed(date), CivilCalendar.packedDate(day), date::toString);
            assertEquals(day, CivilCalendar.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), date::toString);
            assertEquals(date.getDayOfWeek().getValue(), CivilCalendar.dayOfWeek(day), date::toString);
        }
    }

    @Test
    void monthQuarterAndYearEndsAgreeWithJavaTimeOnEveryDay() {
        for (long day = FIRST; day <= LAST; day++) {
            LocalDate date = LocalDate.ofEpochDay(day);
            assertEquals(date.with(TemporalAdjusters.firstDayOfNextMonth()).toEpochDay(), CivilCalendar.firstDayOfNextMonth(day));
            LocalDate quarterStart = date.with(IsoFields.DAY_OF_QUARTER, 1);
            assertEquals(quarterStart.plusMonths(3).toEpochDay(), CivilCalendar.firstDayOfNextQuarter(day), date::toString);
            assertEquals(date.with(TemporalAdjusters.firstDayOfNextYear()).toEpochDay(), CivilCalendar.firstDayOfNextYear(day));
        }
    }

    @Test
    void addingMonthsClampsToTheMonthsLastDayAsJavaTimeDoes() {
        for (long day = FIRST; day <= LAST; day += 7) {
            LocalDate date = LocalDate.ofEpochDay(day);
            for (int months : new int[] {1, 11, 24, 25, 1200}) {
                assertEquals(date.plusMonths(months).toEpochDay(), CivilCalendar.plusMonths(day, months), date + " + " + months);
            }
        }
        assertEquals(LocalDate.of(2026, 2, 28).toEpochDay(), CivilCalendar.plusMonths(LocalDate.of(2026, 1, 31).toEpochDay(), 1));
    }

    @Test
    void leapYearsFollowTheGregorianRules() {
        assertEquals(29, CivilCalendar.lengthOfMonth(2000, 2));
        assertEquals(28, CivilCalendar.lengthOfMonth(2100, 2));
        assertEquals(29, CivilCalendar.lengthOfMonth(2028, 2));
        assertEquals(28, CivilCalendar.lengthOfMonth(2026, 2));
    }
}
