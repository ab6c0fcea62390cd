package dev.accrue.engine.pipeline;

import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.engine.command.CommandFingerprint;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.EngineState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly-once by event id, driven through the real business logic over real stores. */
class IdempotencyTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_790_000_000_000L;

    @TempDir
    Path dir;
    private EngineState state;
    private LoyaltyProcessor processor;
    private long sequence;

    @BeforeEach
    void open() {
        state = EngineState.open(dir.toFile(), 1_000, 10_000);
        TestPrograms.install(state, TestPrograms.baseOnly().build());
        processor = new LoyaltyProcessor(state, DurableSequence.ALL, 7 * DAY, Checkpointer.NONE);
        tick(T0);
        assertEquals(ResultCode.OK, run(enrol("enrol-1", "CARD-1")).result);
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void aRetryGetsTheOriginalReplyAndChangesNothing() {
        CommandSlot first = run(purchase("r-1", 12_345));
        CommandSlot second = run(purchase("r-2", 100));

        CommandSlot retry = run(purchase("r-1", 12_345));

        assertEquals(ResultCode.OK, retry.result);
        assertTrue(retry.retry);
        assertEquals(first.sequence, retry.sequence);
        assertEquals(123, retry.pointsEarned);
        assertEquals(first.available, retry.available, "the balance of the original reply");
        assertEquals(124, balance().available, "applied once");
        assertEquals(second.sequence + 1, state.counters().lastSequence(), "the retry is journaled but changes nothing");
    }

    @Test
    void theSameEventIdWithOtherContentIsRefusedAndChangesNothing() {
        run(purchase("r-1", 10_000));

        CommandSlot reuse = run(purchase("r-1", 20_000));

        assertEquals(ResultCode.EVENT_ID_REUSED, reuse.result);
        assertEquals(100, balance().available);
    }

    @Test
    void aCommandStampedByItsPublisherAndOneHashedByTheBusinessThreadAreTheSameEvent() {
        CommandSlot stamped = withOneLine(purchase("r-1", 12_345));
        CommandFingerprint.stamp(stamped);
        run(stamped);

        CommandSlot unstamped = withOneLine(purchase("r-1", 12_345));
        assertTrue(run(unstamped).retry, "a retry replayed from the journal is not stamped");

        CommandSlot other = purchase("r-1", 12_346);
        CommandFingerprint.stamp(other);
        assertEquals(ResultCode.EVENT_ID_REUSED, run(other).result);
        assertEquals(123, balance().available);
    }

    @Test
    void aStampIsUsedOnceSoASlotFilledAgainWithoutAResetIsHashedAgain() {
        CommandSlot slot = purchase("r-1", 10_000);
        CommandFingerprint.stamp(slot);
        run(slot);

        slot.eventId = "r-2";
        slot.totalMinor = 20_000;
        run(slot);

        assertFalse(slot.retry, "r-2 is a new event, not r-1 again");
        assertTrue(run(purchase("r-2", 20_000)).retry, "r-2 was remembered by its own content");
        assertEquals(300, balance().available);
    }

    @Test
    void aRefusedCommandIsNotRememberedSoItsRetryIsEvaluatedAfresh() {
        CommandSlot refused = run(purchaseByCard("r-1", "CARD-2", 5_000));
        assertEquals(ResultCode.MEMBER_NOT_FOUND, refused.result);
        run(enrol("enrol-2", "CARD-2"));

        CommandSlot retried = run(purchaseByCard("r-1", "CARD-2", 5_000));

        assertEquals(ResultCode.OK, retried.result);
        assertFalse(retried.retry);
        assertEquals(50, retried.available);
    }

    @Test
    void anEnrolmentRetryReturnsTheSameMemberWithoutEnrollingAgain() {
        CommandSlot retry = run(enrol("enrol-1", "CARD-1"));

        assertEquals(ResultCode.OK, retry.result);
        assertEquals(1, retry.resultMemberId);
        assertEquals(1, state.counters().memberCount());
    }

    @Test
    void eventIdsAreRememberedThroughoutTheRetention() {
        run(purchase("r-1", 10_000));

        sweepEverySlice(T0 + 7 * DAY - 1);

        assertTrue(run(purchase("r-1", 10_000)).retry);
        assertEquals(100, balance().available);
    }

    @Test
    void eventIdsOlderThanTheRetentionAreForgottenByTheSweep() {
        run(purchase("r-1", 10_000));

        sweepEverySlice(T0 + 8 * DAY);

        assertEquals(0, state.appliedEvents().count(), "the enrolment and the purchase are both older");
        CommandSlot again = run(purchase("r-1", 10_000));
        assertFalse(again.retry, "forgotten ids are new events again");
    }

    @Test
    void aCallersClockInThePastDoesNotShortenRetention() {
        CommandSlot old = purchase("r-old", 10_000);
        old.occurredAtMillis = 0;
        run(old);

        sweepEverySlice(T0 + DAY);

        CommandSlot retry = purchase("r-old", 10_000);
        retry.occurredAtMillis = 0;
        assertTrue(run(retry).retry);
    }

    @Test
    void aFullIdempotencyTableRefusesNewEventsAndChangesNothingUntilTheSweepFreesIt() {
        state.close();
        state = EngineState.open(dir.resolve("small").toFile(), 1_000, 3);
        TestPrograms.install(state, TestPrograms.baseOnly().build());
        processor = new LoyaltyProcessor(state, DurableSequence.ALL, 7 * DAY, Checkpointer.NONE);
        tick(T0);
        run(enrol("enrol-1", "CARD-1"));
        run(purchase("r-1", 100));
        run(purchase("r-2", 100));

        CommandSlot refused = run(purchase("r-3", 100));

        assertEquals(ResultCode.EVENT_ID_CAPACITY_REACHED, refused.result);
        assertEquals(2, balance().available, "not applied");
        assertTrue(run(purchase("r-2", 100)).retry, "retries of remembered events are still answered");
        sweepEverySlice(T0 + 8 * DAY);
        assertEquals(ResultCode.OK, run(purchase("r-3", 100)).result);
        assertEquals(3, balance().available);
    }

    private void sweepEverySlice(long at) {
        for (int i = 0; i < state.appliedEvents().slices(); i++) {
            tick(at);
        }
    }

    private CommandSlot run(CommandSlot slot) {
        if (slot.type.mutates()) {
            slot.sequence = ++sequence;
        }
        processor.process(slot);
        return slot;
    }

    private void tick(long at) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.CLOCK_TICK);
        slot.occurredAtMillis = at;
        run(slot);
    }

    private static CommandSlot enrol(String eventId, String card) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.ENROL);
        slot.eventId = eventId;
        slot.occurredAtMillis = T0;
        slot.enrolCard = card;
        return slot;
    }

    private static CommandSlot purchase(String eventId, long totalMinor) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);
        slot.eventId = eventId;
        slot.memberId = 1;
        slot.partnerId = "p";
        slot.storeId = "s";
        slot.channel = 1;
        slot.occurredAtMillis = T0 + 1_000;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = totalMinor;
        return slot;
    }

    private static CommandSlot withOneLine(CommandSlot slot) {
        slot.lineCount = 1;
        slot.lineSku[0] = "SKU-1";
        slot.lineCategory[0] = "grocery";
        slot.lineQuantity[0] = 1;
        slot.lineAmountMinor[0] = slot.totalMinor;
        return slot;
    }

    private static CommandSlot purchaseByCard(String eventId, String card, long totalMinor) {
        CommandSlot slot = purchase(eventId, totalMinor);
        slot.memberId = 0;
        slot.memberIdentityKind = IdentityKind.CARD;
        slot.memberIdentity = card;
        return slot;
    }

    private CommandSlot balance() {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.GET_BALANCE);
        slot.memberId = 1;
        return run(slot);
    }
}
