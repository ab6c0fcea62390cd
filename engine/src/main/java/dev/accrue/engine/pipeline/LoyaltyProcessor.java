package dev.accrue.engine.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.InvalidProgramException;
import dev.accrue.engine.rules.ProgramCompiler;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.state.IdentityStore;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.MovementLog;
import dev.accrue.engine.state.ProgramStore;
import dev.accrue.engine.state.PurchaseIndex;
import dev.accrue.loyalty.v1.Program;

/**
 * The business logic: run by one thread, the only one that reads and writes member state. Applies
 * each command to the stores and writes the result into the slot. Allocates nothing per command.
 *
 * <p>A mutating command arrives with the sequence the journal gave it and is applied only if the
 * journal has made it durable. A command whose event id was applied before is answered with the
 * original reply and changes nothing. Time comes only from commands, never from a clock, so a
 * replay of the journal rebuilds the same state.
 */
public final class LoyaltyProcessor {
    private final MemberStore members;
    private final EngineCounters counters;
    private final ProgramStore programStore;
    private final ProgramVersions programs = new ProgramVersions();
    private final Accrual accrual = new Accrual(programs);
    private final MemberSettlement settlement;
    private final PurchaseIndex purchases;
    private final MovementLog movements;
    private final Returns returns;
    private final MemberQueries queries;
    private final Enrolments enrolments;
    private final Redemptions redemptions;
    private final MemberLookup lookup;
    private final MemberAdministration administration;
    private final IdempotencyGate idempotency;
    private final ClockTicks ticks;
    private final DurableSequence journal;
    private final Checkpointer checkpointer;

    private final MemberRecord record = new MemberRecord();
    private final Prefetch prefetch;

    /** How long purchases stay returnable unless configured: a year and a month. */
    public static final long DEFAULT_PURCHASE_RETENTION_MILLIS = 396 * 86_400_000L;

    public LoyaltyProcessor(EngineState state, DurableSequence journal, long eventIdRetentionMillis,
                            Checkpointer checkpointer) {
        this(state, journal, eventIdRetentionMillis, DEFAULT_PURCHASE_RETENTION_MILLIS, checkpointer);
    }

    public LoyaltyProcessor(EngineState state, DurableSequence journal, long eventIdRetentionMillis,
                            long purchaseRetentionMillis, Checkpointer checkpointer) {
        this.members = state.members();
        IdentityStore identities = state.identities();
        this.counters = state.counters();
        this.programStore = state.programs();
        this.purchases = state.purchases();
        this.movements = state.movements();
        this.settlement = new MemberSettlement(programs, movements, counters, purchaseRetentionMillis);
        this.lookup = new MemberLookup(members, identities);
        this.returns = new Returns(members, purchases, movements, counters, programs, settlement, lookup,
                purchaseRetentionMillis);
        this.redemptions = new Redemptions(members, movements, counters, state.appliedEvents());
        this.administration = new MemberAdministration(members, identities, counters, programs, settlement, lookup,
                new MemberHistory(movements, counters), state.audit());
        this.queries = new MemberQueries(members, counters, programs, lookup, settlement, administration,
                new HistoryQuery(movements, programs));
        this.enrolments = new Enrolments(members, identities, counters, programs);
        this.idempotency = new IdempotencyGate(state.appliedEvents(), counters,
                new RetryReceipts(purchases, movements, programs),
                new MemberChangeReceipts(state.receipts(), counters), administration);
        this.ticks = new ClockTicks(counters, state.appliedEvents(), purchases, members, settlement, programs,
                eventIdRetentionMillis, purchaseRetentionMillis);
        for (ProgramStore.StoredVersion stored : programStore.versions()) {
            programs.add(stored.effectiveFromMillis(), compile(stored.program()));
        }
        this.journal = journal;
        this.checkpointer = checkpointer;
        this.prefetch = new Prefetch(state.appliedEvents(), purchases, members);
        // Each write keeps when the member next needs settling, for the clock ticks' sweep (ClockTicks).
        members.quietTimes(record -> settlement.quietUntil(record, counters.clockMillis(), programs.longestNoticeMillis()));
        members.quietTerms(purchaseRetentionMillis, programs.longestNoticeMillis());
    }

    /** Loads what commands about to be processed will touch: see {@link Prefetch}. */
    public Prefetch prefetch() {
        return prefetch;
    }

