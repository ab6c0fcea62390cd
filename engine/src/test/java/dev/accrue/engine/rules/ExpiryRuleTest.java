package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.ExpiryPolicy;
import dev.accrue.loyalty.v1.ExpiryRounding;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Expiry in the program's zone (Prague): a period after earning, rounded up to a local period end. */
class ExpiryRuleTest {

    private static ExpiryRule rule(int months, int days, ExpiryRounding rounding) {
        return Programs.compile(Programs.minimal().setExpiry(ExpiryPolicy.newBuilder()
                .setAfterMonths(months).setAfterDays(days).setRoundTo(rounding))).expiry();
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void twentyFourMonthsRoundedToTheEndOfQuarterExpireAtLocalMidnightStartingTheNextQuarter() {
        ExpiryRule rule = rule(24, 0, ExpiryRounding.EXPIRY_ROUNDING_END_OF_QUARTER);

        // 10 Feb 2026 + 24 months = 10 Feb 2028, in Q1 2028; Q2 starts 1 April 2028 00:00 CEST.
        assertEquals(at("2028-03-31T22:00:00Z"), rule.expiresAt(at("2026-02-10T12:00:00Z")));
    }

    @Test
    void endOfQuarterRoundingUsesTheLocalDateOfEarning() {
        ExpiryRule rule = rule(24, 0, ExpiryRounding.EXPIRY_ROUNDING_END_OF_QUARTER);

        assertEquals(at("2028-03-31T22:00:00Z"), rule.expiresAt(at("2026-03-31T21:59:59Z")), "23:59:59 on 31 March local: Q1");
        assertEquals(at("2028-06-30T22:00:00Z"), rule.expiresAt(at("2026-03-31T22:00:00Z")), "00:00 on 1 April local: Q2");
        assertEquals(at("2028-12-31T23:00:00Z"), rule.expiresAt(at("2026-11-05T10:00:00Z")), "Q4 ends at CET midnight");
    }

    @Test
    void endOfMonthRoundingExpiresAtTheStartOfTheNextLocalMonth() {
        ExpiryRule rule = rule(1, 0, ExpiryRounding.EXPIRY_ROUNDING_END_OF_MONTH);

        assertEquals(at("2026-02-28T23:00:00Z"), rule.expiresAt(at("2026-01-31T10:00:00Z")), "31 Jan + 1 month = 28 Feb");
    }

    @Test
    void endOfYearRoundingExpiresAtLocalNewYear() {
        ExpiryRule rule = rule(12, 0, ExpiryRounding.EXPIRY_ROUNDING_END_OF_YEAR);

        assertEquals(at("2027-12-31T23:00:00Z"), rule.expiresAt(at("2026-06-15T10:00:00Z")));
    }

    @Test
    void daysRoundedToTheEndOfDayExpireAtTheNextLocalMidnightAcrossADaylightSavingChange() {
        ExpiryRule rule = rule(0, 90, ExpiryRounding.EXPIRY_ROUNDING_END_OF_DAY);

        // 1 Jan 2026 (CET) + 90 days = 1 April 2026 (CEST); it ends at 2 April 00:00 CEST.
        assertEquals(at("2026-04-01T22:00:00Z"), rule.expiresAt(at("2026-01-01T10:00:00Z")));
    }

    @Test
    void withoutRoundingTheLocalTimeOfDayIsKeptAcrossADaylightSavingChange() {
        ExpiryRule rule = rule(0, 90, ExpiryRounding.EXPIRY_ROUNDING_NONE);

        // 11:00 CET on 1 Jan -> 11:00 CEST on 1 April: 89 days and 23 hours of elapsed time.
        assertEquals(at("2026-04-01T09:00:00Z"), rule.expiresAt(at("2026-01-01T10:00:00Z")));
    }

    @Test
    void withoutAPeriodPointsNeverExpire() {
        ExpiryRule rule = Programs.compile(Programs.minimal()).expiry();

        assertFalse(rule.expires());
        assertEquals(ExpiryRule.NEVER, rule.expiresAt(at("2026-01-01T10:00:00Z")));
    }

    @Test
    void theBreakdownCarriesTheExpiryOfThePurchasesPoints() {
        EarnFixture f = new EarnFixture(Programs.minimal().setExpiry(ExpiryPolicy.newBuilder()
                .setAfterMonths(24).setRoundTo(ExpiryRounding.EXPIRY_ROUNDING_END_OF_QUARTER))).line("A", null, 1, 1_000);

        f.at("2026-02-10T12:00:00Z").earn();

        assertEquals(at("2028-03-31T22:00:00Z"), f.out.expiresAtMillis());
    }
}
