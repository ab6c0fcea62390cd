package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.rules.InvalidProgramException;
import dev.accrue.engine.rules.ProgramCompiler;
import dev.accrue.engine.state.EngineState;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.Program;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives a {@link LoyaltyProcessor} over real Chronicle stores the way the pipeline does: every
 * mutating command takes the next journal sequence (all durable at once), then is applied on the
 * calling thread. Remembers the mutating commands it applied, so a test can replay them.
 */
final class ProcessorDriver implements AutoCloseable {
    static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    private static final long EVENT_ID_RETENTION_MILLIS = 400L * 86_400_000L;

    private final EngineState state;
    private final LoyaltyProcessor processor;
    private final List<CommandSlot> journal = new ArrayList<>();
    private long journalSequence;
    private int eventIds;

    /** A fresh state in {@code directory} with {@code program} as version 1, in force from the beginning of time. */
    ProcessorDriver(Path directory, Program program) {
        this(directory, program, 1_000);
    }

    /**
     * The state in {@code directory} for {@code memberCapacity} members: a fresh one with {@code program}
     * as version 1, or the one a closed driver left there, its journal sequence going on from where it was
     * (event ids are numbered from 1 again).
     */
    ProcessorDriver(Path directory, Program program, long memberCapacity) {
        compiles(program);
        state = EngineState.open(directory.toFile(), memberCapacity, 100_000);
        if (state.programs().versions().isEmpty()) {
            TestPrograms.install(state, program);
        }
        processor = new LoyaltyProcessor(state, DurableSequence.ALL, EVENT_ID_RETENTION_MILLIS, Checkpointer.NONE);
        journalSequence = state.counters().lastSequence();
    }

