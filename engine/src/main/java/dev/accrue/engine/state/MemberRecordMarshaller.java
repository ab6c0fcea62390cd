package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * Stateless (Chronicle records the class in the map header and resolves it to the singleton).
 * Copies a {@link MemberRecord} to and from its layout: the fixed header, then its lots. Records are
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
        r.lifetimeExpired = in.readLong();
        r.lastSequence = in.readLong();
        r.enrolledAtMillis = in.readLong();
        r.lastActivityMillis = in.readLong();
        r.settledThroughMillis = in.readLong();
        r.purchaseCount = in.readLong();
        r.debt = in.readLong();
        r.capDay = in.readLong();
        r.mergedInto = in.readLong();
        r.tierFloorUntilMillis = in.readLong();
        r.tierReviewAtMillis = in.readLong();
        r.qualifyingMonth = in.readLong();
        for (int i = 0; i < MemberRecord.QUALIFYING_MONTHS; i++) {
            r.qualifying[i] = in.readLong();
        }
        r.tier = in.readInt();
        r.status = in.readInt();
        r.tierFloor = in.readInt();
        r.birthday = in.readInt();
        r.lotCount = in.readInt();
        r.birthdayBonusYear = in.readInt();
        r.latestMovement = in.readLong();
        r.periodStartTier = in.readInt();
        r.holdCount = in.readInt();
        for (int i = 0; i < MemberRecord.CAP_DAYS; i++) {
            r.earnedByDay[i] = in.readLong();
        }
        r.held = in.readLong();
        r.closedHoldCount = in.readInt();
        r.closedHoldNext = in.readInt();
        r.mergeCount = in.readInt();
        r.walletCount = in.readInt();
        r.lifetimeAdjusted = in.readLong();
        r.noticedExpiryMillis = in.readLong();
        r.announcedTier = in.readInt();
        in.readInt();
        for (int i = 0; i < r.lotCount; i++) {
            r.lotExpiresAt[i] = in.readLong();
            r.lotPendingUntil[i] = in.readLong();
            r.lotPoints[i] = in.readLong();
        }
        for (int i = 0; i < r.holdCount; i++) {
            r.holdKey[i] = in.readLong();
            r.holdPoints[i] = in.readLong();
            r.holdExpiresAt[i] = in.readLong();
        }
        for (int i = 0; i < r.closedHoldCount; i++) {
            r.closedHoldKey[i] = in.readLong();
            r.closedHoldHow[i] = in.readLong();
        }
        for (int i = 0; i < r.walletCount; i++) {
            r.walletKey[i] = in.readLong();
            r.walletBalance[i] = in.readLong();
        }
        return r;
    }

    @Override
    public long size(MemberRecord record) {
        return record.storedSize();
    }

    @Override
    public void write(Bytes<?> out, long size, MemberRecord r) {
        out.writeLong(r.available);
        out.writeLong(r.pending);
        out.writeLong(r.lifetimeEarned);
        out.writeLong(r.lifetimeRedeemed);
        out.writeLong(r.lifetimeExpired);
        out.writeLong(r.lastSequence);
        out.writeLong(r.enrolledAtMillis);
        out.writeLong(r.lastActivityMillis);
        out.writeLong(r.settledThroughMillis);
        out.writeLong(r.purchaseCount);
        out.writeLong(r.debt);
        out.writeLong(r.capDay);
        out.writeLong(r.mergedInto);
        out.writeLong(r.tierFloorUntilMillis);
        out.writeLong(r.tierReviewAtMillis);
        out.writeLong(r.qualifyingMonth);
        for (int i = 0; i < MemberRecord.QUALIFYING_MONTHS; i++) {
            out.writeLong(r.qualifying[i]);
        }
        out.writeInt(r.tier);
        out.writeInt(r.status);
        out.writeInt(r.tierFloor);
        out.writeInt(r.birthday);
        out.writeInt(r.lotCount);
        out.writeInt(r.birthdayBonusYear);
        out.writeLong(r.latestMovement);
        out.writeInt(r.periodStartTier);
        out.writeInt(r.holdCount);
        for (int i = 0; i < MemberRecord.CAP_DAYS; i++) {
            out.writeLong(r.earnedByDay[i]);
        }
        out.writeLong(r.held);
        out.writeInt(r.closedHoldCount);
        out.writeInt(r.closedHoldNext);
        out.writeInt(r.mergeCount);
        out.writeInt(r.walletCount);
        out.writeLong(r.lifetimeAdjusted);
        out.writeLong(r.noticedExpiryMillis);
        out.writeInt(r.announcedTier);
        out.writeInt(0);
        for (int i = 0; i < r.lotCount; i++) {
            out.writeLong(r.lotExpiresAt[i]);
            out.writeLong(r.lotPendingUntil[i]);
            out.writeLong(r.lotPoints[i]);
        }
        for (int i = 0; i < r.holdCount; i++) {
            out.writeLong(r.holdKey[i]);
            out.writeLong(r.holdPoints[i]);
            out.writeLong(r.holdExpiresAt[i]);
        }
        for (int i = 0; i < r.closedHoldCount; i++) {
            out.writeLong(r.closedHoldKey[i]);
            out.writeLong(r.closedHoldHow[i]);
        }
        for (int i = 0; i < r.walletCount; i++) {
            out.writeLong(r.walletKey[i]);
            out.writeLong(r.walletBalance[i]);
        }
    }

    @Override
    public MemberRecordMarshaller readResolve() {
        return INSTANCE;
    }
}
