package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.IdentityStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An enrolment naming a card, e-shop id or phone another member already has is refused whole; the same value
 * as another kind of identity is no conflict.
 */
class IdentityConflictTest extends ProcessorFixture {
    @Test
    void enrolWithACardAlreadyLinkedIsRefusedAndCreatesNoMember() {
        open(100);
        enrol("CARD-1", null, null);
        long identitiesBefore = state.identities().count();

        CommandSlot slot = enrol("CARD-1", "new-shopper", "+420601999999");

        assertEquals(ResultCode.IDENTITY_ALREADY_LINKED, slot.result);
        assertEquals(0, slot.resultMemberId);
        assertEquals(1, state.counters().memberCount());
        assertEquals(1, state.members().count());
        assertEquals(2, state.counters().lastSequence(), "journaled, refused, no member created");
        assertEquals(identitiesBefore, state.identities().count());
        assertEquals(IdentityStore.NO_MEMBER, state.identities().find(IdentityKind.ESHOP, "new-shopper"));
        assertEquals(IdentityStore.NO_MEMBER, state.identities().find(IdentityKind.PHONE, "+420601999999"));
        assertEquals(2, enrol("CARD-2", null, null).resultMemberId, "the refused enrolment used no id");
    }

    @Test
    void enrolWithAPhoneAlreadyLinkedIsRefusedEvenWithANewCard() {
        open(100);
        enrol(null, null, "+420601000001");

        CommandSlot slot = enrol("NEW-CARD", null, "+420601000001");

        assertEquals(ResultCode.IDENTITY_ALREADY_LINKED, slot.result);
        assertEquals(IdentityStore.NO_MEMBER, state.identities().find(IdentityKind.CARD, "NEW-CARD"));
        assertEquals(1, state.counters().memberCount());
    }

    @Test
    void theSameValueAsADifferentKindOfIdentityIsNotAConflict() {
        open(100);
        enrol("+420601000001", null, null);

        CommandSlot slot = enrol(null, null, "+420601000001");

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(2, slot.resultMemberId);
    }
}
