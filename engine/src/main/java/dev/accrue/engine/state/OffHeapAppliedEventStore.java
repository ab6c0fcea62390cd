package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import dev.accrue.engine.domain.EventIdHashes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.ToLongFunction;

/**
 * {@link AppliedEventStore} as an open-addressing hash table with linear probing in off-heap
 * memory. Each lookup is one probe into a flat array, usually one cache line: the idempotency check
 * costs a fraction of a member read-modify-write instead of a second one.
 *
 * <p>An id is known by two independent 64-bit hashes: the key, which places it in the table, and
 * a check; both must match. Deletion shifts the rest of the probe run back (no tombstones), so the
 * table never degrades and a lookup stops at the first empty slot. The table has at least twice as
 * many slots as ids it may hold, so runs stay short. Swept for expiry one slice of slots at a time.
 *
 * <p>Two tables can share one allocation, slot by slot ({@link #openPair}): slot {@code i} of
 * the first and slot {@code i} of the second are the two halves of one 128-byte block. The
 * idempotency table and the purchase index are opened so: a purchase looks its id up in the
 * first and indexes it in the second at the same home slot, one memory page and one pair of
 * adjacent cache lines, not two random places in two tables of gigabytes.
 *
 * <p>The table lives in anonymous memory ({@link TableMemory}: huge pages where the system has them) and is written to its file whole, sequentially, by
 * {@link #persist()} (at shutdown), as a new file renamed over the old one: a file once written
 * never changes, so a checkpoint restored may share it by hard link instead of copying it. A
 * checkpoint copies the table in memory ({@link #snapshot}) and writes the copy on another thread
 * ({@link #writeSnapshot}). A file mapping would make every insert dirty a random page of the file, and with
 * millions of ids the kernel's writeback of those pages throttled inserts to a tenth of their
 * speed; a private (copy-on-write) mapping, which would spare a start the load, makes each first
 * write to a page a fault that costs tens of microseconds in a process of many threads. Nothing
 * is lost: the journal replays what came after the last save.
 *
 * <pre>
 * file header (64 bytes)                    slot (64 bytes, little-endian; in the file only the occupied ones,
 *                                           in runs of consecutive slots, see {@link TableSlots#save})
 *  0 magic  8 version  16 slots              0 key (0 = empty)   8 check      16 fingerprint
 * 24 capacity  32 size                      24 memberId  32 pointsEarned      40 balance
 *                                           48 sequence  56 recordedAtMillis
 * </pre>
 */
public final class OffHeapAppliedEventStore implements AppliedEventStore {
    private static final long MAGIC = 0x5441455552434341L; // "ACCRUEAT"
    /** 3: occupied slots only, in runs. 2 (every slot; the check hash reads four characters a word) still loads. */
    private static final long VERSION = 3;
    private static final long EVERY_SLOT_VERSION = 2;
    private static final int SLOT = TableSlots.SLOT;
    private static final int HEADER = 64;
    private static final long EMPTY = 0;
    /** Slots swept per clock tick: 256 KiB. */
    static final int SLICE_SLOTS = 4096;

    private static final int MAGIC_AT = 0;
    private static final int VERSION_AT = 8;
    private static final int SLOTS_AT = 16;
    private static final int CAPACITY_AT = 24;
    private static final int SIZE_AT = 32;

    private static final int KEY = 0;
    private static final int CHECK = 8;
    private static final int FINGERPRINT = 16;
    private static final int MEMBER_ID = 24;
    private static final int POINTS_EARNED = 32;
    private static final int BALANCE = 40;
    private static final int SEQUENCE = 48;
    private static final int RECORDED_AT = 56;

    /** Two tables sharing one allocation, slot by slot. */
    public record Pair(OffHeapAppliedEventStore first, OffHeapAppliedEventStore second) {
    }

    private final File file;
    private final TableSlots slots;
    private final ToLongFunction<CharSequence> keyHash;
    private final long mask;
    private final long capacity;
    private long size;
    /** The size when the last {@link #snapshot} was taken; read by the thread that writes it. */
    private long sizeAtSnapshot;

    private OffHeapAppliedEventStore(File file, TableSlots slots, long capacity, ToLongFunction<CharSequence> keyHash) {
        this.file = file;
        this.slots = slots;
        this.keyHash = keyHash;
        this.mask = slots.count() - 1;
        this.capacity = capacity;
    }