    /** An instant given as a local date and time in Prague, the test programs' zone. */
    static long prague(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PRAGUE).toInstant().toEpochMilli();
    }

    EngineState state() {
        return state;
    }

    LoyaltyProcessor processor() {
        return processor;
    }

    /** Copies of the mutating commands applied so far, in order: what the journal would hold. */
    List<CommandSlot> journal() {
        return journal;
    }

    /** As the journal stage and the business-logic stage do: sequence a mutating command, then apply it. */
    CommandSlot apply(CommandSlot slot) {
        if (slot.type.mutates()) {
            slot.sequence = ++journalSequence;
            journal.add(commandOf(slot));
        }
        processor.process(slot);
        return slot;
    }

    String nextEventId(String kind) {
        return kind + "-" + (++eventIds);
    }

    CommandSlot enrol(String card, int birthdayMmdd, long atMillis) {
        return enrol(card, null, null, birthdayMmdd, atMillis);
    }

    /** An enrolment linking whichever of a card, an e-shop id and a phone are not null. */
    CommandSlot enrol(String card, String eshop, String phone, long atMillis) {
        return enrol(card, eshop, phone, 0, atMillis);
    }

    private CommandSlot enrol(String card, String eshop, String phone, int birthdayMmdd, long atMillis) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.ENROL);
        slot.eventId = nextEventId("enrol");
        slot.occurredAtMillis = atMillis;
        slot.enrolCard = card;
        slot.enrolEshop = eshop;
        slot.enrolPhone = phone;
        slot.enrolBirthday = birthdayMmdd;
        return apply(slot);
    }

    /** A purchase in EUR to fill with lines, then {@link Purchase#apply()}. */
    Purchase purchase(long memberId, Channel channel, long atMillis) {
        return new Purchase(memberId, channel, atMillis);
    }

    /** A purchase naming its member by a card, an e-shop id or a phone instead of an id. */
    Purchase purchase(IdentityKind kind, String identity, Channel channel, long atMillis) {
        Purchase purchase = new Purchase(0, channel, atMillis);
        purchase.slot.memberIdentityKind = kind;
        purchase.slot.memberIdentity = identity;
        return purchase;
    }

    /** A return of the purchase with event id {@code purchaseEventId}: whole unless lines are added, then {@link Return#apply()}. */
    Return returnOf(String purchaseEventId, long atMillis) {
        return new Return(purchaseEventId, atMillis);
    }

    CommandSlot redeem(long memberId, long points, long atMillis) {
        CommandSlot slot = memberCommand(CommandType.REDEEM, "redeem", memberId, atMillis);
        slot.partnerId = "accrue-markets";
        slot.storeId = "prague-1";
        slot.totalMinor = points;
        return apply(slot);
    }

    /** Holds {@code points} at a till for {@code ttlSeconds} after {@code atMillis}; named by its event id. */
    CommandSlot hold(long memberId, long points, long atMillis, int ttlSeconds) {
        CommandSlot slot = memberCommand(CommandType.HOLD, "hold", memberId, atMillis);
        slot.partnerId = "accrue-markets";
        slot.storeId = "prague-1";
        slot.totalMinor = points;
        slot.holdTtlSeconds = ttlSeconds;
        return apply(slot);
    }

    /** Captures {@code points} (0: all) of the member's hold named by {@code holdId}. */
    CommandSlot capture(long memberId, String holdId, long points, long atMillis) {
        CommandSlot slot = memberCommand(CommandType.CAPTURE, "capture", memberId, atMillis);
        slot.holdId = holdId;
        slot.totalMinor = points;
        return apply(slot);
    }

    CommandSlot voidHold(long memberId, String holdId, long atMillis) {
        CommandSlot slot = memberCommand(CommandType.VOID_HOLD, "void", memberId, atMillis);
        slot.holdId = holdId;
        return apply(slot);
    }

    /** A new command of {@code type} for the member at {@code atMillis}, with a new event id. */
    private CommandSlot memberCommand(CommandType type, String kind, long memberId, long atMillis) {
        CommandSlot slot = new CommandSlot();
        slot.reset(type);
        slot.eventId = nextEventId(kind);
        slot.memberId = memberId;
        slot.occurredAtMillis = atMillis;
        return slot;
    }

    /** An admin's tier floor for the member until {@code untilMillis} (tier 0 clears it). */
    CommandSlot setTierFloor(long memberId, int tier, long untilMillis, String eventId) {
        CommandSlot floor = new CommandSlot();
        floor.reset(CommandType.SET_TIER_FLOOR);
        floor.eventId = eventId;
        floor.memberId = memberId;
        floor.tierFloor = tier;
        floor.occurredAtMillis = untilMillis; // a floor's command carries its end there
        return apply(floor);
    }

    CommandSlot tick(long atMillis) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.CLOCK_TICK);
        slot.occurredAtMillis = atMillis;
        return apply(slot);
    }

    CommandSlot balance(long memberId) {
        return balance(memberId, 0);
    }

    CommandSlot balance(long memberId, long expiringBefore) {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.GET_BALANCE);
        slot.memberId = memberId;
        slot.expiringBefore = expiringBefore;
        return apply(slot);
    }

    /** A program change as the admin API sends it: validated first, then journaled. */
    CommandSlot changeProgram(String eventId, Program program, long effectiveFromMillis) {
        compiles(program);
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PROGRAM_CHANGE);
        slot.eventId = eventId;
        slot.occurredAtMillis = effectiveFromMillis;
        slot.programBytes = program.toByteArray();
        return apply(slot);
    }

    CommandSlot digest() {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.STATE_DIGEST);
        return apply(slot);
    }

    /** The member's record as stored, read past the processor. */
    MemberRecord stored(long memberId) {
        MemberRecord record = new MemberRecord();
        assertTrue(state.members().read(memberId, record), "member " + memberId + " is stored");
        return record;
    }

    /** The receipt's points by rule id, in the order the rules gave them. */
    static Map<String, Long> earnedByRule(CommandSlot receipt) {
        Map<String, Long> byRule = new LinkedHashMap<>();
        for (int i = 0; i < receipt.earnedByRuleCount; i++) {
            byRule.merge(receipt.earnedByRuleId[i], receipt.earnedByRulePoints[i], Long::sum);
        }
        return byRule;
    }

    @Override
    public void close() {
        state.close();
    }

    private static void compiles(Program program) {
        try {
            ProgramCompiler.compile(program);
        } catch (InvalidProgramException e) {
            fail("the test program should be valid: " + e.problems());
        }
    }

    /** A copy of the command fields of a slot (not its results), as a journal replay would rebuild it. */
    static CommandSlot commandOf(CommandSlot s) {
        CommandSlot c = new CommandSlot();
        c.reset(s.type);
        c.eventId = s.eventId;
        c.memberId = s.memberId;
        c.memberIdentityKind = s.memberIdentityKind;
        c.memberIdentity = s.memberIdentity;
        c.partnerId = s.partnerId;
        c.storeId = s.storeId;
        c.channel = s.channel;
        c.occurredAtMillis = s.occurredAtMillis;
        c.currency = s.currency;
        c.totalMinor = s.totalMinor;
        c.paymentMethod = s.paymentMethod;
        c.lineCount = s.lineCount;
        for (int i = 0; i < s.lineCount; i++) {
            c.lineSku[i] = s.lineSku[i];
            c.lineCategory[i] = s.lineCategory[i];
            c.lineQuantity[i] = s.lineQuantity[i];
            c.lineAmountMinor[i] = s.lineAmountMinor[i];
            c.returnLine[i] = s.returnLine[i];
        }
        c.returnOf = s.returnOf;
        c.holdId = s.holdId;
        c.holdTtlSeconds = s.holdTtlSeconds;
        c.programBytes = s.programBytes;
        c.enrolCard = s.enrolCard;
        c.enrolEshop = s.enrolEshop;
        c.enrolPhone = s.enrolPhone;
        c.enrolBirthday = s.enrolBirthday;
        c.expiringBefore = s.expiringBefore;
        return c;
    }

    /** A purchase being written: lines first, then applied. */
    final class Purchase {
        private final CommandSlot slot = new CommandSlot();

        private Purchase(long memberId, Channel channel, long atMillis) {
            slot.reset(CommandType.PURCHASE);
            slot.eventId = nextEventId("purchase");
            slot.memberId = memberId;
            slot.channel = channel.getNumber();
            slot.occurredAtMillis = atMillis;
            slot.currency = CurrencyCode.pack("EUR");
            slot.partnerId = "accrue-markets";
            slot.storeId = channel == Channel.CHANNEL_ESHOP ? "web" : "prague-1";
        }

        /** One line of quantity 1; {@code category} may be null. */
        Purchase line(String sku, String category, long amountMinor) {
            return line(sku, category, 1, amountMinor);
        }

        /** One line of {@code quantity} units costing {@code amountMinor} in all; {@code category} may be null. */
        Purchase line(String sku, String category, long quantity, long amountMinor) {
            int i = slot.lineCount++;
            slot.lineSku[i] = sku;
            slot.lineCategory[i] = category;
            slot.lineQuantity[i] = quantity;
            slot.lineAmountMinor[i] = amountMinor;
            slot.totalMinor += amountMinor;
            return this;
        }

        /** No lines, only a total: {@code totalMinor} in {@code currency}, as a till that sends no basket does. */
        Purchase total(String currency, long totalMinor) {
            slot.currency = CurrencyCode.pack(currency);
            slot.totalMinor = totalMinor;
            return this;
        }

        Purchase eventId(String eventId) {
            slot.eventId = eventId;
            return this;
        }

        CommandSlot apply() {
            return ProcessorDriver.this.apply(slot);
        }
    }

    /** A return being written: the units of lines to return (none: everything left), then applied. */
    final class Return {
        private final CommandSlot slot = new CommandSlot();

        private Return(String purchaseEventId, long atMillis) {
            slot.reset(CommandType.RETURN);
            slot.eventId = nextEventId("return");
            slot.returnOf = purchaseEventId;
            slot.partnerId = "accrue-markets";
            slot.storeId = "prague-1";
            slot.occurredAtMillis = atMillis;
        }

        /** {@code quantity} units of the purchase's line {@code line} (0-based). */
        Return line(int line, long quantity) {
            int k = slot.lineCount++;
            slot.returnLine[k] = line;
            slot.lineQuantity[k] = quantity;
            return this;
        }

        CommandSlot apply() {
            return ProcessorDriver.this.apply(slot);
        }
    }
}
