package dev.accrue.engine.rules;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PointsTest {

    @Test
    void scaleIsExactAndRoundsDown() {
        assertEquals(5, Points.scale(10, 5_000));
        assertEquals(0, Points.scale(1, 5_000));
        assertEquals(123_456_789_012L, Points.scale(123_456_789_012L, 10_000));
        assertEquals(18_518_518_351L, Points.scale(123_456_789_012L, 1_500), "floor(123456789012 * 0.15)");
    }

    @Test
    void scaleOfTheLargestBaseByTheLargestMultiplierSaturatesInsteadOfOverflowing() {
        assertEquals(Points.MAX_PER_EVENT, Points.scale(Points.MAX_PER_EVENT, 990_000));
        assertEquals(Points.MAX_PER_EVENT, Points.scale(Points.MAX_PER_EVENT / 50, 990_000));
        assertEquals(Points.MAX_PER_EVENT / 100 * 99, Points.scale(Points.MAX_PER_EVENT / 100, 990_000));
    }

    @Test
    void timesSaturates() {
        assertEquals(6, Points.times(2, 3));
        assertEquals(0, Points.times(0, Long.MAX_VALUE));
        assertEquals(Points.MAX_PER_EVENT, Points.times(1_000_000_000_000L, 1_000_000_000L));
    }
}
