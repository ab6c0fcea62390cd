package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** {@link AppliedEventStore} in a persisted Chronicle Map, swept for expiry one segment at a time. */
public final class ChronicleAppliedEventStore implements AppliedEventStore {
    /** Sizing hint: "store-123/till-4/receipt-000123456" and the like. */
    private static final int AVERAGE_EVENT_ID_CHARS = 36;

    private final ChronicleMap<CharSequence, AppliedEvent> map;
    private final long capacity;
    /** Kept here: the map's own longSize() walks every segment. */
    private long size;
    private final AppliedEvent sweepValue = new AppliedEvent();
    private final Consumer<MapEntry<CharSequence, AppliedEvent>> sweeper = this::sweep;
    private long sweepCutoff;

    private ChronicleAppliedEventStore(ChronicleMap<CharSequence, AppliedEvent> map, long capacity) {
        this.map = map;
        this.capacity = capacity;
        this.size = map.longSize();
    }

    public static ChronicleAppliedEventStore open(File file, long capacity) {
        try {
            return new ChronicleAppliedEventStore(ChronicleMap.of(CharSequence.class, AppliedEvent.class)
                    .name("accrue-applied-events")
                    .entries(capacity)
                    .averageKeySize(AVERAGE_EVENT_ID_CHARS)
                    .valueMarshaller(AppliedEventMarshaller.INSTANCE)
                    .constantValueSizeBySample(new AppliedEvent())
                    .createPersistedTo(file), capacity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open applied-event store " + file, e);
        }
    }

    @Override
    public boolean find(CharSequence eventId, AppliedEvent into) {
        return map.getUsing(eventId, into) != null;
    }

    @Override
    public void remember(CharSequence eventId, AppliedEvent event) {
        try (ExternalMapQueryContext<CharSequence, AppliedEvent, ?> q = map.queryContext(eventId)) {
            q.updateLock().lock();
            MapEntry<CharSequence, AppliedEvent> entry = q.entry();
            Data<AppliedEvent> value = q.wrapValueAsData(event);
            if (entry != null) {
                q.replaceValue(entry, value);
            } else {
                q.insert(q.absentEntry(), value);
                size++;
            }
        }
    }

    @Override
    public void forgetSliceBefore(int slice, long cutoffMillis) {
        sweepCutoff = cutoffMillis;
        try (MapSegmentContext<CharSequence, AppliedEvent, ?> segment = map.segmentContext(slice)) {
            segment.forEachSegmentEntry(sweeper);
        }
    }

    private void sweep(MapEntry<CharSequence, AppliedEvent> entry) {
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
}
