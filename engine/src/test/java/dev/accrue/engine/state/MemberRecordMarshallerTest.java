package dev.accrue.engine.state;

import dev.accrue.engine.domain.MemberRecord;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The member record's stored layout: written and read at the entry's address, and through a
 * scratch copy for bytes that are not native memory; both give exactly the bytes the layout
 * specifies field by field (so files written before still read), and every field comes back.
 */
class MemberRecordMarshallerTest {
    private static final MemberRecordMarshaller MARSHALLER = MemberRecordMarshaller.INSTANCE;

    @Test
    void aRecordWrittenToNativeMemoryHasTheLayoutFieldByField() {
        for (long seed = 1; seed <= 50; seed++) {
            MemberRecord r = randomRecord(seed);
            assertArrayEquals(fieldByField(r), written(r, Bytes.allocateElasticDirect(64)), "seed " + seed);
        }
    }

    @Test
    void aRecordWrittenToHeapBytesHasTheSameLayout() {
        for (long seed = 1; seed <= 50; seed++) {
            MemberRecord r = randomRecord(seed);
            assertArrayEquals(fieldByField(r), written(r, Bytes.allocateElasticOnHeap(64)), "seed " + seed);
        }
    }

    @Test
    void everyFieldComesBackFromNativeAndHeapBytes() {
        for (long seed = 1; seed <= 50; seed++) {
            MemberRecord r = randomRecord(seed);
            byte[] stored = fieldByField(r);
            for (Bytes<?> in : new Bytes<?>[] {Bytes.allocateElasticDirect(64), Bytes.allocateElasticOnHeap(64)}) {
                in.write(new byte[] {7, 7, 7}); // the record starts past other bytes, as in a map entry
                in.readSkip(3);
                in.write(stored);
                MemberRecord back = MARSHALLER.read(in, stored.length, new MemberRecord());
                assertEquals(3 + stored.length, in.readPosition(), "the whole record is consumed");
                assertArrayEquals(stored, written(back, Bytes.allocateElasticOnHeap(64)), "seed " + seed);
                in.releaseLast();
            }
        }
    }

    private static byte[] written(MemberRecord r, Bytes<?> out) {
        out.writeLong(-1L); // the record starts past other bytes, as in a map entry
        MARSHALLER.write(out, MARSHALLER.size(r), r);
        assertEquals(8 + r.storedSize(), out.writePosition());
        byte[] bytes = new byte[r.storedSize()];
        out.read(8, bytes, 0, bytes.length);
        out.releaseLast();
        return bytes;
    }

    private static MemberRecord randomRecord(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MemberRecord r = new MemberRecord();
        r.available = random.nextLong();
        r.pending = random.nextLong();
        r.lifetimeEarned = random.nextLong();
        r.lifetimeRedeemed = random.nextLong();
        r.lifetimeExpired = random.nextLong();
        r.lastSequence = random.nextLong();
        r.enrolledAtMillis = random.nextLong();
        r.lastActivityMillis = random.nextLong();
        r.settledThroughMillis = random.nextLong();
        r.purchaseCount = random.nextLong();
        r.debt = random.nextLong();
        r.capDay = random.nextLong();
        r.mergedInto = random.nextLong();
        r.tierFloorUntilMillis = random.nextLong();
        r.tierReviewAtMillis = random.nextLong();
        r.qualifyingMonth = random.nextLong();
        for (int i = 0; i < MemberRecord.QUALIFYING_MONTHS; i++) {
            r.qualifying[i] = random.nextLong();
        }
        r.tier = random.nextInt();
        r.status = random.nextInt();
        r.tierFloor = random.nextInt();
        r.birthday = random.nextInt();
        r.lotCount = random.nextInt(seed == 1 ? MemberRecord.MAX_LOTS + 1 : 40);
        r.birthdayBonusYear = random.nextInt();
        r.latestMovement = random.nextLong();
        r.periodStartTier = random.nextInt();
        r.holdCount = random.nextInt(MemberRecord.MAX_HOLDS + 1);
        for (int i = 0; i < MemberRecord.CAP_DAYS; i++) {
            r.earnedByDay[i] = random.nextLong();
        }
        r.held = random.nextLong();
        r.closedHoldCount = random.nextInt(MemberRecord.MAX_HOLDS + 1);
        r.closedHoldNext = random.nextInt();
        r.mergeCount = random.nextInt();
        r.walletCount = random.nextInt(MemberRecord.MAX_WALLETS + 1);
        r.lifetimeAdjusted = random.nextLong();
        r.noticedExpiryMillis = random.nextLong();
        r.announcedTier = random.nextInt();
        r.expiredCount = random.nextInt(seed == 2 ? MemberRecord.MAX_EXPIRED + 1 : 6);
        for (int i = 0; i < r.lotCount; i++) {
            r.lotExpiresAt[i] = random.nextLong();
            r.lotPendingUntil[i] = random.nextLong();
            r.lotPoints[i] = random.nextLong();
        }
        for (int i = 0; i < r.holdCount; i++) {
            r.holdKey[i] = random.nextLong();
            r.holdPoints[i] = random.nextLong();
            r.holdExpiresAt[i] = random.nextLong();
        }
        for (int i = 0; i < r.closedHoldCount; i++) {
            r.closedHoldKey[i] = random.nextLong();
            r.closedHoldHow[i] = random.nextLong();
        }
        for (int i = 0; i < r.walletCount; i++) {
            r.walletKey[i] = random.nextLong();
            r.walletBalance[i] = random.nextLong();
        }
        for (int i = 0; i < r.expiredCount; i++) {
            r.expiredAt[i] = random.nextLong();
            r.expiredPoints[i] = random.nextLong();
            r.expiredKeepFrom[i] = random.nextLong();
        }
        return r;
    }

