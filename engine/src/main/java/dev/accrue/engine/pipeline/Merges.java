package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.rules.MemberMerge;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;

/**
 * Merging one member into another (one customer with two cards enrolled twice). The survivor takes
 * over the merged member's record (see {@link MemberMerge}) and identities; a MERGED movement in
 * its history starts the merged member's own history, which the history query interleaves. The
 * merged member's record stays, emptied, pointing at the survivor, so that its id resolves there.
 */
final class Merges {
    private final MemberStore members;
    private final IdentityStore identities;
    private final MemberHistory history;

    Merges(MemberStore members, IdentityStore identities, MemberHistory history) {
        this.members = members;
        this.identities = identities;
        this.history = history;
    }

    /**
     * Merges {@code merged} into {@code survivor}, both read and settled to the same time; on OK
     * the merged record is written here and the survivor's is left for the caller to write.
     */
    ResultCode merge(CommandSlot slot, MemberRecord survivor, long survivorId, MemberRecord merged, long mergedId,
                     CompiledProgram program, long now) {
        if (survivorId == mergedId) {
            return ResultCode.MERGE_SAME_MEMBER;
        }
        ResultCode inactive = inactive(survivor);
        if (inactive == ResultCode.OK) {
            inactive = inactive(merged);
        }
        if (inactive != ResultCode.OK) {
            return inactive;
        }
        if (!MemberMerge.fits(survivor, merged)
                || identities.countOf(survivorId) + identities.countOf(mergedId) > IdentityStore.MAX_PER_MEMBER) {
            return ResultCode.MERGE_LIMIT_REACHED;
        }
        long mergedHistory = merged.latestMovement;
        MemberMerge.combine(survivor, merged, survivorId, program, now);
        // Points 0: the merged member's own movements, which follow in the history, carry its
        // points, so a history still adds up to the balance.
        Movement m = history.start(Movement.Kind.MERGED, survivorId, slot);
        m.related = mergedHistory;
        m.otherMemberId = mergedId;
        m.admin.append(slot.admin);
        m.reason.append(slot.reason);
        history.append(survivor);
        merged.lastSequence = slot.sequence;
        members.write(mergedId, merged);
        identities.moveAll(mergedId, survivorId);
        return ResultCode.OK;
    }

    /** Only active members merge: a suspension or closure must not be washed away by a merge. */
    private static ResultCode inactive(MemberRecord r) {
        return switch (r.status) {
            case MemberRecord.STATUS_CLOSED -> ResultCode.MEMBER_CLOSED;
            case MemberRecord.STATUS_SUSPENDED -> ResultCode.MEMBER_SUSPENDED;
            default -> ResultCode.OK;
        };
    }
}
