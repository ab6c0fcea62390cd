package dev.accrue.bench.jmh;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * The 64-byte member layout, field for field as the engine's (package-private)
 * MemberRecordMarshaller copies it, so the raw baseline pays the same (de)serialisation cost and
 * the difference between the two benchmarks is the engine's own work.
 */
final class RawRecordMarshaller implements SizedReader<MemberRecord>, SizedWriter<MemberRecord>,
        EnumMarshallable<RawRecordMarshaller> {
    static final RawRecordMarshaller INSTANCE = new RawRecordMarshaller();

    private RawRecordMarshaller() {
    }

    @Override
    public MemberRecord read(Bytes<?> in, long size, MemberRecord using) {
        MemberRecord r = using != null ? using : new MemberRecord();
        r.available = in.readLong();
        r.pending = in.readLong();
        r.lifetimeEarned = in.readLong();
        r.lifetimeRedeemed = in.readLong();
        r.lastSequence = in.readLong();
        r.enrolledAtMillis = in.readLong();
        r.lastActivityMillis = in.readLong();
        r.tier = in.readInt();
        r.status = in.readInt();
        return r;
    }

    @Override
    public long size(MemberRecord record) {
        return MemberRecord.SIZE;
    }

    @Override
    public void write(Bytes<?> out, long size, MemberRecord r) {
        out.writeLong(r.available);
        out.writeLong(r.pending);
        out.writeLong(r.lifetimeEarned);
        out.writeLong(r.lifetimeRedeemed);
        out.writeLong(r.lastSequence);
        out.writeLong(r.enrolledAtMillis);
        out.writeLong(r.lastActivityMillis);
        out.writeInt(r.tier);
        out.writeInt(r.status);
    }

    @Override
    public RawRecordMarshaller readResolve() {
        return INSTANCE;
    }
}
