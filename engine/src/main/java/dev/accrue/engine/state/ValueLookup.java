package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Where a member's value lies in a member map's memory, found under its segment's read lock with
 * a key of its own, so from any thread; the place is the value's when found and may be another's
 * (or free) by the time it is used, if the map's writer moves the entry meanwhile.
 */
public final class ValueLookup {
    private final LongCell key = new LongCell();
    private long address;
    private long size;

    /**
     * Finds the member's value; false if the map holds none.
     *
     * @throws UnsupportedOperationException where the map's memory has no address
     */
    public boolean find(ChronicleMap<LongCell, MemberRecord> map, long memberId) {
        try (ExternalMapQueryContext<LongCell, MemberRecord, ?> q = map.queryContext(key.set(memberId))) {
            q.readLock().lock();
            MapEntry<LongCell, MemberRecord> entry = q.entry();
            if (entry == null) {
                return false;
            }
            Data<MemberRecord> value = entry.value();
            address = value.bytes().addressForRead(value.offset());
            size = value.size();
            return true;
        }
    }

    /** The value's address, after a {@link #find} that found it. */
    public long address() {
        return address;
    }

    /** The value's size in bytes, after a {@link #find} that found it. */
    public long size() {
        return size;
    }
}
