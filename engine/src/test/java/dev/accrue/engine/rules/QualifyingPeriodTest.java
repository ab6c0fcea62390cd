package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.QualificationWindow;
import dev.accrue.loyalty.v1.TierQualification;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QualifyingPeriodTest {

    private static QualifyingPeriod rolling(int months) {
        return Programs.compile(Programs.minimal().setTierQualification(TierQualification.newBuilder(
                Programs.minimal().getTierQualification()).setRollingMonths(months))).qualifyingPeriod();
    }

    private static QualifyingPeriod calendarYear() {
        return Programs.compile(Programs.minimal().setTierQualification(TierQualification.newBuilder(
                Programs.minimal().getTierQualification()).setWindow(QualificationWindow.QUALIFICATION_WINDOW_CALENDAR_YEAR)
                .setRollingMonths(0))).qualifyingPeriod();
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void monthIndexIsTheLocalMonthSinceJanuary1970() {
        QualifyingPeriod period = rolling(12);

        assertEquals(0, period.monthIndex(at("1970-01-15T00:00:00Z")));
        assertEquals((2026 - 1970) * 12 + 1, period.monthIndex(at("2026-01-31T23:30:00Z")), "already February in Prague");
        assertEquals((2026 - 1970) * 12, period.monthIndex(at("2026-01-31T22:59:59Z")));
        assertEquals(2027, period.calendarYear(at("2026-12-31T23:00:00Z")));
    }

    @Test
    void aRollingWindowHoldsTheCurrentMonthAndTheOnesBefore() {
        QualifyingPeriod period = rolling(12);
        long march2026 = (2026 - 1970) * 12 + 2;

        assertEquals(march2026 - 11, period.windowStartMonth(period.monthIndex(at("2026-03-15T10:00:00Z"))), "April 2025");
        assertEquals(12, period.months());
    }

    @Test
    void aCalendarYearWindowStartsInJanuary() {
        QualifyingPeriod period = calendarYear();

        assertEquals((2026 - 1970) * 12, period.windowStartMonth(period.monthIndex(at("2026-03-15T10:00:00Z"))));
        assertEquals(12, period.months());
    }

    @Test
    void aRollingPeriodEndsAsTheMonthNMonthsAfterItsStartBegins() {
        assertEquals(at("2027-02-28T23:00:00Z"), rolling(12).periodEndMillis(at("2026-03-15T10:00:00Z")),
                "1 March 2027 00:00 CET");
        assertEquals(at("2026-05-31T22:00:00Z"), rolling(3).periodEndMillis(at("2026-03-01T10:00:00Z")),
                "1 June 2026 00:00 CEST");
    }

    @Test
    void aCalendarYearPeriodEndsAtLocalNewYear() {
        assertEquals(at("2026-12-31T23:00:00Z"), calendarYear().periodEndMillis(at("2026-03-15T10:00:00Z")));
    }

    @Test
    void monthStartIsLocalMidnightOfTheFirstDay() {
        QualifyingPeriod period = rolling(12);

        assertEquals(at("2026-06-30T22:00:00Z"), period.monthStartMillis((2026 - 1970) * 12 + 6));
    }
}
