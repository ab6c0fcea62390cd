package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.IdentityStore;

/** Linking and unlinking a member's external identities; each identity belongs to one member at most. */
final class IdentityLinks {
    private final IdentityStore identities;

    IdentityLinks(IdentityStore identities) {
        this.identities = identities;
    }

    ResultCode link(CommandSlot slot, MemberRecord r, long memberId) {
        long owner = identities.find(slot.identityKind, slot.identity);
        if (owner == memberId) {
            return ResultCode.OK; // already the member's: nothing to change
        }
        if (owner != IdentityStore.NO_MEMBER) {
            return ResultCode.IDENTITY_ALREADY_LINKED;
        }
        if (r.status == MemberRecord.STATUS_CLOSED) {
            return ResultCode.MEMBER_CLOSED;
        }
        if (identities.countOf(memberId) >= IdentityStore.MAX_PER_MEMBER) {
            return ResultCode.IDENTITY_LIMIT_REACHED;
        }
        identities.link(slot.identityKind, slot.identity, memberId);
        return ResultCode.OK;
    }

    ResultCode unlink(CommandSlot slot, long memberId) {
        return identities.unlink(slot.identityKind, slot.identity, memberId)
                ? ResultCode.OK : ResultCode.IDENTITY_NOT_LINKED;
    }
}
