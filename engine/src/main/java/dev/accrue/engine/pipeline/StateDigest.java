package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.Hash64;
import dev.accrue.engine.domain.MemberRecord;

import static dev.accrue.engine.domain.Hash64.mix;

/** {@link Hash64} over member records, field by field: a state fingerprint for replay checks. */
final class StateDigest {
    static final long EMPTY = Hash64.EMPTY;

    private StateDigest() {
    }

    static long add(long digest, long memberId, MemberRecord r) {
        digest = mix(digest, memberId);
        digest = mix(digest, r.available);
        digest = mix(digest, r.pending);
        digest = mix(digest, r.lifetimeEarned);
        digest = mix(digest, r.lifetimeRedeemed);
        digest = mix(digest, r.lifetimeExpired);
        digest = mix(digest, r.lastSequence);
        digest = mix(digest, r.enrolledAtMillis);
        digest = mix(digest, r.lastActivityMillis);
        digest = mix(digest, r.settledThroughMillis);
        digest = mix(digest, r.purchaseCount);
        digest = mix(digest, r.debt);
        digest = mix(digest, r.capDay);
        for (long earned : r.earnedByDay) {
            digest = mix(digest, earned);
        }
        digest = mix(digest, r.tierFloorUntilMillis);
        digest = mix(digest, r.tierReviewAtMillis);
        digest = mix(digest, r.qualifyingMonth);
        for (long bucket : r.qualifying) {
            digest = mix(digest, bucket);
        }
        digest = mix(digest, r.tier);
        digest = mix(digest, r.status);
        digest = mix(digest, r.tierFloor);
        digest = mix(digest, r.birthday);
        digest = mix(digest, r.birthdayBonusYear);
        digest = mix(digest, r.latestMovement);
        digest = mix(digest, r.periodStartTier);
        digest = mix(digest, r.held);
        digest = mix(digest, r.noticedExpiryMillis);
        digest = mix(digest, r.announcedTier);
        for (int i = 0; i < r.holdCount; i++) {
            digest = mix(digest, r.holdKey[i]);
            digest = mix(digest, r.holdPoints[i]);
            digest = mix(digest, r.holdExpiresAt[i]);
        }
        for (int i = 0; i < r.closedHoldCount; i++) {
            digest = mix(digest, r.closedHoldKey[i]);
            digest = mix(digest, r.closedHoldHow[i]);
        }
        digest = mix(digest, r.mergedInto);
        digest = mix(digest, r.mergeCount);
        digest = mix(digest, r.lifetimeAdjusted);
        for (int i = 0; i < r.walletCount; i++) {
            digest = mix(digest, r.walletKey[i]);
            digest = mix(digest, r.walletBalance[i]);
        }
        digest = mix(digest, r.lotCount);
        for (int i = 0; i < r.lotCount; i++) {
            digest = mix(digest, r.lotExpiresAt[i]);
            digest = mix(digest, r.lotPendingUntil[i]);
            digest = mix(digest, r.lotPoints[i]);
        }
        digest = mix(digest, r.expiredCount);
        for (int i = 0; i < r.expiredCount; i++) {
            digest = mix(digest, r.expiredAt[i]);
            digest = mix(digest, r.expiredPoints[i]);
            digest = mix(digest, r.expiredKeepFrom[i]);
        }
        return digest;
    }
}
