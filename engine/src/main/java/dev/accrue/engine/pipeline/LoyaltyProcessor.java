package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.LoyaltyProgram;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;

/**
 * The business logic: run by one thread, the only one that reads and writes member state. Applies
 * each command to the stores and writes the result into the slot. Allocates nothing per command.
 *
 * <p>Time comes only from the commands ({@code occurredAtMillis}), never from a clock, so a replay
 * of the same commands rebuilds the same state.
 */
public final class LoyaltyProcessor {
    private final MemberStore members;
    private final IdentityStore identities;
    private final EngineCounters counters;
    private final LoyaltyProgram program;
    private final MemberRecord record = new MemberRecord();

    public LoyaltyProcessor(EngineState state, LoyaltyProgram program) {
        this.members = state.members();
        this.identities = state.identities();
        this.counters = state.counters();
        this.program = program;
    }

    /** Applies one command and writes its result into the slot. */
    public void process(CommandSlot slot) {
        switch (slot.type) {
            case PURCHASE -> purchase(slot);
            case ENROL -> enrol(slot);
            case GET_BALANCE -> balance(slot);
        }
    }

    private void purchase(CommandSlot slot) {
        long memberId = findMember(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            slot.result = ResultCode.MEMBER_NOT_FOUND;
            return;
        }
        long points = program.baseEarn().points(slot.currency, slot.totalMinor);
        if (points < 0) {
            slot.result = ResultCode.CURRENCY_NOT_ACCEPTED;
            return;
        }
        if (record.available > Long.MAX_VALUE - points || record.lifetimeEarned > Long.MAX_VALUE - points) {
            slot.result = ResultCode.BALANCE_OVERFLOW;
            return;
        }
        long sequence = counters.nextSequence();
        record.available += points;
        record.lifetimeEarned += points;
        record.lastSequence = sequence;
        record.lastActivityMillis = Math.max(record.lastActivityMillis, slot.occurredAtMillis);
        members.write(memberId, record);

        slot.pointsEarned = points;
        slot.sequence = sequence;
        copyBalance(slot, memberId);
    }

    private void enrol(CommandSlot slot) {
        if (isLinked(IdentityKind.CARD, slot.enrolCard)
                || isLinked(IdentityKind.ESHOP, slot.enrolEshop)
                || isLinked(IdentityKind.PHONE, slot.enrolPhone)) {
            slot.result = ResultCode.IDENTITY_ALREADY_LINKED;
            return;
        }
        long count = counters.memberCount();
        if (count >= members.capacity()) {
            slot.result = ResultCode.MEMBER_CAPACITY_REACHED;
            return;
        }
        // Ids are dense and never reused: the next id is one more than the members ever enrolled.
        long memberId = count + 1;
        long sequence = counters.nextSequence();
        members.write(memberId, record.enrol(slot.occurredAtMillis, sequence));
        link(IdentityKind.CARD, slot.enrolCard, memberId);
        link(IdentityKind.ESHOP, slot.enrolEshop, memberId);
        link(IdentityKind.PHONE, slot.enrolPhone, memberId);
        counters.memberCount(memberId);

        slot.sequence = sequence;
        copyBalance(slot, memberId);
    }

    private void balance(CommandSlot slot) {
        long memberId = findMember(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            slot.result = ResultCode.MEMBER_NOT_FOUND;
            return;
        }
        copyBalance(slot, memberId);
    }

    /** Resolves the slot's member and reads its record into {@link #record}; NO_MEMBER if absent. */
    private long findMember(CommandSlot slot) {
        long memberId = slot.memberId != 0
                ? slot.memberId
                : identities.find(slot.memberIdentityKind, slot.memberIdentity);
        if (memberId == IdentityStore.NO_MEMBER || !members.read(memberId, record)) {
            return IdentityStore.NO_MEMBER;
        }
        return memberId;
    }

    private boolean isLinked(IdentityKind kind, String value) {
        return value != null && identities.find(kind, value) != IdentityStore.NO_MEMBER;
    }

    private void link(IdentityKind kind, String value, long memberId) {
        if (value != null) {
            identities.link(kind, value, memberId);
        }
    }

    private void copyBalance(CommandSlot slot, long memberId) {
        slot.result = ResultCode.OK;
        slot.resultMemberId = memberId;
        slot.available = record.available;
        slot.pending = record.pending;
        slot.lifetimeEarned = record.lifetimeEarned;
        slot.lifetimeRedeemed = record.lifetimeRedeemed;
        slot.tier = record.tier;
        slot.lastSequence = record.lastSequence;
    }
}
