package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.ResultCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A balance query reads the stored record and takes no journal sequence.
 */
class BalanceQueryTest extends ProcessorFixture {
    @Test
    void balanceReadsTheRecordWithoutTakingASequence() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        CommandSlot purchase = purchase(member, 4_200);

        CommandSlot slot = balance(member);

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(member, slot.resultMemberId);
        assertEquals(42, slot.available);
        assertEquals(42, slot.lifetimeEarned);
        assertEquals(purchase.sequence, slot.lastSequence);
        assertEquals(0, slot.sequence);
        assertEquals(purchase.sequence, state.counters().lastSequence());
    }

    @Test
    void balanceOfAnUnknownMemberIsNotFound() {
        open(100);
        enrol(null, null, null);

        assertEquals(ResultCode.MEMBER_NOT_FOUND, balance(2).result);
        assertEquals(1, state.counters().lastSequence());
    }
}
