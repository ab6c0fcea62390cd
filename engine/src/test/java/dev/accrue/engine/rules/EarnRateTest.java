package dev.accrue.engine.rules;

import dev.accrue.engine.command.PurchaseCommand;
import dev.accrue.engine.testing.TestSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarnRateTest {
    private static final long MAX_TOTAL = PurchaseCommand.MAX_AMOUNT_MINOR;

    @Test
    void pointsAreRoundedDown() {
        EarnRate onePerEuro = new EarnRate(1, 100);

        assertEquals(0, onePerEuro.pointsFor(99));
        assertEquals(1, onePerEuro.pointsFor(100));
        assertEquals(1, onePerEuro.pointsFor(199));
        assertEquals(123, onePerEuro.pointsFor(12_399));
    }

    @Test
    void fractionalRatesAreRoundedDownOverTheWholeTotal() {
        EarnRate threePerSeven = new EarnRate(3, 7);

        // floor(10 * 3 / 7) = floor(4.28...) = 4
        assertEquals(4, threePerSeven.pointsFor(10));
        assertEquals(2, threePerSeven.pointsFor(6));
        assertEquals(3, threePerSeven.pointsFor(7));
    }

    @Test
    void zeroTotalEarnsNothing() {
        assertEquals(0, new EarnRate(1, 100).pointsFor(0));
        assertEquals(0, new EarnRate(EarnRate.MAX_POINTS, 1).pointsFor(0));
    }

    @Test
    void zeroPointsRateEarnsNothing() {
        assertEquals(0, new EarnRate(0, 1).pointsFor(MAX_TOTAL));
    }

    @Test
    void maximumTotalAtMaximumRateDoesNotOverflow() {
        assertEquals(1_000_000_000_000_000_000L, new EarnRate(EarnRate.MAX_POINTS, 1).pointsFor(MAX_TOTAL));
        assertEquals(333_333_333_333_333_333L, new EarnRate(EarnRate.MAX_POINTS, 3).pointsFor(MAX_TOTAL));
        assertEquals(0, new EarnRate(EarnRate.MAX_POINTS, Long.MAX_VALUE).pointsFor(MAX_TOTAL));
        assertEquals(1_000_000_000_000_000L, new EarnRate(EarnRate.MAX_POINTS, 1_000).pointsFor(MAX_TOTAL));
    }

    @Test
    void pointsEqualTheExactFloorForRandomRatesAndTotals() {
        long seed = TestSeeds.seed("EarnRateTest.pointsEqualTheExactFloorForRandomRatesAndTotals", "accrue.test.seed");
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            long points = random.nextLong(EarnRate.MAX_POINTS + 1);
            long per = random.nextBoolean() ? random.nextLong(1, 100_000) : random.nextLong(1, Long.MAX_VALUE);
            long total = random.nextBoolean() ? random.nextLong(100_000) : random.nextLong(MAX_TOTAL + 1);
            long expected = BigInteger.valueOf(total).multiply(BigInteger.valueOf(points))
                    .divide(BigInteger.valueOf(per)).longValueExact();
            long actual = new EarnRate(points, per).pointsFor(total);
            if (expected != actual) {
                throw new AssertionError("seed " + seed + ": " + points + "/" + per + " of " + total
                        + " gave " + actual + ", expected " + expected);
            }
        }
    }

    @Test
    void parseReadsPointsPerMinorUnits() {
        assertEquals(new EarnRate(1, 100), EarnRate.parse("1/100"));
        assertEquals(new EarnRate(2, 2_500), EarnRate.parse(" 2 / 2500 "));
    }

    @Test
    void toStringParsesBackToTheSameRate() {
        EarnRate rate = new EarnRate(7, 250);
        assertEquals("7/250", rate.toString());
        assertEquals(rate, EarnRate.parse(rate.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1:100", "1-100", "a/100", "1/b", "/100", "1/", "1.5/100", "1/100/2"})
    void malformedRatesAreRefusedWithTheExpectedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EarnRate.parse(text));
        assertTrue(e.getMessage().contains("POINTS/MINOR_UNITS"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1/100", "10001/1", "1/0", "1/-100"})
    void outOfRangeRatesAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EarnRate.parse(text));
        assertTrue(e.getMessage().contains("earn rate"), e.getMessage());
    }

    @Test
    void constructorRefusesNegativePointsAndNonPositiveUnits() {
        assertThrows(IllegalArgumentException.class, () -> new EarnRate(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> new EarnRate(EarnRate.MAX_POINTS + 1, 100));
        assertThrows(IllegalArgumentException.class, () -> new EarnRate(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarnRate(1, -1));
    }
}
