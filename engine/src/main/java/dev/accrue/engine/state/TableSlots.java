package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * One table's slots of {@value #SLOT} bytes in direct memory, alone or interleaved with a second
 * table's: slot {@code i} of each then lies in the same {@code 2 × SLOT}-byte block (see
 * {@link OffHeapAppliedEventStore#openPair}). Knows where a slot's field lies and how to copy
 * this table's slots to and from a file, one after the other; not what the slots mean.
 *
 * <p>A checkpoint takes a {@link #snapshot} of the memory between two commands (a copy in memory,
 * made once for two interleaved tables, into buffers kept for the next one) and writes it to a file
 * on another thread ({@link #saveSnapshot}): writing gigabytes through the page cache would stall
 * the business thread on the kernel's writeback.
 */
final class TableSlots {
    static final int SLOT = 64;
    /** A direct buffer holds at most 2 GiB; chunks of 1 GiB hold whole slots. */
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;
    /** A table is saved and loaded through a buffer of this many slots (1 MiB). */
    private static final int STAGING_SLOTS = 16_384;
    /** A run of occupied slots in a file starts with its first slot and its length. */
    private static final int RUN_HEADER = 16;
    /** The first slot of the mark after the last run (with length 0): a file cut short lacks it. */
    private static final long END_OF_RUNS = -1;

    /** Null once {@link #release}d: a use after that fails here rather than in freed memory. */
    private ByteBuffer[] chunks;
    /** Shared by two interleaved tables, like {@link #snapshot}. */
    private final TableMemory memory;
    private final Snapshot snapshot;
    private final long slots;
    /** Bytes from one slot to the next: {@link #SLOT}, or twice that when interleaved. */
    private final int stride;
    /** Where this table's half of an interleaved block starts: 0, or {@link #SLOT} for the second. */
    private final int half;

    /** The last copy of the memory; allocated at the first snapshot and reused. */
    private static final class Snapshot {
        private final String what;
        private TableMemory memory;
        private ByteBuffer[] chunks;
        private int users;
        private long takenAt = -1;

        Snapshot(String what, int users) {
            this.what = what;
            this.users = users;
        }
    }

    private TableSlots(TableMemory memory, Snapshot snapshot, long slots, int stride, int half) {
        this.memory = memory;
        this.chunks = memory.chunks();
        this.snapshot = snapshot;
        this.slots = slots;
        this.stride = stride;
        this.half = half;
    }

    /** {@code slots} slots of one table; {@code what} says what needs the memory, if it is short. */
    static TableSlots alone(long slots, String what) {
        return new TableSlots(TableMemory.allocate(slots * SLOT, 1, what), new Snapshot(what, 1), slots, SLOT, 0);
    }

    /** Two tables of {@code slots} slots each, interleaved slot by slot in one allocation. */
    static TableSlots[] interleaved(long slots, String what) {
        TableMemory memory = TableMemory.allocate(slots * 2 * SLOT, 2, what);
        Snapshot snapshot = new Snapshot(what, 2);
        return new TableSlots[] {new TableSlots(memory, snapshot, slots, 2 * SLOT, 0),
                new TableSlots(memory, snapshot, slots, 2 * SLOT, SLOT)};
    }

    long count() {
        return slots;
    }

    long get(long slot, int field) {
        long at = slot * stride + half + field;
        return chunks[(int) (at >>> CHUNK_SHIFT)].getLong((int) (at & CHUNK_MASK));
    }

    void put(long slot, int field, long value) {
        long at = slot * stride + half + field;
        chunks[(int) (at >>> CHUNK_SHIFT)].putLong((int) (at & CHUNK_MASK), value);
    }

    void copy(long from, long to) {
        for (int field = 0; field < SLOT; field += 8) {
            put(to, field, get(from, field));
        }
    }

    void clear(long slot) {
        for (int field = 0; field < SLOT; field += 8) {
            put(slot, field, 0);
        }
    }

    /** Reads this table's slots, every one, one after the other, from the channel's position (format 2). */
    void loadEverySlot(FileChannel channel, File file) throws IOException {
        if (stride == SLOT) {
            for (ByteBuffer chunk : chunks) {
                readFully(channel, chunk.clear(), file);
            }
            return;
        }
        ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_SLOTS * SLOT).order(ByteOrder.LITTLE_ENDIAN);
        for (long slot = 0; slot < slots; slot += STAGING_SLOTS) {
            int count = (int) Math.min(STAGING_SLOTS, slots - slot);
            readFully(channel, staging.clear().limit(count * SLOT), file);
            for (int i = 0; i < count; i++) {
                if (!zero(staging, i * SLOT)) { // the memory starts zeroed
                    place(slot + i, staging, i * SLOT);
                }
            }
        }
    }

    /**
     * Reads this table's occupied slots as {@link #save} writes them, runs of consecutive slots
     * each after its first slot and length, from the channel's position to the end of the runs.
     */
    void load(FileChannel channel, File file) throws IOException {
        ByteBuffer in = ByteBuffer.allocateDirect(RUN_HEADER + STAGING_SLOTS * SLOT).order(ByteOrder.LITTLE_ENDIAN);
        in.limit(0);
        while (true) {
            fill(channel, in, RUN_HEADER, file);
            long first = in.getLong();
            long length = in.getLong();
            if (length == 0 && first == END_OF_RUNS) {
                if (in.hasRemaining() || channel.position() != channel.size()) {
                    throw new IllegalStateException(file + " goes on after its last run of slots: damaged");
                }
                return;
            }
            if (first < 0 || first >= slots || length < 1 || length > slots - first) {
                throw new IllegalStateException(file + " holds a run of " + length + " slots from slot " + first
                        + " in a table of " + slots + ": damaged");
            }
            for (long slot = first; slot < first + length; slot++) {
                fill(channel, in, SLOT, file);
                place(slot, in, in.position());
                in.position(in.position() + SLOT);
            }
        }
    }

    private void place(long slot, ByteBuffer from, int fromAt) {
        long at = slot * stride + half;
        chunks[(int) (at >>> CHUNK_SHIFT)].put((int) (at & CHUNK_MASK), from, fromAt, SLOT);
    }

    /** Makes at least {@code bytes} bytes readable in {@code in}, reading on from the channel. */
    private static void fill(FileChannel channel, ByteBuffer in, int bytes, File file) throws IOException {
        if (in.remaining() >= bytes) {
            return;
        }
        in.compact();
        while (in.position() < bytes) {
            if (channel.read(in) < 0) {
                throw new IllegalStateException(file + " ends early: not a whole applied-event table");
            }
        }
        in.flip();
    }

    private static boolean zero(ByteBuffer buffer, int slotAt) {
        long any = 0;
        for (int field = 0; field < SLOT; field += 8) {
            any |= buffer.getLong(slotAt + field);
        }
        return any == 0;
    }

    /**
     * Allocates the memory snapshots are copied into, as much again as the table's, unless done
     * already. Allocating touches every page: a few seconds per GiB in a busy process, which a
     * thread other than the business thread should pay (or else the first {@link #snapshot} does).
     */
    void prepareSnapshot() {
        // Locked: the checkpoint thread prepares while the business thread may take a first snapshot.
        synchronized (snapshot) {
            if (snapshot.memory == null) {
                snapshot.memory = TableMemory.allocate(slots * stride, 1, "a checkpoint of " + snapshot.what);
                snapshot.chunks = snapshot.memory.chunks();
            }
        }
    }

    /**
     * Copies the memory as it is now, unless it was copied for the same {@code at} already (for the
     * other of two interleaved tables).
     */
    void snapshot(long at) {
        if (snapshot.takenAt == at) {
            return;
        }
        prepareSnapshot();
        for (int i = 0; i < chunks.length; i++) {
            snapshot.chunks[i].duplicate().clear().put(chunks[i].duplicate().clear());
        }
        snapshot.takenAt = at;
    }

    /** Writes this table's slots, one after the other, at the channel's position. */
    void save(FileChannel channel) throws IOException {
        save(chunks, channel);
    }

    /** Writes this table's slots as the last {@link #snapshot} holds them: any thread, while the table changes. */
    void saveSnapshot(FileChannel channel) throws IOException {
        save(snapshot.chunks, channel);
    }

    /**
     * Writes the occupied slots only (an empty slot is all zeros): a table has at least twice the
     * slots of the ids it may hold, so this is half of it or less to write and to read back. Runs
     * of consecutive occupied slots, each as its first slot and length (8 bytes each) followed by
     * its slots, then {@link #END_OF_RUNS} and 0.
     */
    private void save(ByteBuffer[] from, FileChannel channel) throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(RUN_HEADER + STAGING_SLOTS * SLOT).order(ByteOrder.LITTLE_ENDIAN);
        int runAt = -1; // where the open run's header is in out; -1: no run open
        for (long slot = 0; slot < slots; slot++) {
            long at = slot * stride + half;
            ByteBuffer chunk = from[(int) (at >>> CHUNK_SHIFT)];
            int offset = (int) (at & CHUNK_MASK);
            if (zero(chunk, offset)) {
                runAt = closeRun(out, runAt);
                continue;
            }
            if (out.remaining() < (runAt < 0 ? RUN_HEADER + SLOT : SLOT)) {
                closeRun(out, runAt);
                writeFully(channel, out.flip());
                out.clear();
                runAt = -1;
            }
            if (runAt < 0) {
                runAt = out.position();
                out.putLong(slot).putLong(0);
            }
            out.put(out.position(), chunk, offset, SLOT);
            out.position(out.position() + SLOT);
        }
        closeRun(out, runAt);
        if (out.remaining() < RUN_HEADER) {
            writeFully(channel, out.flip());
            out.clear();
        }
        out.putLong(END_OF_RUNS).putLong(0);
        writeFully(channel, out.flip());
    }

    /** Writes the open run's length into its header; returns -1, no run open. */
    private static int closeRun(ByteBuffer out, int runAt) {
        if (runAt >= 0) {
            out.putLong(runAt + 8, (out.position() - runAt - RUN_HEADER) / SLOT);
        }
        return -1;
    }

    /**
     * This table is done with the memory (and its snapshot's): once every table sharing it is,
     * it is freed. The table must not be used after.
     */
    void release() {
        chunks = null;
        memory.release();
        synchronized (snapshot) {
            if (--snapshot.users == 0 && snapshot.memory != null) {
                snapshot.memory.release();
                snapshot.memory = null;
                snapshot.chunks = null;
            }
        }
    }

    /** Whether the table's memory is a huge-page mapping: for tests and the log. */
    boolean mapped() {
        return memory.mapped();
    }

    /** What the table's memory is and how long it took to get ({@link TableMemory#kind}): for the log. */
    String memoryForLog() {
        return memory.kind() + ", got in " + memory.allocatedInMillis() + " ms";
    }

    static void readFully(FileChannel channel, ByteBuffer into, File file) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IllegalStateException(file + " ends early: not a whole applied-event table");
            }
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            channel.write(from);
        }
    }
}
