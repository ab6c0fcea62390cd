package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.bytes.BytesUtil;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.ToLongFunction;

/**
 * {@link MemberStore} in a persisted Chronicle Map: an 8-byte key and a value of a fixed header and
 * the member's lots, so its size varies with the lots. Sized for a few lots per member on average;
 * members with many lots take more of the map's chunks.
 *
 * <p>A record written back as large as it was read is written in place: the business thread reads
 * a member, changes it and writes it, and most changes keep its size (points added to a lot it
 * holds). The read remembers where the entry's value lies in the mapped file (the marshaller notes
 * the address it read from); the write copies the record there, without a second lookup and lock.
 * Chronicle moves an entry only when its own value is replaced by one of another size (those
 * writes go through the map), and only this thread writes, so the remembered place stays the
 * entry's until then. The map keeps no entry checksums ({@link ChronicleSettings#CHECKSUM_ENTRIES})
 * that such a write would leave stale.
 *
 * <p>For the same reason a member read before is read again straight from its entry: the store
 * keeps where each member's entry lies ({@link EntryAddresses}) and forgets it at every write that
 * goes through the map. A read from there skips Chronicle's lookup (key hash, segment lock, the
 * probe of the segment's hash lookup, a cache miss of its own, and the key compare). The read
 * still checks that the entry holds the member's key and the value's stored size agrees with the
 * record read, and goes through the map when either does not. The map never moves an entry on its
 * own: entries are never removed, and a map does not rehash (it chains tiers instead).
 */
public final class ChronicleMemberStore implements MemberStore {
    private final ChronicleMap<LongCell, MemberRecord> map;
    private final long capacity;
    private final LongCell key = new LongCell();
    /** Until the system or the map shows it cannot ({@link #prepareWrite}). */
    private volatile boolean prepareWrites = true;
    /** The member whose entry the last read found, and where its value lies: see the class comment. */
    private long placedId = NOT_PLACED;
    private long placedAddress;
    private long placedSize;
    private long writesInPlace;
    private final EntryAddresses addresses;
    private final QuietTimes quiet;
    private ToLongFunction<MemberRecord> quietRule = record -> Long.MIN_VALUE;
    private long readsInPlace;
    private static final long NOT_PLACED = Long.MIN_VALUE;
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    private static final int CACHE_LINE = 64;
    /** The last byte of an entry's header, from its key (a one-byte size: any record this store writes). */
    private static final long ENTRY_HEADER_END = Long.BYTES + 1 + MemberRecord.HEADER_SIZE - 1;
    private static final boolean IN_PLACE = !ChronicleSettings.CHECKSUM_ENTRIES;
    /**
     * Where {@link #warmEntry} loads in an entry, from its key: a long in each cache line that the
     * key, the value's size (a byte for any record this store writes) and the header may span.
     */
    private static final long[] ENTRY_LINE_OFFSETS = entryLineOffsets();
    /** The pages {@link #prepareWrite} made writable lately: not again so soon. */
    private final RecentlyReadied recentlyReadied = new RecentlyReadied(System::nanoTime);
    /** {@link #prepareWrite}'s lookups, one per thread that readies (the journal's, a replay's reader): none allocated per call. */
    private final ThreadLocal<ValueLookup> lookups = ThreadLocal.withInitial(ValueLookup::new);
    /** {@link #warmEntries}' addresses of a window's entries. */
    private long[] windowAddresses = new long[0];

    private ChronicleMemberStore(ChronicleMap<LongCell, MemberRecord> map, long capacity, QuietTimes quiet) {
        this.map = map;
        this.capacity = capacity;
        this.addresses = EntryAddresses.forIds(capacity + 1); // ids count from 1
        this.quiet = quiet;
    }

    /** The file beside the member map {@code memberMap} that keeps the members' quiet times ({@link QuietTimes}). */
    public static File quietTimesFile(File memberMap) {
        return QuietTimes.fileBeside(memberMap);
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
            try {
                return new ChronicleMemberStore(map, capacity, QuietTimes.open(QuietTimes.fileBeside(file), capacity + 1));
            } catch (RuntimeException e) {
                map.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open member store " + file, e);
        }
    }