    /** Loads the table saved at {@code file}, or creates an empty one for {@code capacity} ids. */
    public static OffHeapAppliedEventStore open(File file, long capacity) {
        return open(file, capacity, EventIdHashes::key);
    }

    /** With another key hash: tests make keys collide to exercise probing and deletion. */
    static OffHeapAppliedEventStore open(File file, long capacity, ToLongFunction<CharSequence> keyHash) {
        checkCapacity(capacity);
        OffHeapAppliedEventStore table = new OffHeapAppliedEventStore(file,
                TableSlots.alone(slotsFor(capacity), tableFor(capacity)), capacity, keyHash);
        table.loadIfSaved();
        return table;
    }

    /**
     * Opens two tables, each with its own file and capacity, in one allocation: both have the
     * slots the larger capacity needs, and slot {@code i} of each lies in the same 128-byte block.
     */
    public static Pair openPair(File first, long firstCapacity, File second, long secondCapacity) {
        return openPair(first, firstCapacity, second, secondCapacity, EventIdHashes::key);
    }

    static Pair openPair(File first, long firstCapacity, File second, long secondCapacity,
                         ToLongFunction<CharSequence> keyHash) {
        checkCapacity(firstCapacity);
        checkCapacity(secondCapacity);
        TableSlots[] halves = TableSlots.interleaved(slotsFor(Math.max(firstCapacity, secondCapacity)),
                tableFor(firstCapacity + secondCapacity));
        Pair pair = new Pair(new OffHeapAppliedEventStore(first, halves[0], firstCapacity, keyHash),
                new OffHeapAppliedEventStore(second, halves[1], secondCapacity, keyHash));
        pair.first().loadIfSaved();
        pair.second().loadIfSaved();
        return pair;
    }

    private static void checkCapacity(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
    }

    private static String tableFor(long capacity) {
        return "the idempotency table for " + capacity + " event ids";
    }

    private void loadIfSaved() {
        if (!file.exists()) {
            return;
        }
        long slotCount = mask + 1;
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            TableSlots.readFully(channel, header, file);
            long version = header.getLong(VERSION_AT);
            boolean everySlot = version == EVERY_SLOT_VERSION;
            if (header.getLong(MAGIC_AT) != MAGIC || (version != VERSION && !everySlot)
                    || header.getLong(SLOTS_AT) != slotCount
                    || (everySlot && channel.size() != HEADER + slotCount * SLOT)) {
                throw new IllegalStateException(file + " is not an applied-event table of format " + VERSION
                        + " with " + slotCount + " slots, as expected for " + capacity + " event ids");
            }
            if (everySlot) {
                slots.loadEverySlot(channel, file);
            } else {
                slots.load(channel, file);
            }
            size = header.getLong(SIZE_AT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load applied-event table " + file, e);
        }
    }

    /** Writes the whole table, sequentially, to a new file renamed over its file. */
    @Override
    public void persist() {
        Path partial = file.toPath().resolveSibling(file.getName() + ".partial");
        try {
            write(partial, size, slots::save);
            Files.move(partial, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save applied-event table " + file, e);
        }
    }

    @Override
    public void prepareSnapshot() {
        slots.prepareSnapshot();
    }

    @Override
    public void snapshot(long at) {
        slots.snapshot(at);
        sizeAtSnapshot = size;
    }

    @Override
    public void writeTo(Path to) throws IOException {
        write(to, size, slots::save);
    }

    @Override
    public void writeSnapshot(Path to) throws IOException {
        write(to, sizeAtSnapshot, slots::saveSnapshot);
    }

    private interface SlotWriter {
        void writeSlots(FileChannel channel) throws IOException;
    }

    private void write(Path to, long sizeToWrite, SlotWriter slotWriter) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(MAGIC_AT, MAGIC).putLong(VERSION_AT, VERSION).putLong(SLOTS_AT, mask + 1)
                .putLong(CAPACITY_AT, capacity).putLong(SIZE_AT, sizeToWrite);
        try (FileChannel channel = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            TableSlots.writeFully(channel, header);
            slotWriter.writeSlots(channel);
        }
    }

