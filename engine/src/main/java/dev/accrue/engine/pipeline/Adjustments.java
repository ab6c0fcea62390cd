package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.CompiledProgram;
import dev.accrue.engine.rules.MemberWallets;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.WalletCatalog;

/**
 * An admin's credit or debit of a member's points or of one wallet, with who and why, recorded as
 * ADJUSTED. A credit of points pays debt first, is available at once and expires as earned
 * points do; a debit spends the oldest available points. No allocation.
 */
final class Adjustments {
    private final MemberHistory history;

    Adjustments(MemberHistory history) {
        this.history = history;
    }

    /** Applies the slot's adjustment to a settled member; the caller writes the record on OK. */
    ResultCode adjust(CommandSlot slot, MemberRecord r, long memberId, CompiledProgram program) {
        if (r.status == MemberRecord.STATUS_CLOSED) {
            return ResultCode.MEMBER_CLOSED;
        }
        long points = slot.totalMinor;
        long expiresAt = 0;
        if (slot.wallet != null) {
            long key = program.wallets().key(slot.wallet);
            if (key == WalletCatalog.UNKNOWN) {
                return ResultCode.WALLET_UNKNOWN;
            }
            if (points < 0 && -points > MemberWallets.balance(r, key)) {
                return ResultCode.INSUFFICIENT_POINTS;
            }
            if (!MemberWallets.canCredit(r, key)) {
                return ResultCode.WALLET_LIMIT_REACHED;
            }
            MemberWallets.add(r, key, points);
        } else if (points > 0) {
            expiresAt = program.expiry().expiresAt(slot.occurredAtMillis);
            if (!PointLots.credit(r, points, r.settledThroughMillis, expiresAt)) {
                return ResultCode.LOT_CAPACITY_REACHED;
            }
            r.lifetimeAdjusted += points;
        } else {
            if (-points > r.spendable()) {
                return ResultCode.INSUFFICIENT_POINTS;
            }
            PointLots.spend(r, -points);
            r.lifetimeAdjusted += points;
        }
        Movement m = history.start(Movement.Kind.ADJUSTED, memberId, slot);
        m.points = points;
        m.expiresAtMillis = expiresAt;
        m.admin.append(slot.admin);
        m.reason.append(slot.reason);
        if (slot.wallet != null) {
            m.wallet.append(slot.wallet);
        }
        history.append(r);
        slot.pointsEarned = points;
        return ResultCode.OK;
    }
}
