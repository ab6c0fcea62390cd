package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;

/**
 * The reads: a member's balance, view and history, and the state digest. A member is settled to
 * the engine clock as it is read, but nothing is written: queries are not journaled.
 */
final class MemberQueries {
    private final MemberStore members;
    private final EngineCounters counters;
    private final ProgramVersions programs;
    private final MemberLookup lookup;
    private final MemberSettlement settlement;
    private final MemberAdministration administration;
    private final HistoryQuery history;
    private final MemberRecord record = new MemberRecord();

    MemberQueries(MemberStore members, EngineCounters counters, ProgramVersions programs, MemberLookup lookup,
                  MemberSettlement settlement, MemberAdministration administration, HistoryQuery history) {
        this.members = members;
        this.counters = counters;
        this.programs = programs;
        this.lookup = lookup;
        this.settlement = settlement;
        this.administration = administration;
        this.history = history;
    }

    /** GET_BALANCE: the member as settled now, and the points expiring before a date if asked. */
    void balance(CommandSlot slot) {
        long memberId = find(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            return;
        }
        settlement.settle(record, counters.clockMillis());
        copyBalance(slot, memberId);
        if (slot.expiringBefore != 0) {
            slot.expiringPoints = PointLots.expiringBy(record, slot.expiringBefore - 1);
        }
    }

    /** GET_MEMBER: the member's view and its balance as settled now. */
    void member(CommandSlot slot) {
        long memberId = find(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            return;
        }
        settlement.settle(record, counters.clockMillis());
        administration.view(slot, record, memberId);
        copyBalance(slot, memberId);
    }

    /** GET_HISTORY: a page of the member's movements, from the log as it stands. */
    void history(CommandSlot slot) {
        long memberId = find(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            return;
        }
        HistoryPage page = history.page(memberId, record.latestMovement, slot.historyToken,
                Math.min(Math.max(slot.historyPageSize, 1), HistoryQuery.MAX_PAGE_SIZE));
        if (page == HistoryQuery.BAD_TOKEN) {
            slot.result = ResultCode.PAGE_TOKEN_INVALID;
            return;
        }
        slot.replyMessage = page;
        copyBalance(slot, memberId);
    }

    /** STATE_DIGEST: hashes every member record in id order: equal journals, equal digests. */
    void digest(CommandSlot slot) {
        long count = counters.memberCount();
        long digest = StateDigest.EMPTY;
        for (long memberId = 1; memberId <= count; memberId++) {
            if (members.read(memberId, record)) {
                digest = StateDigest.add(digest, memberId, record);
            }
        }
        slot.result = ResultCode.OK;
        slot.digest = digest;
        slot.resultMemberId = count;
        slot.lastSequence = counters.lastSequence();
    }

    /** The slot's member, read into {@link #record}; NO_MEMBER, with the slot's result saying so, if absent. */
    private long find(CommandSlot slot) {
        long memberId = lookup.find(slot.memberId, slot.memberIdentityKind, slot.memberIdentity, record);
        if (memberId == IdentityStore.NO_MEMBER) {
            slot.result = ResultCode.MEMBER_NOT_FOUND;
        }
        return memberId;
    }

    private void copyBalance(CommandSlot slot, long memberId) {
        BalanceCopy.copy(slot, memberId, record, counters.clockMillis(), programs);
    }
}