    @Override
    public boolean read(long memberId, MemberRecord into) {
        placedId = NOT_PLACED;
        if (IN_PLACE && readPlaced(memberId, into)) {
            return true;
        }
        into.readFromAddress = 0;
        if (map.getUsing(key.set(memberId), into) == null) {
            return false;
        }
        if (IN_PLACE && into.readFromAddress != 0) {
            place(memberId, into.readFromAddress, into.storedSize());
        }
        return true;
    }

    /** Reads the member from where its entry was found before, if that is known and still its entry. */
    private boolean readPlaced(long memberId, MemberRecord into) {
        long keyAddress = addresses.get(memberId);
        if (keyAddress == EntryAddresses.UNKNOWN || MEMORY.readLong(keyAddress) != memberId) {
            return false;
        }
        long sizeAddress = keyAddress + Long.BYTES;
        long size = StopBit.read(sizeAddress);
        if (size < MemberRecord.HEADER_SIZE || size > MemberRecordMarshaller.MAX_SIZE) {
            addresses.forget(memberId); // not the layout this store wrote: the map knows better
            return false;
        }
        long valueAddress = sizeAddress + BytesUtil.stopBitLength(size);
        MemberRecordMarshaller.read(valueAddress, into);
        if (into.storedSize() != size) {
            addresses.forget(memberId);
            return false;
        }
        into.readFromAddress = valueAddress;
        placedId = memberId;
        placedAddress = valueAddress;
        placedSize = size;
        readsInPlace++;
        return true;
    }

    /**
     * Notes where a read through the map found the member's value, and where its key lies: just
     * before the value's size, which lies just before the value (the map's entry layout for a
     * constant-size key). Kept only if the key is there and the size reads back.
     */
    private void place(long memberId, long valueAddress, long size) {
        placedId = memberId;
        placedAddress = valueAddress;
        placedSize = size;
        long keyAddress = valueAddress - BytesUtil.stopBitLength(size) - Long.BYTES;
        if (MEMORY.readLong(keyAddress) == memberId && StopBit.read(keyAddress + Long.BYTES) == size) {
            addresses.put(memberId, keyAddress);
        }
    }

