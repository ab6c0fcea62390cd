package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.MemberRecord;

/** FNV-1a (64-bit) over member records, field by field: a state fingerprint for replay checks. */
final class StateDigest {
    static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

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

    private static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ (value & 0xFF)) * PRIME;
            value >>>= 8;
        }
        return h;
    }
}
