package dev.accrue.engine.state;

import net.openhft.chronicle.core.UnsafeMemory;

/**
 * Chronicle's stop-bit encoding of a non-negative size in native memory, as its maps store a
 * value's size before the value: seven bits per byte, low bits first, the top bit set on every
 * byte but the last. Read from an address, which Chronicle's own reader (from {@code Bytes}) does not
 * do; how long an encoding is, {@link net.openhft.chronicle.bytes.BytesUtil#stopBitLength} says.
 */
final class StopBit {
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    /** More bytes than a long needs: what a read returns for bytes that are no size. */
    static final long NOT_A_SIZE = -1;

    private StopBit() {
    }

    /** The size encoded at {@code address}, or {@link #NOT_A_SIZE}. */
    static long read(long address) {
        long size = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            byte b = MEMORY.readByte(address++);
            size |= (b & 0x7FL) << shift;
            if (b >= 0) {
                return size;
            }
        }
        return NOT_A_SIZE;
    }
}
