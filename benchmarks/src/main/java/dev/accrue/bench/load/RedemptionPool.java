package dev.accrue.bench.load;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.RedeemRequest;

import java.util.SplittableRandom;

/**
 * Redemptions built before the run and reused, as {@link PurchasePool} does for purchases: a
 * random member by id, one of 20 partners and 500 stores, a fixed number of points, dated when
 * the pool is built (holds live for {@link #HOLD_TTL_SECONDS} of engine time from then, longer
 * than any run). Holds and captures are made from the same entries.
 */
final class RedemptionPool {
    static final int HOLD_TTL_SECONDS = 3_600;

    private final RedeemRequest[] redemptions;

    private RedemptionPool(RedeemRequest[] redemptions) {
        this.redemptions = redemptions;
    }

    /** {@code size} redemptions of {@code points} by members drawn from {@code memberIds}, event ids {@code prefix + index}. */
    static RedemptionPool build(int size, long[] memberIds, long points, String prefix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Timestamp now = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
        RedeemRequest[] redemptions = new RedeemRequest[size];
        for (int i = 0; i < size; i++) {
            redemptions[i] = RedeemRequest.newBuilder()
                    .setEventId(prefix + i)
                    .setMember(MemberRef.newBuilder().setMemberId(memberIds[random.nextInt(memberIds.length)]))
                    .setPartnerId(String.format("partner-%02d", random.nextInt(20)))
                    .setStoreId(String.format("store-%04d", random.nextInt(500)))
                    .setOccurredAt(now)
                    .setPoints(points)
                    .build();
        }
        return new RedemptionPool(redemptions);
    }

    int size() {
        return redemptions.length;
    }

    /** The pooled redemption at {@code index}, with {@code eventId} in place of its own unless null. */
    RedeemRequest redeem(int index, String eventId) {
        RedeemRequest r = redemptions[index];
        return eventId == null ? r : r.toBuilder().setEventId(eventId).build();
    }

    /** A hold of the pooled redemption's points, named {@code holdId}. */
    HoldRequest hold(int index, String holdId) {
        RedeemRequest r = redemptions[index];
        return HoldRequest.newBuilder()
                .setEventId(holdId)
                .setMember(r.getMember())
                .setPartnerId(r.getPartnerId())
                .setStoreId(r.getStoreId())
                .setOccurredAt(r.getOccurredAt())
                .setPoints(r.getPoints())
                .setTtlSeconds(HOLD_TTL_SECONDS)
                .build();
    }

    /** The capture of all of hold {@code holdId}, made from the pooled redemption at {@code index}. */
    CaptureRequest capture(int index, String holdId, String eventId) {
        RedeemRequest r = redemptions[index];
        return CaptureRequest.newBuilder()
                .setEventId(eventId)
                .setHoldId(holdId)
                .setMember(r.getMember())
                .setOccurredAt(r.getOccurredAt())
                .build();
    }
}
