package dev.accrue.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSecondHoldsExactlyTheRate() {
        RateSchedule schedule = new RateSchedule(5_000, 30_000, 4);
        assertEquals(30_000, schedule.dueBy(5_000 + SECOND - 1));
        assertEquals(30_001, schedule.dueBy(5_000 + SECOND));
    }

    @Test
    void nothingIsDueBeforeTheStartAndTheFirstCallIsDueAtIt() {
        RateSchedule schedule = new RateSchedule(1_000, 7, 3);
        assertEquals(0, schedule.dueBy(999));
        assertEquals(1, schedule.dueBy(1_000));
    }

    @Test
    void callsDueByATimeAreExactlyThoseWhoseDueTimeHasCome() {
        for (long rate : new long[] {1, 3, 7, 999, 12_345, 30_000, 999_999_937, 1_000_000_000}) {
            RateSchedule schedule = new RateSchedule(42, rate, 3);
            for (long k = 0; k < 2_000; k++) {
                long at = schedule.dueAt(k);
                assertEquals(k + 1, schedule.dueBy(at), "rate " + rate + ", call " + k + " due at " + at);
                assertTrue(schedule.dueBy(at - 1) <= k, "rate " + rate + ", call " + k + " not due before " + at);
            }
        }
    }

    @Test
    void connectionsTakeCallsInTurn() {
        RateSchedule schedule = new RateSchedule(0, 1_000, 4);
        for (long calls = 0; calls < 50; calls++) {
            long total = 0;
            for (int c = 0; c < 4; c++) {
                long share = schedule.shareOf(calls, c);
                total += share;
                if (share > 0) {
                    assertEquals(schedule.dueAt((share - 1) * 4 + c), schedule.dueAt(c, share - 1));
                    assertTrue((share - 1) * 4 + c < calls, "the connection's last call is among the first " + calls);
                }
            }
            assertEquals(calls, total);
        }
    }
}