    /**
     * What the journal's thread readies for each command ahead of this processor: the record of
     * the member the command names by id ({@link MemberStore#prepareWrite}); one named by card or
     * phone is found only here.
     */
    public WriteAhead writeAhead() {
        MemberStore store = members;
        return slot -> {
            if (slot.memberId > 0) {
                store.prepareWrite(slot.memberId);
            }
        };
    }

    /** The program versions applied; {@link ProgramVersions#published()} may be read from any thread. */
    public ProgramVersions programs() {
        return programs;
    }

    /**
     * Applies the first {@code count} commands of {@code slots} in order, having loaded what they
     * touch ahead ({@link Prefetch}): for a replay, which has the commands at hand in windows.
     */
    public void process(CommandSlot[] slots, int count) {
        if (count > 1) {
            prefetch.window(slots, count);
        }
        for (int i = 0; i < count; i++) {
            process(slots[i]);
        }
    }

    /** Applies one command and writes its result into the slot. */
    public void process(CommandSlot slot) {
        if (slot.type.mutates()) {
            if (slot.sequence == DurableSequence.NOT_JOURNALED || slot.sequence > journal.durableThrough()) {
                slot.result = ResultCode.JOURNAL_UNAVAILABLE;
                return;
            }
            // Refused commands move the counter too: it is the journal position the state reflects.
            counters.lastSequence(slot.sequence);
        }
        if (slot.type.idempotent()) {
            if (idempotency.answeredBefore(slot)) {
                return;
            }
            if (idempotency.full()) {
                // Applying it without remembering it would let a retry apply it twice.
                slot.result = ResultCode.EVENT_ID_CAPACITY_REACHED;
                return;
            }
        }
        switch (slot.type) {
            case PURCHASE -> purchase(slot);
            case ENROL -> enrolments.enrol(slot);
            case GET_BALANCE -> queries.balance(slot);
            case CLOCK_TICK -> ticks.tick(slot);
            case STATE_DIGEST -> queries.digest(slot);
            case PROGRAM_CHANGE -> changeProgram(slot);
            case RETURN -> returnPurchase(slot);
            case GET_HISTORY -> queries.history(slot);
            case SET_TIER_FLOOR, SET_MEMBER_STATUS, ADJUST_POINTS, MERGE_MEMBERS -> administer(slot, true);
            case LINK_IDENTITY, UNLINK_IDENTITY -> administer(slot, false);
            case GET_MEMBER -> queries.member(slot);
            case GET_AUDIT_LOG -> administration.auditPage(slot);
            case REDEEM, HOLD, CAPTURE, VOID_HOLD -> spendPoints(slot);
            case CHECKPOINT -> {
                checkpointer.checkpoint(counters.lastSequence());
                slot.result = ResultCode.OK;
                slot.lastSequence = counters.lastSequence();
            }
        }
        if (slot.type.idempotent() && slot.result == ResultCode.OK) {
            idempotency.remember(slot);
        }
    }

    private void purchase(CommandSlot slot) {
        long memberId = memberUnderProgram(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            return;
        }
        if (record.status == MemberRecord.STATUS_CLOSED) {
            slot.result = ResultCode.MEMBER_CLOSED;
            return;
        }
        if (purchases.full()) {
            // Applying it without indexing it would make it impossible to return.
            slot.result = ResultCode.PURCHASE_CAPACITY_REACHED;
            return;
        }
        settleAndKeep(memberId, slot.sequence);
        ResultCode applied = accrual.apply(slot, record);
        if (applied != ResultCode.OK) {
            slot.result = applied;
            return;
        }
        accrual.movement.memberId = memberId;
        long offset = movements.append(accrual.movement);
        counters.movementLogLength(movements.length());
        record.latestMovement = offset + 1;
        if (accrual.expiredAtOnce != 0) {
            // So that the history still adds up to the balance.
            settlement.recordExpired(record, memberId, accrual.expiredAtOnce, counters.clockMillis(), slot.sequence);
        }
        settlement.recordNotices(record, memberId, counters.clockMillis(), slot.occurredAtMillis, slot.sequence, slot.eventId);
        record.lastSequence = slot.sequence;
        record.lastActivityMillis = Math.max(record.lastActivityMillis, slot.occurredAtMillis);
        members.write(memberId, record);
        copyBalance(slot, memberId);
        purchases.addPurchase(slot.eventIdKey, slot.eventIdCheck, memberId, offset, counters.clockMillis(), slot.pending,
                slot.tier);
    }

