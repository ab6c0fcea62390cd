package dev.accrue.engine.state;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Eight bytes for a {@link LongCell}; stateless: Chronicle records the class in the map header and resolves it to the singleton. */
public final class LongCellMarshaller implements SizedReader<LongCell>, SizedWriter<LongCell>, EnumMarshallable<LongCellMarshaller> {
    public static final LongCellMarshaller INSTANCE = new LongCellMarshaller();

    private LongCellMarshaller() {
    }

    @Override
    public LongCell read(Bytes<?> in, long size, LongCell using) {
        LongCell cell = using != null ? using : new LongCell();
        cell.value = in.readLong();
        return cell;
    }

    @Override
    public long size(LongCell cell) {
        return Long.BYTES;
    }

    @Override
    public void write(Bytes<?> out, long size, LongCell cell) {
        out.writeLong(cell.value);
    }

    @Override
    public LongCellMarshaller readResolve() {
        return INSTANCE;
    }
}
