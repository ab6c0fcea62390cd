package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.IdentityKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the processor wrote survives closing and reopening the stores: members, identities, balances and the
 * counters the next ids and sequences come from.
 */
class ReopenedStateTest extends ProcessorFixture {
    @Test
    void stateWrittenByTheProcessorSurvivesReopening() {
        open(100);
        long member = enrol("CARD-1", null, null).resultMemberId;
        purchase(member, 777);
        engine.close();
        engine = null;

        open(100);

        assertEquals(1, state.counters().memberCount());
        assertEquals(2, state.counters().lastSequence());
        assertEquals(member, purchase(IdentityKind.CARD, "CARD-1", 300).resultMemberId);
        assertEquals(10, stored(member).available);
        assertEquals(3, stored(member).lastSequence);
        assertEquals(2, enrol(null, null, null).resultMemberId);
    }
}