    @Override
    public void write(long memberId, MemberRecord record) {
        quiet.quietUntil(memberId, quietRule.applyAsLong(record));
        if (memberId == placedId && record.storedSize() == placedSize) {
            MemberRecordMarshaller.write(placedAddress, record);
            writesInPlace++;
            return;
        }
        placedId = NOT_PLACED; // the entry may move
        addresses.forget(memberId);
        // The query context replaces the entry whole and, unlike put(), does not materialise the
        // previous value: nothing is allocated.
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

    /**
     * Makes the pages of the member's entry writable in the mapping, so that the business thread's
     * next write to it does not fault: the first write to a page the system has cleaned (written
     * back) faults to mark it dirty, 3-12 µs here, and at 10M members most writes find their page
     * cleaned since the member's last one.
     *
     * <p>Where the store knows the entry's place ({@link EntryAddresses}, written by the business
     * thread and read here unsynchronised), it writes to each page of the entry an atomic
     * add of nothing: a write that needs the page writable and changes no byte, whatever the
     * business thread writes there at the same time (the processor makes the add one indivisible
     * read and write of the word). A place since forgotten or taken by another entry readies a page
     * for nothing; every place ever known lies in the map's memory, which stays mapped while the
     * store is open. Otherwise it finds the entry under the segment's read lock, with a key of its
     * own (any thread), and faults the pages in after releasing it ({@link WritablePages}): the
     * fault may wait for the disk, and the business thread must not wait for the lock meanwhile.
     */
    @Override
    public void prepareWrite(long memberId) {
        if (IN_PLACE && prepareKnownEntry(memberId)) {
            return;
        }
        if (!prepareWrites) {
            return;
        }
        ValueLookup value = lookups.get();
        try {
            if (!value.find(map, memberId)) {
                return;
            }
        } catch (UnsupportedOperationException e) { // the map's memory has no address: nothing to do
            prepareWrites = false;
            return;
        }
        // The map stays mapped while open; should the entry have moved meanwhile, a page was readied for nothing.
        prepareWrites = WritablePages.populate(value.address(), value.size());
    }

    /** {@link #prepareWrite} where the member's entry was placed by a read; false if it was not. */
    private boolean prepareKnownEntry(long memberId) {
        long keyAddress = addresses.get(memberId);
        if (keyAddress == EntryAddresses.UNKNOWN) {
            return false;
        }
        // Asked before the entry is read: reading it would pull its line away from the business thread.
        if (recentlyReadied.readiedLately(keyAddress, keyAddress + ENTRY_HEADER_END)) {
            return true;
        }
        if (MEMORY.readLong(keyAddress) != memberId) {
            return false;
        }
        long size = StopBit.read(keyAddress + Long.BYTES);
        if (size < MemberRecord.HEADER_SIZE || size > MemberRecordMarshaller.MAX_SIZE) {
            return false;
        }
        WritablePages.touch(keyAddress, Long.BYTES + BytesUtil.stopBitLength(size) + size);
        return true;
    }

    /** Every 64 bytes from the key, and the header's last long, wherever the entry's first line starts. */
    private static long[] entryLineOffsets() {
        long last = Long.BYTES + 1 + MemberRecord.HEADER_SIZE - Long.BYTES;
        int lines = (int) ((last + CACHE_LINE - 1) / CACHE_LINE);
        long[] offsets = new long[lines + 1];
        for (int line = 0; line < lines; line++) {
            offsets[line] = (long) line * CACHE_LINE;
        }
        offsets[lines] = last;
        return offsets;
    }

    @Override
    public long readyLookups() {
        return TierLookups.ready(map);
    }

    @Override
    public long warmIndex(long memberId) {
        return addresses.get(memberId);
    }

    /**
     * Loads the member's quiet time (its write compares with it) and each cache line of the entry's
     * key, size and header, if a read placed the entry ({@link EntryAddresses}: forgotten at every
     * write that may move it). The entry holds at least a header (see {@link #readPlaced}), so every
     * line loaded lies in the entry, in the map's mapping.
     */
    @Override
    public long warmEntry(long memberId) {
        long loaded = quiet.warm(memberId);
        long keyAddress = addresses.get(memberId);
        if (!IN_PLACE || keyAddress == EntryAddresses.UNKNOWN) {
            return loaded;
        }
        for (long offset : ENTRY_LINE_OFFSETS) {
            loaded += MEMORY.readLong(keyAddress + offset);
        }
        return loaded;
    }

    /**
     * As {@link #warmEntry} for each member, by rounds across the window: each entry's first line
     * (the one whose page the processor must find, a walk of its page tables), then the quiet
     * times, then each entry's next line, and so on. Loaded member by member, one entry's lines
     * fill the processor's window of instructions in flight and the next entry's misses wait
     * behind them; by rounds, every entry's miss is in flight at once.
     */
    @Override
    public long warmEntries(long[] memberIds, int count) {
        long[] at = entryAddresses(count);
        long loaded = 0;
        for (int i = 0; i < count; i++) {
            long keyAddress = IN_PLACE && memberIds[i] > 0 ? addresses.get(memberIds[i]) : EntryAddresses.UNKNOWN;
            at[i] = keyAddress;
            if (keyAddress != EntryAddresses.UNKNOWN) {
                loaded += MEMORY.readLong(keyAddress);
            }
        }
        for (int i = 0; i < count; i++) {
            if (memberIds[i] > 0) {
                loaded += quiet.warm(memberIds[i]);
            }
        }
        for (int line = 1; line < ENTRY_LINE_OFFSETS.length; line++) {
            long offset = ENTRY_LINE_OFFSETS[line];
            for (int i = 0; i < count; i++) {
                if (at[i] != EntryAddresses.UNKNOWN) {
                    loaded += MEMORY.readLong(at[i] + offset);
                }
            }
        }
        return loaded;
    }

    private long[] entryAddresses(int count) {
        if (windowAddresses.length < count) {
            windowAddresses = new long[count];
        }
        return windowAddresses;
    }

    @Override
    public long quietUntil(long memberId) {
        return quiet.quietUntil(memberId);
    }

    @Override
    public void quietUntil(long memberId, long millis) {
        quiet.quietUntil(memberId, millis);
    }

    @Override
    public void quietTimes(ToLongFunction<MemberRecord> rule) {
        quietRule = rule;
    }

    @Override
    public void quietTerms(long first, long second) {
        quiet.terms(first, second);
    }

    /** Reads that found the member's entry where an earlier read left it, without a lookup in the map. */
    public long readsInPlace() {
        return readsInPlace;
    }

    /** Writes that found their entry where the member's read left it and were copied there. */
    public long writesInPlace() {
        return writesInPlace;
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
        addresses.release();
        quiet.close();
    }
}
