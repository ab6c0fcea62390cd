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
 */
final class TableSlots {
    static final int SLOT = 64;
    /** A direct buffer holds at most 2 GiB; chunks of 1 GiB hold whole slots. */
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;
    /** An interleaved table is saved and loaded through a buffer of this many slots (1 MiB). */
    private static final int STAGING_SLOTS = 16_384;

    private final ByteBuffer[] chunks;
    private final long slots;
    /** Bytes from one slot to the next: {@link #SLOT}, or twice that when interleaved. */
    private final int stride;
    /** Where this table's half of an interleaved block starts: 0, or {@link #SLOT} for the second. */
    private final int half;

    private TableSlots(ByteBuffer[] chunks, long slots, int stride, int half) {
        this.chunks = chunks;
        this.slots = slots;
        this.stride = stride;
        this.half = half;
    }

    /** {@code slots} slots of one table; {@code what} says what needs the memory, if it is short. */
    static TableSlots alone(long slots, String what) {
        return new TableSlots(allocate(slots, SLOT, what), slots, SLOT, 0);
    }

    /** Two tables of {@code slots} slots each, interleaved slot by slot in one allocation. */
    static TableSlots[] interleaved(long slots, String what) {
        ByteBuffer[] chunks = allocate(slots, 2 * SLOT, what);
        return new TableSlots[] {new TableSlots(chunks, slots, 2 * SLOT, 0), new TableSlots(chunks, slots, 2 * SLOT, SLOT)};
    }

    private static ByteBuffer[] allocate(long slots, int stride, String what) {
        long bytes = slots * stride;
        ByteBuffer[] chunks = new ByteBuffer[(int) ((bytes + CHUNK_MASK) >>> CHUNK_SHIFT)];
        try {
            for (int i = 0; i < chunks.length; i++) {
                long from = (long) i << CHUNK_SHIFT;
                chunks[i] = ByteBuffer.allocateDirect((int) Math.min(bytes - from, 1L << CHUNK_SHIFT))
                        .order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException(what + " needs " + (bytes >> 20) + " MiB of direct memory: lower"
                    + " idempotency.capacity or raise the JVM's -XX:MaxDirectMemorySize", e);
        }
        return chunks;
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

    /** Reads this table's slots, one after the other, from the channel's position. */
    void load(FileChannel channel, File file) throws IOException {
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
                long at = (slot + i) * stride + half;
                chunks[(int) (at >>> CHUNK_SHIFT)].put((int) (at & CHUNK_MASK), staging, i * SLOT, SLOT);
            }
        }
    }

    /** Writes this table's slots, one after the other, at the channel's position. */
    void save(FileChannel channel) throws IOException {
        if (stride == SLOT) {
            for (ByteBuffer chunk : chunks) {
                writeFully(channel, chunk.duplicate().clear());
            }
            return;
        }
        ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_SLOTS * SLOT).order(ByteOrder.LITTLE_ENDIAN);
        for (long slot = 0; slot < slots; slot += STAGING_SLOTS) {
            int count = (int) Math.min(STAGING_SLOTS, slots - slot);
            staging.clear();
            for (int i = 0; i < count; i++) {
                long at = (slot + i) * stride + half;
                staging.put(i * SLOT, chunks[(int) (at >>> CHUNK_SHIFT)], (int) (at & CHUNK_MASK), SLOT);
            }
            writeFully(channel, staging.limit(count * SLOT));
        }
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