    /** The stored layout as the record's fields in order, native byte order: the format files hold. */
    private static byte[] fieldByField(MemberRecord r) {
        Bytes<?> out = Bytes.allocateElasticOnHeap(64);
        out.writeLong(r.available).writeLong(r.pending).writeLong(r.lifetimeEarned).writeLong(r.lifetimeRedeemed)
                .writeLong(r.lifetimeExpired).writeLong(r.lastSequence).writeLong(r.enrolledAtMillis)
                .writeLong(r.lastActivityMillis).writeLong(r.settledThroughMillis).writeLong(r.purchaseCount)
                .writeLong(r.debt).writeLong(r.capDay).writeLong(r.mergedInto).writeLong(r.tierFloorUntilMillis)
                .writeLong(r.tierReviewAtMillis).writeLong(r.qualifyingMonth);
        for (int i = 0; i < MemberRecord.QUALIFYING_MONTHS; i++) {
            out.writeLong(r.qualifying[i]);
        }
        out.writeInt(r.tier).writeInt(r.status).writeInt(r.tierFloor).writeInt(r.birthday).writeInt(r.lotCount)
                .writeInt(r.birthdayBonusYear).writeLong(r.latestMovement).writeInt(r.periodStartTier)
                .writeInt(r.holdCount);
        for (int i = 0; i < MemberRecord.CAP_DAYS; i++) {
            out.writeLong(r.earnedByDay[i]);
        }
        out.writeLong(r.held).writeInt(r.closedHoldCount).writeInt(r.closedHoldNext).writeInt(r.mergeCount)
                .writeInt(r.walletCount).writeLong(r.lifetimeAdjusted).writeLong(r.noticedExpiryMillis)
                .writeInt(r.announcedTier).writeInt(r.expiredCount);
        assertEquals(MemberRecord.HEADER_SIZE, out.writePosition(), "the header's size");
        for (int i = 0; i < r.lotCount; i++) {
            out.writeLong(r.lotExpiresAt[i]).writeLong(r.lotPendingUntil[i]).writeLong(r.lotPoints[i]);
        }
        for (int i = 0; i < r.holdCount; i++) {
            out.writeLong(r.holdKey[i]).writeLong(r.holdPoints[i]).writeLong(r.holdExpiresAt[i]);
        }
        for (int i = 0; i < r.closedHoldCount; i++) {
            out.writeLong(r.closedHoldKey[i]).writeLong(r.closedHoldHow[i]);
        }
        for (int i = 0; i < r.walletCount; i++) {
            out.writeLong(r.walletKey[i]).writeLong(r.walletBalance[i]);
        }
        for (int i = 0; i < r.expiredCount; i++) {
            out.writeLong(r.expiredAt[i]).writeLong(r.expiredPoints[i]).writeLong(r.expiredKeepFrom[i]);
        }
        byte[] bytes = new byte[(int) out.writePosition()];
        out.read(0, bytes, 0, bytes.length);
        out.releaseLast();
        return bytes;
    }
}
