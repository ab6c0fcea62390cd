package dev.accrue.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentlyReadiedTest {
    private static final long UNIT = 1L << RecentlyReadied.UNIT_SHIFT;
    private static final long PAGE = 4096;
    private long now = 5 * UNIT;
    private final RecentlyReadied readied = new RecentlyReadied(() -> now);

    @Test
    void aPageIsReadiedOncePerTimeUnit() {
        long address = 1_000 * PAGE + 100;

        assertFalse(readied.readiedLately(address, address + 500), "first time: ready it");
        assertTrue(readied.readiedLately(address, address + 500));
        now += UNIT - 1 - (now % UNIT); // the unit's last nanosecond
        assertTrue(readied.readiedLately(address + 8, address + 16), "anywhere on the page");
        now++;
        assertFalse(readied.readiedLately(address, address + 500), "a new unit: ready it again");
        assertTrue(readied.readiedLately(address, address + 500));
    }

    @Test
    void aRangeIsReadiedLatelyOnlyIfEachOfItsPagesIs() {
        long first = 2_000 * PAGE + 4_000; // the range crosses into the next page
        assertFalse(readied.readiedLately(first, first));
        assertFalse(readied.readiedLately(first, first + 200), "its second page is new");
        assertTrue(readied.readiedLately(first, first + 200));
        assertTrue(readied.readiedLately(2_001 * PAGE, 2_001 * PAGE + 10));
    }

    @Test
    void pagesThatShareASlotDisplaceEachOther() {
        // 2^18 slots: of 300,000 pages, some share slots; each is still readied when it is new.
        for (long page = 0; page < 300_000; page++) {
            assertFalse(readied.readiedLately(page * PAGE, page * PAGE), "page " + page);
        }
        int lately = 0;
        for (long page = 0; page < 300_000; page++) {
            lately += readied.readiedLately(page * PAGE, page * PAGE) ? 1 : 0;
        }
        assertTrue(lately > 100_000 && lately < 300_000, "most kept, those displaced readied again: " + lately);
    }
}
