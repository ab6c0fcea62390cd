package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.IdentityStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Enrolment: members take ids 1, 2, 3 and the next journal sequences, get a fresh record with every identity
 * linked, and are refused once the member store is full.
 */
class EnrolmentTest extends ProcessorFixture {
    @Test
    void enrolAssignsIdsOneTwoThreeAndIncreasingSequences() {
        open(100);

        CommandSlot first = enrol("C1", null, null);
        CommandSlot second = enrol(null, "e2", null);
        CommandSlot third = enrol(null, null, "+420601000003");

        assertEquals(ResultCode.OK, first.result);
        assertEquals(ResultCode.OK, second.result);
        assertEquals(ResultCode.OK, third.result);
        assertEquals(1, first.resultMemberId);
        assertEquals(2, second.resultMemberId);
        assertEquals(3, third.resultMemberId);
        assertEquals(1, first.sequence);
        assertEquals(2, second.sequence);
        assertEquals(3, third.sequence);
        assertEquals(3, state.counters().memberCount());
        assertEquals(3, state.counters().lastSequence());
        assertEquals(3, state.members().count());
    }

    @Test
    void enrolmentStoresAFreshRecordAndLinksEveryIdentity() {
        open(100);

        CommandSlot slot = enrol("CARD-1", "shopper-1", "+420601000001");

        MemberRecord record = stored(1);
        assertEquals(0, record.available);
        assertEquals(0, record.pending);
        assertEquals(0, record.lifetimeEarned);
        assertEquals(0, record.lifetimeRedeemed);
        assertEquals(slot.sequence, record.lastSequence);
        assertEquals(ENROLLED_AT, record.enrolledAtMillis);
        assertEquals(ENROLLED_AT, record.lastActivityMillis);
        assertEquals(0, record.tier);
        assertEquals(MemberRecord.STATUS_ACTIVE, record.status);
        assertEquals(1, state.identities().find(IdentityKind.CARD, "CARD-1"));
        assertEquals(1, state.identities().find(IdentityKind.ESHOP, "shopper-1"));
        assertEquals(1, state.identities().find(IdentityKind.PHONE, "+420601000001"));
        assertEquals(slot.sequence, slot.lastSequence);
        assertEquals(0, slot.available);
    }

    @Test
    void enrolmentWithoutIdentitiesLinksNothing() {
        open(100);

        CommandSlot slot = enrol(null, null, null);

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(0, state.identities().count());
    }

    @Test
    void enrolBeyondCapacityIsRefusedAndChangesNothing() {
        open(2);
        enrol("C1", null, null);
        enrol("C2", null, null);

        CommandSlot slot = enrol("C3", null, null);

        assertEquals(ResultCode.MEMBER_CAPACITY_REACHED, slot.result);
        assertEquals(2, state.counters().memberCount());
        assertEquals(2, state.members().count());
        assertEquals(3, state.counters().lastSequence(), "journaled, refused, no member created");
        assertEquals(IdentityStore.NO_MEMBER, state.identities().find(IdentityKind.CARD, "C3"));
        assertEquals(ResultCode.OK, purchase(2, 100).result, "members already enrolled still earn");
    }
}
