package dev.accrue.engine.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * A time zone's UTC offsets as primitive arrays, so local dates and hours on the earn path cost
 * a binary search and no allocation. The transitions are read from the JDK's tz database once,
 * at compile time, from 1900 to 2200; outside that range the nearest known offset holds (no
 * daylight saving after 2200).
 */
public final class ZoneOffsets {
    private static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("2200-01-01T00:00:00Z");

    private final String zoneId;
    /** UTC millis of each transition, ascending. */
    private final long[] transitions;
    /** {@code offsets[i + 1]} is in force from {@code transitions[i]}; {@code offsets[0]} before the first. */
    private final int[] offsetMillis;

    private ZoneOffsets(String zoneId, long[] transitions, int[] offsetMillis) {
        this.zoneId = zoneId;
        this.transitions = transitions;
        this.offsetMillis = offsetMillis;
    }

    /** The offsets of an IANA zone id; throws if the JDK does not know it. */
    public static ZoneOffsets of(String zoneId) {
        ZoneRules rules = ZoneId.of(zoneId).getRules();
        long[] transitions = new long[64];
        int[] offsets = new int[65];
        offsets[0] = rules.getOffset(FIRST).getTotalSeconds() * 1000;
        int count = 0;
        for (ZoneOffsetTransition t = rules.nextTransition(FIRST); t != null && t.getInstant().isBefore(LAST);
             t = rules.nextTransition(t.getInstant())) {
            if (count == transitions.length) {
                transitions = Arrays.copyOf(transitions, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2 + 1);
            }
            transitions[count] = t.getInstant().toEpochMilli();
            offsets[++count] = t.getOffsetAfter().getTotalSeconds() * 1000;
        }
        return new ZoneOffsets(zoneId, Arrays.copyOf(transitions, count), Arrays.copyOf(offsets, count + 1));
    }

    public String zoneId() {
        return zoneId;
    }

    /** The zone's offset from UTC at the instant, in millis. */
    public int offsetMillisAt(long utcMillis) {
        // Events come in time order, mostly within one period between transitions: try the last
        // one first. (A plain int, read and written whole: a stale value is only a missed guess.)
        int period = lastPeriod;
        if ((period == 0 || transitions[period - 1] <= utcMillis)
                && (period == transitions.length || utcMillis < transitions[period])) {
            return offsetMillis[period];
        }
        int i = Arrays.binarySearch(transitions, utcMillis);
        // Found: the transition's own instant already has the new offset.
        period = i >= 0 ? i + 1 : -i - 1;
        lastPeriod = period;
        return offsetMillis[period];
    }

    /** The period (index into offsetMillis) of the last lookup. */
    private int lastPeriod;

    /** Local wall-clock millis (millis since 1970-01-01T00:00 local) of an instant. */
    public long toLocalMillis(long utcMillis) {
        return utcMillis + offsetMillisAt(utcMillis);
    }

    /**
     * The instant of a local wall-clock time, resolved as {@code ZonedDateTime.of} does: in an
     * overlap (clocks going back) the earlier instant; in a gap (clocks going forward) the local
     * time moved later by the length of the gap. Assumes no two transitions within two days,
     * which holds for every zone since 1900 except a handful of historical corner cases.
     */
    public long toUtcMillis(long localMillis) {
        int before = offsetMillisAt(localMillis - CivilCalendar.MILLIS_PER_DAY);
        if (offsetMillisAt(localMillis - before) == before) {
            return localMillis - before;
        }
        int after = offsetMillisAt(localMillis + CivilCalendar.MILLIS_PER_DAY);
        if (offsetMillisAt(localMillis - after) == after) {
            return localMillis - after;
        }
        return localMillis - before;
    }

    /** The local epoch day (days since 1970-01-01 in this zone) of an instant. */
    public long localEpochDay(long utcMillis) {
        return Math.floorDiv(toLocalMillis(utcMillis), CivilCalendar.MILLIS_PER_DAY);
    }

    /** The instant local midnight starts a local epoch day (or the first instant of that day, if midnight is in a gap). */
    public long startOfLocalDay(long epochDay) {
        return toUtcMillis(epochDay * CivilCalendar.MILLIS_PER_DAY);
    }

    /** Transitions between 1900 and 2200 (for tests and diagnostics). */
    public int transitionCount() {
        return transitions.length;
    }
}
