package dev.accrue.engine.pipeline;

import dev.accrue.loyalty.v1.Program;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.state.IdentityStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The business logic applied directly to real Chronicle stores, one command at a time. */
class LoyaltyProcessorTest {
    private static final long ENROLLED_AT = 1_767_225_600_000L;
    private static final long BOUGHT_AT = 1_770_000_000_000L;
    /** EUR at a point per euro, JPY at 3 per 250 yen. */
    private static final Program PROGRAM = TestPrograms.baseOnly().clearBaseEarn()
            .addBaseEarn(TestPrograms.rate("EUR", 1, 100))
            .addBaseEarn(TestPrograms.rate("JPY", 3, 250))
            .build();

    @TempDir
    Path directory;
    private EngineState state;
    private LoyaltyProcessor processor;

    private long journalSequence;
    private static int eventIds;

    private void open(long capacity) {
        state = EngineState.open(directory.toFile(), capacity, 10_000);
        if (state.programs().versions().isEmpty()) {
            TestPrograms.install(state, PROGRAM);
        }
        processor = new LoyaltyProcessor(state, DurableSequence.ALL, 7 * 86_400_000L, Checkpointer.NONE);
        journalSequence = state.counters().lastSequence();
    }

    /** As the journal stage does: every mutating command takes the next sequence, then is applied. */
    private void apply(CommandSlot slot) {
        if (slot.type.mutates()) {
            slot.sequence = ++journalSequence;
        }
        processor.process(slot);
    }

    @AfterEach
    void close() {
        if (state != null) {
            state.close();
        }
    }

    private CommandSlot enrol(String card, String eshop, String phone) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.ENROL);
        slot.eventId = "enrol-" + (++eventIds);
        slot.occurredAtMillis = ENROLLED_AT;
        slot.enrolCard = card;
        slot.enrolEshop = eshop;
        slot.enrolPhone = phone;
        apply(slot);
        return slot;
    }

    private static CommandSlot purchaseSlot(String currency, long totalMinor) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);
        slot.eventId = "purchase-" + (++eventIds);
        slot.partnerId = "partner";
        slot.storeId = "store";
        slot.channel = 1;
        slot.occurredAtMillis = BOUGHT_AT;
        slot.currency = CurrencyCode.pack(currency);
        slot.totalMinor = totalMinor;
        return slot;
    }

    private CommandSlot purchase(long memberId, long totalMinor) {
        CommandSlot slot = purchaseSlot("EUR", totalMinor);
        slot.memberId = memberId;
        apply(slot);
        return slot;
    }

    private CommandSlot purchase(IdentityKind kind, String identity, long totalMinor) {
        CommandSlot slot = purchaseSlot("EUR", totalMinor);
        slot.memberIdentityKind = kind;
        slot.memberIdentity = identity;
        apply(slot);
        return slot;
    }

    private CommandSlot balance(long memberId) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.GET_BALANCE);
        slot.memberId = memberId;
        apply(slot);
        return slot;
    }

    private MemberRecord stored(long memberId) {
        MemberRecord record = new MemberRecord();
        assertTrue(state.members().read(memberId, record), "member " + memberId + " is stored");
        return record;
    }

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
    void purchaseCreditsTheTotalTimesTheRateRoundedDown() {
        open(100);
        long member = enrol("CARD-1", null, null).resultMemberId;

        CommandSlot slot = purchase(member, 12_399);

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(member, slot.resultMemberId);
        assertEquals(123, slot.pointsEarned);
        assertEquals(123, slot.available);
        assertEquals(123, slot.lifetimeEarned);
        assertEquals(2, slot.sequence);
        assertEquals(2, slot.lastSequence);
        MemberRecord record = stored(member);
        assertEquals(123, record.available);
        assertEquals(123, record.lifetimeEarned);
        assertEquals(2, record.lastSequence);
        assertEquals(BOUGHT_AT, record.lastActivityMillis);
        assertEquals(ENROLLED_AT, record.enrolledAtMillis);
    }

    @Test
    void purchaseInAnotherCurrencyUsesThatCurrencysRate() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        CommandSlot slot = purchaseSlot("JPY", 1_000);
        slot.memberId = member;

        apply(slot);

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(12, slot.pointsEarned, "1,000 yen at 3 points per 250 yen");
    }

    @Test
    void purchasesAccumulate() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;

        purchase(member, 1_000);
        purchase(member, 250);
        CommandSlot third = purchase(member, 99);

        assertEquals(0, third.pointsEarned);
        assertEquals(12, third.available);
        assertEquals(12, stored(member).lifetimeEarned);
        assertEquals(4, third.sequence);
    }

    @Test
    void purchaseByCardEshopIdOrPhoneResolvesTheMember() {
        open(100);
        enrol("OTHER", null, null);
        long member = enrol("CARD-2", "shopper-2", "+420601000002").resultMemberId;

        CommandSlot byCard = purchase(IdentityKind.CARD, "CARD-2", 100);
        CommandSlot byEshop = purchase(IdentityKind.ESHOP, "shopper-2", 200);
        CommandSlot byPhone = purchase(IdentityKind.PHONE, "+420601000002", 300);

        assertEquals(member, byCard.resultMemberId);
        assertEquals(member, byEshop.resultMemberId);
        assertEquals(member, byPhone.resultMemberId);
        assertEquals(6, byPhone.available);
        assertEquals(0, stored(1).available, "the other member is untouched");
    }

    @Test
    void anOlderPurchaseDoesNotMoveLastActivityBack() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        purchase(member, 100);
        CommandSlot older = purchaseSlot("EUR", 100);
        older.memberId = member;
        older.occurredAtMillis = BOUGHT_AT - 86_400_000;

        apply(older);

        assertEquals(ResultCode.OK, older.result);
        assertEquals(BOUGHT_AT, stored(member).lastActivityMillis);
    }

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
        CommandSlot slot = purchaseSlot("SEK", 1_000);
        slot.memberId = member;

        apply(slot);

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

    @Test
    void stateWrittenByTheProcessorSurvivesReopening() {
        open(100);
        long member = enrol("CARD-1", null, null).resultMemberId;
        purchase(member, 777);
        state.close();
        state = null;

        open(100);

        assertEquals(1, state.counters().memberCount());
        assertEquals(2, state.counters().lastSequence());
        assertEquals(member, purchase(IdentityKind.CARD, "CARD-1", 300).resultMemberId);
        assertEquals(10, stored(member).available);
        assertEquals(3, stored(member).lastSequence);
        assertEquals(2, enrol(null, null, null).resultMemberId);
    }
}