    /** A power of two, at least twice the capacity and one slice. */
    static long slotsFor(long capacity) {
        long wanted = Math.max(2 * capacity, SLICE_SLOTS);
        return Long.highestOneBit(wanted - 1) << 1;
    }

    @Override
    public long key(CharSequence eventId) {
        return nonEmpty(keyHash.applyAsLong(eventId));
    }

    @Override
    public long check(CharSequence eventId) {
        return EventIdHashes.check(eventId);
    }

    @Override
    public long warm(long key) {
        return get(key & mask, KEY);
    }

    @Override
    public boolean find(long key, long check, AppliedEvent into) {
        for (long slot = key & mask; ; slot = (slot + 1) & mask) {
            long k = get(slot, KEY);
            if (k == EMPTY) {
                return false;
            }
            if (k == key && get(slot, CHECK) == check) {
                read(slot, into);
                into.eventIdCheck = check;
                return true;
            }
        }
    }

    @Override
    public void remember(long key, long check, AppliedEvent event) {
        event.eventIdCheck = check;
        long slot = key & mask;
        for (long k = get(slot, KEY); k != EMPTY; k = get(slot, KEY)) {
            if (k == key && get(slot, CHECK) == check) {
                write(slot, key, event);
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= capacity) {
            throw new IllegalStateException("applied-event table is full (" + capacity + " ids)");
        }
        write(slot, key, event);
        size++;
    }

    @Override
    public void forgetSliceBefore(int slice, long cutoffMillis) {
        long end = Math.min((long) (slice + 1) * SLICE_SLOTS, mask + 1);
        for (long slot = (long) slice * SLICE_SLOTS; slot < end; ) {
            if (get(slot, KEY) != EMPTY && get(slot, RECORDED_AT) < cutoffMillis) {
                delete(slot); // an entry further on may have moved into this slot: look again
            } else {
                slot++;
            }
        }
    }

    /** Empties the slot and moves later entries of its probe run back, so no run has a gap. */
    private void delete(long slot) {
        long hole = slot;
        for (long next = (slot + 1) & mask; ; next = (next + 1) & mask) {
            long k = get(next, KEY);
            if (k == EMPTY) {
                break;
            }
            long home = k & mask;
            // The entry may fill the hole unless its home lies cyclically in (hole, next].
            boolean staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!staysPut) {
                slots.copy(next, hole);
                hole = next;
            }
        }
        slots.clear(hole);
        size--;
    }

    @Override
    public int slices() {
        return (int) ((mask + 1) / SLICE_SLOTS);
    }

    @Override
    public long count() {
        return size;
    }

    @Override
    public boolean full() {
        return size >= capacity;
    }

    /** Saves the table and releases its memory (once the other table of a pair has too). */
    @Override
    public void close() {
        persist();
        slots.release();
    }

    /** Whether the table lives in a huge-page mapping (see {@link TableMemory}). */
    boolean mapped() {
        return slots.mapped();
    }

    /** What the table's memory is (reserved or transparent huge pages, or direct memory) and how long it took to get: for the log. */
    String memoryForLog() {
        return slots.memoryForLog();
    }

    private void read(long slot, AppliedEvent into) {
        into.fingerprint = get(slot, FINGERPRINT);
        into.memberId = get(slot, MEMBER_ID);
        into.pointsEarned = get(slot, POINTS_EARNED);
        into.balance = get(slot, BALANCE);
        into.sequence = get(slot, SEQUENCE);
        into.recordedAtMillis = get(slot, RECORDED_AT);
    }

    private void write(long slot, long key, AppliedEvent event) {
        put(slot, CHECK, event.eventIdCheck);
        put(slot, FINGERPRINT, event.fingerprint);
        put(slot, MEMBER_ID, event.memberId);
        put(slot, POINTS_EARNED, event.pointsEarned);
        put(slot, BALANCE, event.balance);
        put(slot, SEQUENCE, event.sequence);
        put(slot, RECORDED_AT, event.recordedAtMillis);
        put(slot, KEY, key);
    }

    private long get(long slot, int field) {
        return slots.get(slot, field);
    }

    private void put(long slot, int field, long value) {
        slots.put(slot, field, value);
    }

    private static long nonEmpty(long key) {
        return key == EMPTY ? 1 : key;
    }
}
