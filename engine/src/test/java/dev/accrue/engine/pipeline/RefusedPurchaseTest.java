package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Purchases refused (an unknown member, a currency the program does not accept, a balance that would overflow):
 * journaled, so they take a sequence, but they change no member.
 */
class RefusedPurchaseTest extends ProcessorFixture {
    @Test
    void unknownMemberIsNotFoundAndNothingChanges() {
        open(100);
        long member = enrol("CARD-1", null, null).resultMemberId;
        purchase(member, 5_000);
        long sequenceBefore = state.counters().lastSequence();

        CommandSlot byId = purchase(99, 1_000);
        CommandSlot byNextId = purchase(member + 1, 1_000);
        CommandSlot byCard = purchase(IdentityKind.CARD, "NO-SUCH-CARD", 1_000);
        CommandSlot byWrongKind = purchase(IdentityKind.PHONE, "CARD-1", 1_000);

        for (CommandSlot slot : new CommandSlot[] {byId, byNextId, byCard, byWrongKind}) {
            assertEquals(ResultCode.MEMBER_NOT_FOUND, slot.result);
            assertEquals(0, slot.pointsEarned);
        }
        // Refused commands are journaled (a replay refuses them again), so they take journal
        // positions; they change no member.
        assertEquals(sequenceBefore + 4, state.counters().lastSequence());
        assertEquals(sequenceBefore, stored(member).lastSequence, "the member is untouched");
        assertEquals(1, state.counters().memberCount());
        assertEquals(1, state.members().count());
        assertEquals(50, stored(member).available);
        assertFalse(state.members().read(99, new MemberRecord()));
        assertEquals(sequenceBefore + 5, purchase(member, 100).sequence, "the next event takes the next number");
    }

    @Test
    void purchaseInACurrencyTheProgramDoesNotAcceptChangesNothing() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        purchase(member, 1_000);
        ProcessorDriver.Purchase purchase = purchaseOf(member, "SEK", 1_000);

        CommandSlot slot = purchase.apply();

        assertEquals(ResultCode.CURRENCY_NOT_ACCEPTED, slot.result);
        assertEquals(3, state.counters().lastSequence(), "journaled, refused");
        assertEquals(2, stored(member).lastSequence, "the member is untouched");
        assertEquals(10, stored(member).available);
    }

    @Test
    void purchaseThatWouldOverflowTheBalanceChangesNothing() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        MemberRecord rich = stored(member);
        rich.available = Long.MAX_VALUE - 5;
        rich.lifetimeEarned = Long.MAX_VALUE - 5;
        state.members().write(member, rich);
        long sequenceBefore = state.counters().lastSequence();

        CommandSlot slot = purchase(member, 1_000);

        assertEquals(ResultCode.BALANCE_OVERFLOW, slot.result);
        assertEquals(sequenceBefore + 1, state.counters().lastSequence(), "journaled, refused");
        assertEquals(sequenceBefore, stored(member).lastSequence, "the member is untouched");
        assertEquals(Long.MAX_VALUE - 5, stored(member).available);
        assertEquals(ResultCode.OK, purchase(member, 500).result, "5 points still fit");
        assertEquals(Long.MAX_VALUE, stored(member).available);
    }
}
