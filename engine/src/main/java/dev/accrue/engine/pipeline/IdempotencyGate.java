package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandFingerprint;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.AppliedEvent;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.state.AppliedEventStore;
import dev.accrue.engine.state.EngineCounters;

/**
 * Exactly once by event id: tells a retry (same id, same content: answered as the first time,
 * applied no second time) and a reused id (other content: refused) from a new command, and
 * remembers what an applied command answered. The event id's hashes are computed once per
 * command here and kept in the slot. No allocation.
 */
final class IdempotencyGate {
    private final AppliedEventStore appliedEvents;
    private final EngineCounters counters;
    private final RetryReceipts receipts;
    private final MemberChangeReceipts memberChanges;
    private final MemberAdministration administration;
    private final AppliedEvent applied = new AppliedEvent();
    /** For the member a retried member change from before replies were kept answers with. */
    private final MemberRecord scratch = new MemberRecord();

    IdempotencyGate(AppliedEventStore appliedEvents, EngineCounters counters, RetryReceipts receipts,
                    MemberChangeReceipts memberChanges, MemberAdministration administration) {
        this.appliedEvents = appliedEvents;
        this.counters = counters;
        this.receipts = receipts;
        this.memberChanges = memberChanges;
        this.administration = administration;
    }

    /** Whether applying a new command could not be remembered: the table of event ids is full. */
    boolean full() {
        return appliedEvents.full();
    }

    /** True if the event id was applied before; the slot then holds the original reply or a refusal. */
    boolean answeredBefore(CommandSlot slot) {
        if (!slot.fingerprinted) {
            slot.fingerprint = CommandFingerprint.of(slot);
        }
        long fingerprint = slot.fingerprint;
        if (!slot.eventIdHashed) {
            slot.eventIdKey = appliedEvents.key(slot.eventId);
            slot.eventIdCheck = appliedEvents.check(slot.eventId);
        }
        // A slot reused without a reset must hash its next command again.
        slot.fingerprinted = false;
        slot.eventIdHashed = false;
        if (!appliedEvents.find(slot.eventIdKey, slot.eventIdCheck, applied)) {
            return false;
        }
        if (applied.fingerprint != fingerprint) {
            slot.result = ResultCode.EVENT_ID_REUSED;
            return true;
        }
        slot.result = ResultCode.OK;
        slot.resultMemberId = applied.memberId;
        slot.pointsEarned = applied.pointsEarned;
        slot.available = applied.balance;
        slot.sequence = applied.sequence;
        switch (slot.type) {
            case PROGRAM_CHANGE -> slot.programVersion = applied.memberId; // the version it made
            case PURCHASE -> receipts.purchase(slot);
            case RETURN -> receipts.returned(slot, applied.sequence);
            case HOLD -> {
                // A hold's receipt follows from its request, which a retry repeats exactly.
                slot.holdPointsHeld = slot.totalMinor;
                slot.holdExpiresAt = slot.occurredAtMillis + slot.holdTtlSeconds * 1_000L;
            }
            case REDEEM -> {
                if (slot.wallet != null) {
                    // Remembered in place of the units spent, which the retry's request repeats.
                    slot.pointsEarned = -slot.totalMinor;
                    slot.walletCount = 1;
                    slot.walletIds[0] = slot.wallet;
                    slot.walletBalances[0] = applied.pointsEarned;
                }
            }
            case SET_TIER_FLOOR, SET_MEMBER_STATUS, ADJUST_POINTS, MERGE_MEMBERS, LINK_IDENTITY, UNLINK_IDENTITY -> {
                // Kept whole where the table's balance field says (see remember).
                if (!memberChanges.answer(slot, applied.balance, applied.sequence)) {
                    administration.answerRetry(slot, scratch, applied.memberId);
                }
            }
            default -> {
            }
        }
        slot.retry = true;
        return true;
    }

    /** Remembers an applied command's event id and the reply a retry gets. */
    void remember(CommandSlot slot) {
        applied.fingerprint = slot.fingerprint;
        // The event's subject: the member, or for a program change the version it made.
        applied.memberId = slot.type == CommandType.PROGRAM_CHANGE ? slot.programVersion : slot.resultMemberId;
        // A wallet redemption's receipt also says the units left; the units spent are in its request.
        applied.pointsEarned = slot.type == CommandType.REDEEM && slot.wallet != null
                ? slot.walletBalance(slot.wallet) : slot.pointsEarned;
        // A member change's reply is kept whole in the receipt log; the table keeps where.
        applied.balance = MemberChangeReceipts.kept(slot.type) ? memberChanges.keep(slot) : slot.available;
        applied.sequence = slot.sequence;
        // Retention runs on the engine clock; a caller's clock far in the past must not shorten it.
        applied.recordedAtMillis = Math.max(counters.clockMillis(), slot.occurredAtMillis);
        appliedEvents.remember(slot.eventIdKey, slot.eventIdCheck, applied);
    }
}
