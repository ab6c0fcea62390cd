package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.rules.MemberWallets;
import dev.accrue.engine.rules.PointHolds;
import dev.accrue.engine.rules.WalletCatalog;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.state.AppliedEventStore;
import dev.accrue.engine.state.EngineCounters;
import dev.accrue.engine.state.MemberStore;
import dev.accrue.engine.state.MovementLog;

/**
 * Spending points: at once, or held at a till and then captured (all or part) or voided. Applied
 * one at a time by the business-logic thread to a member already read and settled, so no two
 * tills can spend the same points. Spending takes the oldest lots first and is recorded in the
 * history as REDEEMED. No allocation.
 */
final class Redemptions {
    private final MemberStore members;
    private final MovementLog movements;
    private final EngineCounters counters;
    private final AppliedEventStore appliedEvents;
    private final Movement movement = new Movement();

    Redemptions(MemberStore members, MovementLog movements, EngineCounters counters, AppliedEventStore appliedEvents) {
        this.members = members;
        this.movements = movements;
        this.counters = counters;
        this.appliedEvents = appliedEvents;
    }

    ResultCode redeem(CommandSlot slot, MemberRecord r, long memberId, CompiledProgram program) {
        long points = slot.totalMinor;
        if (slot.wallet != null) {
            return redeemFromWallet(slot, r, memberId, program);
        }
        if (points > r.spendable()) {
            return ResultCode.INSUFFICIENT_POINTS;
        }
        spend(slot, r, memberId, points);
        return ResultCode.OK;
    }

    /** A wallet's units (a pass's visit): no lots, no holds, only its balance. */
    private ResultCode redeemFromWallet(CommandSlot slot, MemberRecord r, long memberId, CompiledProgram program) {
        long key = program.wallets().key(slot.wallet);
        if (key == WalletCatalog.UNKNOWN) {
            return ResultCode.WALLET_UNKNOWN;
        }
        long units = slot.totalMinor;
        if (units > MemberWallets.balance(r, key)) {
            return ResultCode.INSUFFICIENT_POINTS;
        }
        MemberWallets.add(r, key, -units);
        record(slot, r, memberId, -units);
        write(slot, r, memberId);
        slot.pointsEarned = -units;
        return ResultCode.OK;
    }

    ResultCode hold(CommandSlot slot, MemberRecord r, long memberId) {
        if (slot.totalMinor > r.spendable()) {
            return ResultCode.INSUFFICIENT_POINTS;
        }
        if (r.holdCount == MemberRecord.MAX_HOLDS) {
            return ResultCode.HOLD_LIMIT_REACHED;
        }
        long expiresAt = slot.occurredAtMillis + slot.holdTtlSeconds * 1_000L;
        PointHolds.open(r, slot.eventIdKey, slot.totalMinor, expiresAt);
        write(slot, r, memberId);
        slot.holdPointsHeld = slot.totalMinor;
        slot.holdExpiresAt = expiresAt;
        return ResultCode.OK;
    }

    ResultCode capture(CommandSlot slot, MemberRecord r, long memberId) {
        int hold = openHold(slot, r);
        if (hold < 0) {
            return closedOrUnknown(slot, r);
        }
        long held = r.holdPoints[hold];
        long points = slot.totalMinor == 0 ? held : slot.totalMinor;
        if (points > held) {
            return ResultCode.CAPTURE_EXCEEDS_HOLD;
        }
        if (points > r.available) {
            return ResultCode.INSUFFICIENT_POINTS; // held points expired under the hold
        }
        PointHolds.close(r, hold, MemberRecord.HOLD_CAPTURED);
        PointLots.spend(r, points);
        PointLots.payDebt(r); // what a partial capture leaves of the hold pays debt a return left
        redeemed(slot, r, memberId, points);
        return ResultCode.OK;
    }

    ResultCode voidHold(CommandSlot slot, MemberRecord r, long memberId) {
        int hold = openHold(slot, r);
        if (hold < 0) {
            return closedOrUnknown(slot, r);
        }
        slot.holdExpiresAt = r.holdExpiresAt[hold];
        PointHolds.close(r, hold, MemberRecord.HOLD_VOIDED);
        PointLots.payDebt(r);
        write(slot, r, memberId);
        slot.holdPointsHeld = 0;
        return ResultCode.OK;
    }

    private int openHold(CommandSlot slot, MemberRecord r) {
        return PointHolds.find(r, appliedEvents.key(slot.holdId));
    }

    private ResultCode closedOrUnknown(CommandSlot slot, MemberRecord r) {
        return PointHolds.closed(r, appliedEvents.key(slot.holdId)) != 0 ? ResultCode.HOLD_CLOSED : ResultCode.HOLD_NOT_FOUND;
    }

    private void spend(CommandSlot slot, MemberRecord r, long memberId, long points) {
        PointLots.spend(r, points);
        redeemed(slot, r, memberId, points);
    }

    private void redeemed(CommandSlot slot, MemberRecord r, long memberId, long points) {
        r.lifetimeRedeemed += points;
        record(slot, r, memberId, -points);
        write(slot, r, memberId);
        slot.pointsEarned = -points;
    }

    private void record(CommandSlot slot, MemberRecord r, long memberId, long points) {
        Movement m = movement.clear(Movement.Kind.REDEEMED);
        m.memberId = memberId;
        m.previous = r.latestMovement;
        m.sequence = slot.sequence;
        m.occurredAtMillis = slot.occurredAtMillis;
        m.points = points;
        m.eventId.append(slot.eventId);
        if (slot.wallet != null) {
            m.wallet.append(slot.wallet);
        }
        r.latestMovement = movements.append(m) + 1;
        counters.movementLogLength(movements.length());
    }

    private void write(CommandSlot slot, MemberRecord r, long memberId) {
        r.lastSequence = slot.sequence;
        members.write(memberId, r);
    }
}
