package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link MemberStore} in a persisted Chronicle Map: an 8-byte key and a value of a fixed header and
 * the member's lots, so its size varies with the lots. Sized for a few lots per member on average;
 * members with many lots take more of the map's chunks.
 */
public final class ChronicleMemberStore implements MemberStore {
    private final ChronicleMap<LongCell, MemberRecord> map;
    private final long capacity;
    private final LongCell key = new LongCell();

    private ChronicleMemberStore(ChronicleMap<LongCell, MemberRecord> map, long capacity) {
        this.map = map;
        this.capacity = capacity;
    }

    /** Opens the store at {@code file}, creating it sized for {@code capacity} members if absent. */
    public static ChronicleMemberStore open(File file, long capacity) {
        try {
            ChronicleMap<LongCell, MemberRecord> map = ChronicleMap.of(LongCell.class, MemberRecord.class)
                    .name("accrue-members")
                    .entries(capacity)
                    .keyMarshaller(LongCellMarshaller.INSTANCE)
                    .valueMarshaller(MemberRecordMarshaller.INSTANCE)
                    .constantKeySizeBySample(new LongCell())
                    .averageValueSize(MemberRecord.TYPICAL_SIZE)
                    .maxBloatFactor(4)
                    .checksumEntries(ChronicleSettings.CHECKSUM_ENTRIES)
                    .createPersistedTo(file);
            return new ChronicleMemberStore(map, capacity);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open member store " + file, e);
        }
    }

    @Override
    public boolean read(long memberId, MemberRecord into) {
        return map.getUsing(key.set(memberId), into) != null;
    }

    @Override
    public void write(long memberId, MemberRecord record) {
        // The query context replaces the entry whole (checksum included) and, unlike put(),
        // does not materialise the previous value: nothing is allocated.
        try (ExternalMapQueryContext<LongCell, MemberRecord, ?> q = map.queryContext(key.set(memberId))) {
            q.updateLock().lock();
            MapEntry<LongCell, MemberRecord> entry = q.entry();
            if (entry != null) {
                q.replaceValue(entry, q.wrapValueAsData(record));
            } else {
                q.insert(q.absentEntry(), q.wrapValueAsData(record));
            }
        }
    }

    @Override
    public long count() {
        return map.longSize();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long offHeapBytes() {
        return map.offHeapMemoryUsed();
    }

    @Override
    public void close() {
        map.close();
    }
}
