package dev.accrue.engine.state;

import dev.accrue.engine.domain.AppliedEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/** Copies an {@link AppliedEvent} to and from its {@value AppliedEvent#SIZE}-byte layout. Stateless. */
final class AppliedEventMarshaller implements SizedReader<AppliedEvent>, SizedWriter<AppliedEvent>,
        EnumMarshallable<AppliedEventMarshaller> {
    static final AppliedEventMarshaller INSTANCE = new AppliedEventMarshaller();

    private AppliedEventMarshaller() {
    }

    @Override
    public AppliedEvent read(Bytes<?> in, long size, AppliedEvent using) {
        AppliedEvent e = using != null ? using : new AppliedEvent();
        e.fingerprint = in.readLong();
        e.memberId = in.readLong();
        e.pointsEarned = in.readLong();
        e.balance = in.readLong();
        e.sequence = in.readLong();
        e.recordedAtMillis = in.readLong();
        e.eventIdCheck = in.readLong();
        return e;
    }

    @Override
    public long size(AppliedEvent event) {
        return AppliedEvent.SIZE;
    }

    @Override
    public void write(Bytes<?> out, long size, AppliedEvent e) {
        out.writeLong(e.fingerprint);
        out.writeLong(e.memberId);
        out.writeLong(e.pointsEarned);
        out.writeLong(e.balance);
        out.writeLong(e.sequence);
        out.writeLong(e.recordedAtMillis);
        out.writeLong(e.eventIdCheck);
    }

    @Override
    public AppliedEventMarshaller readResolve() {
        return INSTANCE;
    }
}
