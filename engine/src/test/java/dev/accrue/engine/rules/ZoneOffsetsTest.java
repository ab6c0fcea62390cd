package dev.accrue.engine.rules;

import dev.accrue.engine.testing.TestSeeds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ZoneOffsets must agree with java.time everywhere the earn path looks. Randomized: prints its seed. */
class ZoneOffsetsTest {
    private static final List<String> ZONES = List.of("Europe/Prague", "America/New_York", "Australia/Lord_Howe",
            "Asia/Kathmandu", "America/Santiago", "Pacific/Apia", "UTC", "Asia/Tokyo", "America/St_Johns");
    private static final long FROM = Instant.parse("1950-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2150-01-01T00:00:00Z").toEpochMilli();

    private static long seed() {
        return TestSeeds.seed("ZoneOffsetsTest", "accrue.seed");
    }

    @Test
    void offsetsAgreeWithJavaTimeAtRandomInstants() {
        Random random = new Random(seed());
        for (String id : ZONES) {
            ZoneOffsets zone = ZoneOffsets.of(id);
            ZoneId zoneId = ZoneId.of(id);
            for (int i = 0; i < 20_000; i++) {
                long utc = FROM + (long) (random.nextDouble() * (TO - FROM));
                assertEquals(zoneId.getRules().getOffset(Instant.ofEpochMilli(utc)).getTotalSeconds() * 1000L,
                        zone.offsetMillisAt(utc), id + " at " + Instant.ofEpochMilli(utc));
            }
        }
    }

    @Test
    void offsetsAgreeWithJavaTimeAtEveryTransitionAndAMillisecondBefore() {
        for (String id : ZONES) {
            ZoneOffsets zone = ZoneOffsets.of(id);
            var rules = ZoneId.of(id).getRules();
            for (var t = rules.nextTransition(Instant.ofEpochMilli(FROM)); t != null && t.getInstant().toEpochMilli() < TO;
                 t = rules.nextTransition(t.getInstant())) {
                long at = t.getInstant().toEpochMilli();
                assertEquals(t.getOffsetAfter().getTotalSeconds() * 1000L, zone.offsetMillisAt(at), id + " at " + t);
                assertEquals(t.getOffsetBefore().getTotalSeconds() * 1000L, zone.offsetMillisAt(at - 1), id + " before " + t);
            }
        }
    }

    @Test
    void localTimesResolveToTheInstantZonedDateTimeChoosesInGapsAndOverlapsToo() {
        Random random = new Random(seed());
        for (String id : ZONES) {
            ZoneOffsets zone = ZoneOffsets.of(id);
            ZoneId zoneId = ZoneId.of(id);
            for (int i = 0; i < 20_000; i++) {
                // Half the samples near a transition, where gaps and overlaps are.
                long local = FROM + (long) (random.nextDouble() * (TO - FROM));
                if (i % 2 == 0) {
                    var t = zoneId.getRules().nextTransition(Instant.ofEpochMilli(local));
                    if (t != null) {
                        local = t.getDateTimeBefore().toInstant(ZoneOffset.UTC).toEpochMilli() + random.nextInt(7_200_000) - 3_600_000;
                    }
                }
                LocalDateTime dateTime = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000), 0, ZoneOffset.UTC)
                        .withNano((int) Math.floorMod(local, 1000L) * 1_000_000);
                assertEquals(ZonedDateTime.of(dateTime, zoneId).toInstant().toEpochMilli(), zone.toUtcMillis(local),
                        id + " at local " + dateTime);
            }
        }
    }

    @Test
    void theDayApiaSkippedResolvesToTheDayAfter() {
        // Samoa moved across the date line: 30 December 2011 never happened there.
        ZoneOffsets apia = ZoneOffsets.of("Pacific/Apia");
        long noonOn30th = LocalDateTime.parse("2011-12-30T12:00").toInstant(ZoneOffset.UTC).toEpochMilli();

        assertEquals(Instant.parse("2011-12-30T22:00:00Z").toEpochMilli(), apia.toUtcMillis(noonOn30th), "noon on the 31st, +14:00");
    }

    @Test
    void localDayAndStartOfDayFollowTheZone() {
        ZoneOffsets prague = ZoneOffsets.of("Europe/Prague");
        long epochDay = CivilCalendar.epochDay(2026, 3, 29);

        assertEquals(epochDay, prague.localEpochDay(Instant.parse("2026-03-28T23:00:00Z").toEpochMilli()));
        assertEquals(epochDay - 1, prague.localEpochDay(Instant.parse("2026-03-28T22:59:59Z").toEpochMilli()));
        assertEquals(Instant.parse("2026-03-28T23:00:00Z").toEpochMilli(), prague.startOfLocalDay(epochDay));
        assertEquals(Instant.parse("2026-03-29T22:00:00Z").toEpochMilli(), prague.startOfLocalDay(epochDay + 1), "after the change to CEST");
    }

    @Test
    void aZoneWithoutDaylightSavingHasNoTransitionsAfterItsLastChange() {
        assertEquals(0, ZoneOffsets.of("UTC").transitionCount());
        assertEquals(3_600_000 * 9, ZoneOffsets.of("Asia/Tokyo").offsetMillisAt(Instant.parse("2199-07-01T00:00:00Z").toEpochMilli()));
    }
}