    private void returnPurchase(CommandSlot slot) {
        if (programs.isEmpty()) {
            slot.result = ResultCode.NO_PROGRAM;
            return;
        }
        returns.apply(slot, record); // which copies the member's balance into its receipt
    }

    /** Redeem, hold, capture, void: the member settled first (expired holds released), then {@link Redemptions}. */
    private void spendPoints(CommandSlot slot) {
        long memberId = memberUnderProgram(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            return;
        }
        if (slot.type == CommandType.REDEEM || slot.type == CommandType.HOLD) {
            // A suspended member keeps its points but cannot spend them; a closed one has none.
            if (record.status == MemberRecord.STATUS_SUSPENDED) {
                slot.result = ResultCode.MEMBER_SUSPENDED;
                return;
            }
            if (record.status == MemberRecord.STATUS_CLOSED) {
                slot.result = ResultCode.MEMBER_CLOSED;
                return;
            }
        }
        settleAndKeep(memberId, slot.sequence);
        ResultCode result = switch (slot.type) {
            case REDEEM -> redemptions.redeem(slot, record, memberId, programs.latest().program());
            case HOLD -> redemptions.hold(slot, record, memberId);
            case CAPTURE -> redemptions.capture(slot, record, memberId);
            case VOID_HOLD -> redemptions.voidHold(slot, record, memberId);
            default -> throw new IllegalArgumentException("not a redemption: " + slot.type);
        };
        if (result != ResultCode.OK) {
            slot.result = result;
            return;
        }
        long points = slot.pointsEarned;
        copyBalance(slot, memberId);
        slot.pointsEarned = points;
    }

    /**
     * Settles {@link #record} before a command that may yet be refused, and writes it when that
     * recorded movements: the log (the member events) must never hold a movement the member's
     * record has not taken.
     */
    private void settleAndKeep(long memberId, long sequence) {
        if (settlement.settleAndRecord(record, memberId, counters.clockMillis(), sequence)) {
            members.write(memberId, record);
        }
    }

    /** Admin changes to one member; those judged by the program need one loaded. */
    private void administer(CommandSlot slot, boolean needsProgram) {
        long memberId = needsProgram ? memberUnderProgram(slot) : findMember(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            if (!needsProgram) {
                slot.result = ResultCode.MEMBER_NOT_FOUND;
            }
            return;
        }
        administration.apply(slot, record, memberId);
    }

    /** Applies a program version; validated on the way in, so it compiles here as it did there. */
    private void changeProgram(CommandSlot slot) {
        if (!programs.isEmpty() && slot.occurredAtMillis < programs.latest().effectiveFromMillis()) {
            slot.result = ResultCode.PROGRAM_EFFECTIVE_TOO_EARLY;
            return;
        }
        ProgramVersions.Version version = programs.add(slot.occurredAtMillis, compile(slot.programBytes));
        programStore.append(slot.occurredAtMillis, slot.programBytes);
        slot.programVersion = version.number();
        slot.result = ResultCode.OK;
    }

    private static dev.accrue.engine.rules.CompiledProgram compile(byte[] bytes) {
        try {
            return ProgramCompiler.compile(Program.parseFrom(bytes));
        } catch (InvalidProtocolBufferException | InvalidProgramException e) {
            // Programs are validated before they are journaled: this is a bug, not a caller's mistake.
            throw new IllegalStateException("a journaled program does not compile", e);
        }
    }

    /** The ring has no more commands for now: a moment to hand the movements to their writer. */
    public void endOfBatch() {
        movements.writeBehind();
    }

    /**
     * For a command judged by the program: the slot's member, read into {@link #record}; NO_MEMBER,
     * with the slot's result saying why, when there is no program yet or no such member.
     */
    private long memberUnderProgram(CommandSlot slot) {
        if (programs.isEmpty()) {
            slot.result = ResultCode.NO_PROGRAM;
            return IdentityStore.NO_MEMBER;
        }
        long memberId = findMember(slot);
        if (memberId == IdentityStore.NO_MEMBER) {
            slot.result = ResultCode.MEMBER_NOT_FOUND;
        }
        return memberId;
    }

    /** Resolves the slot's member and reads its record into {@link #record}; NO_MEMBER if absent. */
    private long findMember(CommandSlot slot) {
        return lookup.find(slot.memberId, slot.memberIdentityKind, slot.memberIdentity, record);
    }

    private void copyBalance(CommandSlot slot, long memberId) {
        BalanceCopy.copy(slot, memberId, record, counters.clockMillis(), programs);
    }
}
