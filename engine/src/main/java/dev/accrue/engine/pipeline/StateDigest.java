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
        digest = mix(digest, r.lastSequence);
        digest = mix(digest, r.enrolledAtMillis);
        digest = mix(digest, r.lastActivityMillis);
        digest = mix(digest, r.tier);
        return mix(digest, r.status);
    }
}
