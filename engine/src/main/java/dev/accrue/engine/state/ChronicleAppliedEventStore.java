package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import dev.accrue.engine.domain.Hash64;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * {@link AppliedEventStore} in a persisted Chronicle Map of fixed-size entries: the key is a 64-bit
 * hash of the event id, the value carries a second, independent hash that tells ids apart when
 * their keys collide (the next key of a short, deterministic probe sequence is then used). Fixed
 * 8-byte keys spare the map encoding and hashing every id as text on each lookup and insert.
 * Swept for expiry one segment at a time.
 *
 * <p>Known limit: a probe stops at the first empty key, so if two ids collide and the first expires
 * first, the second is no longer found (its retries would apply again) until it expires too. That
 * needs a 64-bit key collision within one retention window: about N²/2^65, 3×10^-6 for 10M ids.
 */
public final class ChronicleAppliedEventStore implements AppliedEventStore {
    /** Keys tried for one id before giving up; a collision of two 64-bit hashes is already rare. */
    private static final int MAX_PROBES = 8;
    private static final long PROBE_STEP = 0x9E3779B97F4A7C15L;

    private final ChronicleMap<LongCell, AppliedEvent> map;
    private final ToLongFunction<CharSequence> primary;
    private final long capacity;
    /** Kept here: the map's own longSize() walks every segment. */
    private long size;
    private final LongCell key = new LongCell();
    private final AppliedEvent probe = new AppliedEvent();
    private final AppliedEvent sweepValue = new AppliedEvent();
    private final Consumer<MapEntry<LongCell, AppliedEvent>> sweeper = this::sweep;
    private long sweepCutoff;

    private ChronicleAppliedEventStore(ChronicleMap<LongCell, AppliedEvent> map, long capacity,
                                       ToLongFunction<CharSequence> primary) {
        this.map = map;
        this.primary = primary;
        this.capacity = capacity;
        this.size = map.longSize();
    }

    public static ChronicleAppliedEventStore open(File file, long capacity) {
        return open(file, capacity, ChronicleAppliedEventStore::primary);
    }

    /** With another key hash: tests make ids collide to exercise the probing. */
    static ChronicleAppliedEventStore open(File file, long capacity, ToLongFunction<CharSequence> primary) {
        try {
            return new ChronicleAppliedEventStore(ChronicleMap.of(LongCell.class, AppliedEvent.class)
                    .name("accrue-applied-events")
                    .entries(capacity)
                    .keyMarshaller(LongCellMarshaller.INSTANCE)
                    .valueMarshaller(AppliedEventMarshaller.INSTANCE)
                    .constantKeySizeBySample(new LongCell())
                    .constantValueSizeBySample(new AppliedEvent())
                    .createPersistedTo(file), capacity, primary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open applied-event store " + file, e);
        }
    }

    @Override
    public boolean find(CharSequence eventId, AppliedEvent into) {
        long check = check(eventId);
        long k = primary.applyAsLong(eventId);
        for (int i = 0; i < MAX_PROBES; i++, k += PROBE_STEP) {
            if (map.getUsing(key.set(k), into) == null) {
                return false;
            }
            if (into.eventIdCheck == check) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void remember(CharSequence eventId, AppliedEvent event) {
        event.eventIdCheck = check(eventId);
        long k = primary.applyAsLong(eventId);
        for (int i = 0; i < MAX_PROBES; i++, k += PROBE_STEP) {
            try (ExternalMapQueryContext<LongCell, AppliedEvent, ?> q = map.queryContext(key.set(k))) {
                q.updateLock().lock();
                MapEntry<LongCell, AppliedEvent> entry = q.entry();
                Data<AppliedEvent> value = q.wrapValueAsData(event);
                if (entry == null) {
                    q.insert(q.absentEntry(), value);
                    size++;
                    return;
                }
                if (entry.value().getUsing(probe).eventIdCheck == event.eventIdCheck) {
                    q.replaceValue(entry, value);
                    return;
                }
            }
        }
        throw new IllegalStateException("no free key for event id " + eventId + " after " + MAX_PROBES + " probes");
    }

    @Override
    public void forgetSliceBefore(int slice, long cutoffMillis) {
        sweepCutoff = cutoffMillis;
        try (MapSegmentContext<LongCell, AppliedEvent, ?> segment = map.segmentContext(slice)) {
            segment.forEachSegmentEntry(sweeper);
        }
    }

    private void sweep(MapEntry<LongCell, AppliedEvent> entry) {
        if (entry.value().getUsing(sweepValue).recordedAtMillis < sweepCutoff) {
            entry.doRemove();
            size--;
        }
    }

    @Override
    public int slices() {
        return map.segments();
    }

    @Override
    public long count() {
        return size;
    }

    @Override
    public boolean full() {
        return size >= capacity;
    }

    @Override
    public void close() {
        map.close();
    }

    private static long primary(CharSequence eventId) {
        return Hash64.finish(Hash64.mix(Hash64.EMPTY, eventId));
    }

    /** Independent of {@link #primary}: a different mixing function, not just another seed. */
    private static long check(CharSequence eventId) {
        long h = 0x27d4eb2f165667c5L ^ eventId.length();
        for (int i = 0; i < eventId.length(); i++) {
            h = Long.rotateLeft(h ^ eventId.charAt(i) * 0xc2b2ae3d27d4eb4fL, 31) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
