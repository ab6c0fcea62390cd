package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * Stateless (Chronicle records the class in the map header and resolves it to the singleton).
 * Copies a {@link MemberRecord} to and from its {@value MemberRecord#SIZE}-byte layout. Records are
 * always written whole through the map (never patched in place) so Chronicle's entry checksums
 * stay right and a recovered map keeps every entry.
 */
public final class MemberRecordMarshaller implements SizedReader<MemberRecord>, SizedWriter<MemberRecord>,
        EnumMarshallable<MemberRecordMarshaller> {
    public static final MemberRecordMarshaller INSTANCE = new MemberRecordMarshaller();

    private MemberRecordMarshaller() {
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
    public MemberRecordMarshaller readResolve() {
        return INSTANCE;
    }
}
