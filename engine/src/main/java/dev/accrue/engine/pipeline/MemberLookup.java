package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;

/**
 * Finds the member a command names, by id or identity, and reads its record. A member merged into
 * another resolves to the survivor (through every merge since), so ids and identities known from
 * before a merge keep working. No allocation.
 */
final class MemberLookup {
    private final MemberStore members;
    private final IdentityStore identities;

    MemberLookup(MemberStore members, IdentityStore identities) {
        this.members = members;
        this.identities = identities;
    }

    /** The member named, its record read into {@code into}; {@link IdentityStore#NO_MEMBER} if there is none. */
    long find(long memberId, IdentityKind kind, CharSequence identity, MemberRecord into) {
        long id = memberId != 0 ? memberId : identities.find(kind, identity);
        return resolve(id, into);
    }

    /** The member {@code memberId} is now (itself, or the survivor of its merges), read into {@code into}. */
    long resolve(long memberId, MemberRecord into) {
        long id = memberId;
        for (int hops = 0; id != IdentityStore.NO_MEMBER && hops <= MemberRecord.MAX_MERGES; hops++) {
            if (!members.read(id, into)) {
                return IdentityStore.NO_MEMBER;
            }
            if (into.status != MemberRecord.STATUS_MERGED) {
                return id;
            }
            id = into.mergedInto;
        }
        return IdentityStore.NO_MEMBER;
    }
}
