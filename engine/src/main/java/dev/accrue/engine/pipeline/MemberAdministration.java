package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.AuditLog;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands that manage members rather than points flowing through them: identities, status,
 * tier floors, adjustments and merges, and the queries of a member's view and the audit log.
 * Admin changes are written to the audit log as they are applied. The member is settled to the
 * engine clock before any change, as for a purchase.
 */
final class MemberAdministration {
    private final MemberStore members;
    private final IdentityStore identities;
    private final EngineCounters counters;
    private final ProgramVersions programs;
    private final MemberSettlement settlement;
    private final MemberLookup lookup;
    private final AuditLog auditLog;
    private final AdminAudit audit;
    private final IdentityLinks links;
    private final MemberStatuses statuses;
    private final Adjustments adjustments;
    private final Merges merges;
    private final MemberRecord other = new MemberRecord();

    MemberAdministration(MemberStore members, IdentityStore identities, EngineCounters counters,
                         ProgramVersions programs, MemberSettlement settlement, MemberLookup lookup,
                         MemberHistory history, AuditLog auditLog) {
        this.members = members;
        this.identities = identities;
        this.counters = counters;
        this.programs = programs;
        this.settlement = settlement;
        this.lookup = lookup;
        this.auditLog = auditLog;
        this.audit = new AdminAudit(auditLog, counters);
        this.links = new IdentityLinks(identities);
        this.statuses = new MemberStatuses(history, programs);
        this.adjustments = new Adjustments(history);
        this.merges = new Merges(members, identities, history);
    }

    /** Applies one member-administration command to {@code r}, the slot's member, read and found. */
    void apply(CommandSlot slot, MemberRecord r, long memberId) {
        long now = counters.clockMillis();
        switch (slot.type) {
            case LINK_IDENTITY -> finish(slot, r, memberId, links.link(slot, r, memberId));
            case UNLINK_IDENTITY -> finish(slot, r, memberId, links.unlink(slot, memberId));
            case SET_MEMBER_STATUS -> {
                settled(r, memberId, now, slot);
                int before = r.status;
                ResultCode result = statuses.set(slot, r, memberId);
                if (result == ResultCode.OK && before != r.status) {
                    audit.record(slot, memberId, slot.memberStatus);
                }
                finish(slot, r, memberId, result);
            }
            case SET_TIER_FLOOR -> finish(slot, r, memberId, setTierFloor(slot, r, memberId, now));
            case ADJUST_POINTS -> {
                settled(r, memberId, now, slot);
                ResultCode result = adjustments.adjust(slot, r, memberId, programs.latest().program());
                long points = slot.pointsEarned;
                if (result == ResultCode.OK) {
                    audit.record(slot, memberId, points);
                }
                finish(slot, r, memberId, result);
                slot.pointsEarned = points;
            }
            case MERGE_MEMBERS -> finish(slot, r, memberId, merge(slot, r, memberId, now));
            default -> throw new IllegalArgumentException("not member administration: " + slot.type);
        }
    }

    private ResultCode setTierFloor(CommandSlot slot, MemberRecord r, long memberId, long now) {
        if (slot.tierFloor >= programs.latest().program().tiers().size()) {
            return ResultCode.TIER_UNKNOWN;
        }
        if (r.status == MemberRecord.STATUS_CLOSED) {
            return ResultCode.MEMBER_CLOSED;
        }
        settled(r, memberId, now, slot);
        r.tierFloor = slot.tierFloor == 0 ? MemberRecord.NO_TIER_FLOOR : slot.tierFloor;
        r.tierFloorUntilMillis = slot.tierFloor == 0 ? 0 : slot.occurredAtMillis;
        // occurredAtMillis is the floor's end here: the change is dated by the engine clock.
        settlement.recordNotices(r, memberId, now, now, slot.sequence, slot.eventId);
        audit.record(slot, memberId, slot.tierFloor);
        return ResultCode.OK;
    }

    private ResultCode merge(CommandSlot slot, MemberRecord survivor, long survivorId, long now) {
        long mergedId = lookup.find(slot.otherMemberId, slot.otherIdentityKind, slot.otherIdentity, other);
        if (mergedId == IdentityStore.NO_MEMBER) {
            return ResultCode.MERGED_MEMBER_NOT_FOUND;
        }
        // Both settled to one time, so that their lots' pending states agree.
        long at = Math.max(now, Math.max(survivor.settledThroughMillis, other.settledThroughMillis));
        ResultCode result = merges.merge(slot, settled(survivor, survivorId, at, slot), survivorId,
                settled(other, mergedId, at, slot), mergedId, programs.latest().program(), at);
        if (result == ResultCode.OK) {
            settlement.recordNotices(survivor, survivorId, at, slot.occurredAtMillis, slot.sequence, slot.eventId);
            audit.record(slot, survivorId, mergedId);
        }
        return result;
    }

    /**
     * Settles a member before a change that may yet be refused, and writes it at once when that
     * recorded movements: the log (the member events) must never hold a movement the member's
     * record has not taken.
     */
    private MemberRecord settled(MemberRecord r, long memberId, long at, CommandSlot slot) {
        if (settlement.settleAndRecord(r, memberId, at, slot.sequence)) {
            members.write(memberId, r);
        }
        return r;
    }

    /** On OK writes the member back and copies its balance; otherwise only the result. */
    private void finish(CommandSlot slot, MemberRecord r, long memberId, ResultCode result) {
        if (result != ResultCode.OK) {
            slot.result = result;
            return;
        }
        r.lastSequence = slot.sequence;
        members.write(memberId, r);
        BalanceCopy.copy(slot, memberId, r, counters.clockMillis(), programs);
        if (answersWithMember(slot.type)) {
            view(slot, r, memberId); // these answer with the member's whole view
        }
    }

    /**
     * The reply to a retry of a member change applied before the engine kept replies whole (see
     * {@link MemberChangeReceipts}): the member as it stands, read and settled as GetBalance reads
     * it, nothing written.
     */
    void answerRetry(CommandSlot slot, MemberRecord r, long memberId) {
        long current = lookup.resolve(memberId, r);
        if (current != IdentityStore.NO_MEMBER) {
            settlement.settle(r, counters.clockMillis());
            BalanceCopy.copy(slot, current, r, counters.clockMillis(), programs);
            if (answersWithMember(slot.type)) {
                view(slot, r, current);
            }
        }
    }

    /** Identity, status and merge calls answer with the member's whole view; adjustments and tier floors with a balance. */
    static boolean answersWithMember(CommandType type) {
        return type != CommandType.ADJUST_POINTS && type != CommandType.SET_TIER_FLOOR;
    }

    /** GET_MEMBER: the member as one view (a query: it allocates its answer). */
    void view(CommandSlot slot, MemberRecord r, long memberId) {
        List<MemberView.Identity> linked = new ArrayList<>();
        identities.forEachOf(memberId, (kind, value) -> linked.add(new MemberView.Identity(kind, value)));
        slot.replyMessage = new MemberView(r.enrolledAtMillis, r.birthday, r.mergeCount, linked);
    }

    /** GET_AUDIT_LOG: a page of the audit log, or PAGE_TOKEN_INVALID for a position it does not have. */
    void auditPage(CommandSlot slot) {
        if (!auditLog.isEntryStart(slot.auditFrom)) {
            slot.result = ResultCode.PAGE_TOKEN_INVALID;
            return;
        }
        slot.replyMessage = auditLog.read(slot.auditFrom, slot.auditPageSize);
        slot.result = ResultCode.OK;
    }
}
