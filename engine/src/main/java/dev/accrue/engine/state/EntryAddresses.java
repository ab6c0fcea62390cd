package dev.accrue.engine.state;

import java.nio.ByteBuffer;

/**
 * Where each member's entry lies in the member map's memory, by member id: the address of its key,
 * or 0 where not known. One long per id the store is sized for (8 MiB a million), in memory of its
 * own, zeroed so that every id starts unknown. Written and read by the business thread only. Says
 * nothing about whether an address is still right: that is {@link ChronicleMemberStore}'s to keep.
 */
final class EntryAddresses {
    static final long UNKNOWN = 0;
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final TableMemory memory;
    private final ByteBuffer[] chunks;
    private final long ids;
    private boolean released;

    private EntryAddresses(TableMemory memory, long ids) {
        this.memory = memory;
        this.chunks = memory.chunks();
        this.ids = ids;
    }

    /** Room for the ids 0 to {@code ids - 1}; ids outside it are never known. */
    static EntryAddresses forIds(long ids) {
        return new EntryAddresses(TableMemory.allocateBesideTables(ids * Long.BYTES, "where member entries lie"), ids);
    }

    long get(long id) {
        if (id < 0 || id >= ids) {
            return UNKNOWN;
        }
        long at = id * Long.BYTES;
        return chunks[(int) (at >>> CHUNK_SHIFT)].getLong((int) (at & CHUNK_MASK));
    }

    void put(long id, long address) {
        if (id < 0 || id >= ids) {
            return;
        }
        long at = id * Long.BYTES;
        chunks[(int) (at >>> CHUNK_SHIFT)].putLong((int) (at & CHUNK_MASK), address);
    }

    void forget(long id) {
        put(id, UNKNOWN);
    }

    /** After this, the addresses must not be used: their memory is given back. */
    void release() {
        if (!released) {
            released = true;
            memory.release();
        }
    }
}
