package dev.accrue.bench.jmh;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Eight bytes per key, written exactly as the engine's LongCellMarshaller writes them. */
final class RawKeyMarshaller implements SizedReader<RawKey>, SizedWriter<RawKey>, EnumMarshallable<RawKeyMarshaller> {
    static final RawKeyMarshaller INSTANCE = new RawKeyMarshaller();

    private RawKeyMarshaller() {
    }

    @Override
    public RawKey read(Bytes<?> in, long size, RawKey using) {
        RawKey key = using != null ? using : new RawKey();
        key.value = in.readLong();
        return key;
    }

    @Override
    public long size(RawKey key) {
        return Long.BYTES;
    }

    @Override
    public void write(Bytes<?> out, long size, RawKey key) {
        out.writeLong(key.value);
    }

    @Override
    public RawKeyMarshaller readResolve() {
        return INSTANCE;
    }
}
