package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * Stateless (Chronicle records the class in the map header and resolves it to the singleton).
 * Copies a {@link MemberRecord} to and from its layout: the fixed header, then its lots, holds,
 * closed holds, wallets and expired points, every field in native byte order. Records are always
 * written whole, never patched field by field; a read notes the address it found the record at
 * ({@link MemberRecord#readFromAddress}), where {@link ChronicleMemberStore} writes it back when its
 * size is unchanged.
 *
 * <p>The map's entries are native memory, so the record is copied with plain loads and stores at
 * the entry's address: a field at a time through {@link Bytes}' bounds-checked accessors cost a
 * fifth of a purchase. Bytes that are not native memory (none the map hands out, but a caller may)
 * go through a native scratch copy, so there is one layout and one piece of code that knows it.
 */
public final class MemberRecordMarshaller implements SizedReader<MemberRecord>, SizedWriter<MemberRecord>,
        EnumMarshallable<MemberRecordMarshaller> {
    public static final MemberRecordMarshaller INSTANCE = new MemberRecordMarshaller();
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;
    /** The largest record: every lot, hold, closed hold and wallet in use. */
    static final int MAX_SIZE = MemberRecord.HEADER_SIZE + MemberRecord.MAX_LOTS * MemberRecord.LOT_SIZE
            + MemberRecord.MAX_HOLDS * (MemberRecord.HOLD_SIZE + MemberRecord.CLOSED_HOLD_SIZE)
            + MemberRecord.MAX_WALLETS * MemberRecord.WALLET_SIZE + MemberRecord.MAX_EXPIRED * MemberRecord.EXPIRED_SIZE;
    private static final ThreadLocal<Bytes<?>> SCRATCH = ThreadLocal.withInitial(() -> Bytes.allocateDirect(MAX_SIZE));

    private MemberRecordMarshaller() {
    }

    @Override
    public MemberRecord read(Bytes<?> in, long size, MemberRecord using) {
        MemberRecord r = using != null ? using : new MemberRecord();
        long position = in.readPosition();
        if (in.isDirectMemory()) {
            long address = in.addressForRead(position, (int) size);
            read(address, r);
            r.readFromAddress = address;
        } else {
            r.readFromAddress = 0;
            Bytes<?> scratch = SCRATCH.get();
            scratch.clear();
            scratch.write(in, position, size);
            read(scratch.addressForRead(0), r);
        }
        in.readPosition(position + size);
        return r;
    }

    @Override
    public long size(MemberRecord record) {
        return record.storedSize();
    }

    @Override
    public void write(Bytes<?> out, long size, MemberRecord r) {
        long position = out.writePosition();
        if (out.isDirectMemory()) {
            out.ensureCapacity(position + size);
            write(out.addressForWrite(position), r);
            out.writePosition(position + size);
        } else {
            Bytes<?> scratch = SCRATCH.get();
            scratch.clear();
            write(scratch.addressForWrite(0), r);
            scratch.writePosition(size);
            out.write(scratch, 0, size);
        }
    }

    /** Copies the record laid out at native address {@code a} into {@code r}. */
    static void read(long a, MemberRecord r) {
        r.available = MEMORY.readLong(a);
        r.pending = MEMORY.readLong(a + 8);
        r.lifetimeEarned = MEMORY.readLong(a + 16);
        r.lifetimeRedeemed = MEMORY.readLong(a + 24);
        r.lifetimeExpired = MEMORY.readLong(a + 32);
        r.lastSequence = MEMORY.readLong(a + 40);
        r.enrolledAtMillis = MEMORY.readLong(a + 48);
        r.lastActivityMillis = MEMORY.readLong(a + 56);
        r.settledThroughMillis = MEMORY.readLong(a + 64);
        r.purchaseCount = MEMORY.readLong(a + 72);
        r.debt = MEMORY.readLong(a + 80);
        r.capDay = MEMORY.readLong(a + 88);
        r.mergedInto = MEMORY.readLong(a + 96);
        r.tierFloorUntilMillis = MEMORY.readLong(a + 104);
        r.tierReviewAtMillis = MEMORY.readLong(a + 112);
        r.qualifyingMonth = MEMORY.readLong(a + 120);
        long at = a + 128;
        for (int i = 0; i < MemberRecord.QUALIFYING_MONTHS; i++, at += 8) {
            r.qualifying[i] = MEMORY.readLong(at);
        }
        r.tier = MEMORY.readInt(at);
        r.status = MEMORY.readInt(at + 4);
        r.tierFloor = MEMORY.readInt(at + 8);
        r.birthday = MEMORY.readInt(at + 12);
        r.lotCount = MEMORY.readInt(at + 16);
        r.birthdayBonusYear = MEMORY.readInt(at + 20);
        r.latestMovement = MEMORY.readLong(at + 24);
        r.periodStartTier = MEMORY.readInt(at + 32);
        r.holdCount = MEMORY.readInt(at + 36);
        at += 40;
        for (int i = 0; i < MemberRecord.CAP_DAYS; i++, at += 8) {
            r.earnedByDay[i] = MEMORY.readLong(at);
        }
        r.held = MEMORY.readLong(at);
        r.closedHoldCount = MEMORY.readInt(at + 8);
        r.closedHoldNext = MEMORY.readInt(at + 12);
        r.mergeCount = MEMORY.readInt(at + 16);
        r.walletCount = MEMORY.readInt(at + 20);
        r.lifetimeAdjusted = MEMORY.readLong(at + 24);
        r.noticedExpiryMillis = MEMORY.readLong(at + 32);
        r.announcedTier = MEMORY.readInt(at + 40);
        r.expiredCount = MEMORY.readInt(at + 44);
        at += 48;
        for (int i = 0; i < r.lotCount; i++, at += MemberRecord.LOT_SIZE) {
            r.lotExpiresAt[i] = MEMORY.readLong(at);
            r.lotPendingUntil[i] = MEMORY.readLong(at + 8);
            r.lotPoints[i] = MEMORY.readLong(at + 16);
        }
        for (int i = 0; i < r.holdCount; i++, at += MemberRecord.HOLD_SIZE) {
            r.holdKey[i] = MEMORY.readLong(at);
            r.holdPoints[i] = MEMORY.readLong(at + 8);
            r.holdExpiresAt[i] = MEMORY.readLong(at + 16);
        }
        for (int i = 0; i < r.closedHoldCount; i++, at += MemberRecord.CLOSED_HOLD_SIZE) {
            r.closedHoldKey[i] = MEMORY.readLong(at);
            r.closedHoldHow[i] = MEMORY.readLong(at + 8);
        }
        for (int i = 0; i < r.walletCount; i++, at += MemberRecord.WALLET_SIZE) {
            r.walletKey[i] = MEMORY.readLong(at);
            r.walletBalance[i] = MEMORY.readLong(at + 8);
        }
        for (int i = 0; i < r.expiredCount; i++, at += MemberRecord.EXPIRED_SIZE) {
            r.expiredAt[i] = MEMORY.readLong(at);
            r.expiredPoints[i] = MEMORY.readLong(at + 8);
            r.expiredKeepFrom[i] = MEMORY.readLong(at + 16);
        }
    }

    /** Lays the record out at native address {@code a}, which has room for {@link MemberRecord#storedSize()} bytes. */
    static void write(long a, MemberRecord r) {
        MEMORY.writeLong(a, r.available);
        MEMORY.writeLong(a + 8, r.pending);
        MEMORY.writeLong(a + 16, r.lifetimeEarned);
        MEMORY.writeLong(a + 24, r.lifetimeRedeemed);
        MEMORY.writeLong(a + 32, r.lifetimeExpired);
        MEMORY.writeLong(a + 40, r.lastSequence);
        MEMORY.writeLong(a + 48, r.enrolledAtMillis);
        MEMORY.writeLong(a + 56, r.lastActivityMillis);
        MEMORY.writeLong(a + 64, r.settledThroughMillis);
        MEMORY.writeLong(a + 72, r.purchaseCount);
        MEMORY.writeLong(a + 80, r.debt);
        MEMORY.writeLong(a + 88, r.capDay);
        MEMORY.writeLong(a + 96, r.mergedInto);
        MEMORY.writeLong(a + 104, r.tierFloorUntilMillis);
        MEMORY.writeLong(a + 112, r.tierReviewAtMillis);
        MEMORY.writeLong(a + 120, r.qualifyingMonth);
        long at = a + 128;
        for (int i = 0; i < MemberRecord.QUALIFYING_MONTHS; i++, at += 8) {
            MEMORY.writeLong(at, r.qualifying[i]);
        }
        MEMORY.writeInt(at, r.tier);
        MEMORY.writeInt(at + 4, r.status);
        MEMORY.writeInt(at + 8, r.tierFloor);
        MEMORY.writeInt(at + 12, r.birthday);
        MEMORY.writeInt(at + 16, r.lotCount);
        MEMORY.writeInt(at + 20, r.birthdayBonusYear);
        MEMORY.writeLong(at + 24, r.latestMovement);
        MEMORY.writeInt(at + 32, r.periodStartTier);
        MEMORY.writeInt(at + 36, r.holdCount);
        at += 40;
        for (int i = 0; i < MemberRecord.CAP_DAYS; i++, at += 8) {
            MEMORY.writeLong(at, r.earnedByDay[i]);
        }
        MEMORY.writeLong(at, r.held);
        MEMORY.writeInt(at + 8, r.closedHoldCount);
        MEMORY.writeInt(at + 12, r.closedHoldNext);
        MEMORY.writeInt(at + 16, r.mergeCount);
        MEMORY.writeInt(at + 20, r.walletCount);
        MEMORY.writeLong(at + 24, r.lifetimeAdjusted);
        MEMORY.writeLong(at + 32, r.noticedExpiryMillis);
        MEMORY.writeInt(at + 40, r.announcedTier);
        MEMORY.writeInt(at + 44, r.expiredCount);
        at += 48;
        for (int i = 0; i < r.lotCount; i++, at += MemberRecord.LOT_SIZE) {
            MEMORY.writeLong(at, r.lotExpiresAt[i]);
            MEMORY.writeLong(at + 8, r.lotPendingUntil[i]);
            MEMORY.writeLong(at + 16, r.lotPoints[i]);
        }
        for (int i = 0; i < r.holdCount; i++, at += MemberRecord.HOLD_SIZE) {
            MEMORY.writeLong(at, r.holdKey[i]);
            MEMORY.writeLong(at + 8, r.holdPoints[i]);
            MEMORY.writeLong(at + 16, r.holdExpiresAt[i]);
        }
        for (int i = 0; i < r.closedHoldCount; i++, at += MemberRecord.CLOSED_HOLD_SIZE) {
            MEMORY.writeLong(at, r.closedHoldKey[i]);
            MEMORY.writeLong(at + 8, r.closedHoldHow[i]);
        }
        for (int i = 0; i < r.walletCount; i++, at += MemberRecord.WALLET_SIZE) {
            MEMORY.writeLong(at, r.walletKey[i]);
            MEMORY.writeLong(at + 8, r.walletBalance[i]);
        }
        for (int i = 0; i < r.expiredCount; i++, at += MemberRecord.EXPIRED_SIZE) {
            MEMORY.writeLong(at, r.expiredAt[i]);
            MEMORY.writeLong(at + 8, r.expiredPoints[i]);
            MEMORY.writeLong(at + 16, r.expiredKeepFrom[i]);
        }
    }

    @Override
    public MemberRecordMarshaller readResolve() {
        return INSTANCE;
    }
}
