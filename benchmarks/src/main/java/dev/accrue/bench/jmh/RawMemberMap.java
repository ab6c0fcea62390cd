package dev.accrue.bench.jmh;

import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.state.ChronicleSettings;
import dev.accrue.engine.state.LongCell;
import dev.accrue.engine.state.LongCellMarshaller;
import dev.accrue.engine.state.MemberRecordMarshaller;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.ValueLookup;
import dev.accrue.engine.state.WritablePages;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The baseline: a persisted Chronicle Map built like the engine's member store (8-byte key, the
 * member record's layout and marshaller) doing a read-modify-write as Chronicle's API offers it:
 * getUsing, then a query-context replaceValue, two lookups. (The engine's store writes a record of
 * unchanged size back where the read found it; {@code memberStoreRmw} measures that.)
 */
final class RawMemberMap implements MemberStore {
    private final ChronicleMap<LongCell, MemberRecord> map;
    private final long capacity;
    private final LongCell key = new LongCell();
    private final ValueLookup readying = new ValueLookup();

    private RawMemberMap(ChronicleMap<LongCell, MemberRecord> map, long capacity) {
        this.map = map;
        this.capacity = capacity;
    }

    static RawMemberMap create(File file, long entries) {
        try {
            return new RawMemberMap(ChronicleMap.of(LongCell.class, MemberRecord.class)
                    .name("bench-raw-members")
                    .entries(entries)
                    .keyMarshaller(LongCellMarshaller.INSTANCE)
                    .valueMarshaller(MemberRecordMarshaller.INSTANCE)
                    .constantKeySizeBySample(new LongCell())
                    .averageValueSize(MemberRecord.TYPICAL_SIZE)
                    .maxBloatFactor(4)
                    .checksumEntries(ChronicleSettings.CHECKSUM_ENTRIES) // as the engine's map
                    .createPersistedTo(file), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    @Override
    public boolean read(long id, MemberRecord into) {
        return map.getUsing(key.set(id), into) != null;
    }

    /** Replaces (or inserts) the entry whole through the map. */
    @Override
    public void write(long id, MemberRecord record) {
        try (ExternalMapQueryContext<LongCell, MemberRecord, ?> q = map.queryContext(key.set(id))) {
            q.updateLock().lock();
            MapEntry<LongCell, MemberRecord> entry = q.entry();
            if (entry != null) {
                q.replaceValue(entry, q.wrapValueAsData(record));
            } else {
                q.insert(q.absentEntry(), q.wrapValueAsData(record));
            }
        }
    }

    /**
     * Makes the entry's pages writable, as the engine's store does ahead of its business thread
     * ({@code ChronicleMemberStore.prepareWrite}): found under the segment's read lock, each page
     * written an atomic add of nothing (aligned), which changes no byte.
     */
    @Override
    public void prepareWrite(long id) {
        if (readying.find(map, id)) {
            WritablePages.touch(readying.address(), readying.size());
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
