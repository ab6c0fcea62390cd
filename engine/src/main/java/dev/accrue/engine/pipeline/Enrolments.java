package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;

/** ENROL: a new member, with the identities it is enrolled with, each of which must be free. */
final class Enrolments {
    private final MemberStore members;
    private final IdentityStore identities;
    private final EngineCounters counters;
    private final ProgramVersions programs;
    private final MemberRecord record = new MemberRecord();

    Enrolments(MemberStore members, IdentityStore identities, EngineCounters counters, ProgramVersions programs) {
        this.members = members;
        this.identities = identities;
        this.counters = counters;
        this.programs = programs;
    }

    void enrol(CommandSlot slot) {
        if (isLinked(IdentityKind.CARD, slot.enrolCard)
                || isLinked(IdentityKind.ESHOP, slot.enrolEshop)
                || isLinked(IdentityKind.PHONE, slot.enrolPhone)
                || isLinked(IdentityKind.EMAIL_HASH, slot.enrolEmailHash)) {
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
        record.enrol(slot.occurredAtMillis, slot.sequence).birthday = slot.enrolBirthday;
        members.write(memberId, record);
        link(IdentityKind.CARD, slot.enrolCard, memberId);
        link(IdentityKind.ESHOP, slot.enrolEshop, memberId);
        link(IdentityKind.PHONE, slot.enrolPhone, memberId);
        link(IdentityKind.EMAIL_HASH, slot.enrolEmailHash, memberId);
        counters.memberCount(memberId);
        BalanceCopy.copy(slot, memberId, record, counters.clockMillis(), programs);
    }

    private boolean isLinked(IdentityKind kind, String value) {
        return value != null && identities.find(kind, value) != IdentityStore.NO_MEMBER;
    }

    private void link(IdentityKind kind, String value, long memberId) {
        if (value != null) {
            identities.link(kind, value, memberId);
        }
    }
}
