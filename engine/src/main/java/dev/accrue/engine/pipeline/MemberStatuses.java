package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.PointHolds;
import dev.accrue.engine.rules.PointLots;
import dev.accrue.engine.rules.ProgramVersions;

/**
 * Suspending, reinstating and closing members. Closing is final: open holds are voided and the
 * points left (available and pending) and each wallet are forfeited, each recorded as FORFEITED.
 * No allocation.
 */
final class MemberStatuses {
    private final MemberHistory history;
    private final ProgramVersions programs;

    MemberStatuses(MemberHistory history, ProgramVersions programs) {
        this.history = history;
        this.programs = programs;
    }

    /** Sets the slot's status on a settled member; the caller writes the record on OK. */
    ResultCode set(CommandSlot slot, MemberRecord r, long memberId) {
        if (r.status == slot.memberStatus) {
            return ResultCode.OK;
        }
        if (r.status == MemberRecord.STATUS_CLOSED) {
            return ResultCode.MEMBER_CLOSED;
        }
        if (slot.memberStatus == MemberRecord.STATUS_CLOSED) {
            close(slot, r, memberId);
        }
        r.status = slot.memberStatus;
        return ResultCode.OK;
    }

    private void close(CommandSlot slot, MemberRecord r, long memberId) {
        while (r.holdCount > 0) {
            PointHolds.close(r, r.holdCount - 1, MemberRecord.HOLD_VOIDED);
        }
        long forfeited = r.available + r.pending;
        Movement m = history.start(Movement.Kind.FORFEITED, memberId, slot);
        m.points = -forfeited;
        m.pendingPoints = r.pending;
        m.admin.append(slot.admin);
        m.reason.append(slot.reason);
        history.append(r);
        r.lifetimeAdjusted -= forfeited;
        PointLots.forfeitAll(r);
        // Each wallet forfeited shows too, so that a wallet's movements still add up to its balance.
        for (int i = 0; i < r.walletCount; i++) {
            Movement w = history.start(Movement.Kind.FORFEITED, memberId, slot);
            w.points = -r.walletBalance[i];
            w.wallet.append(programs.walletId(r.walletKey[i]));
            w.admin.append(slot.admin);
            w.reason.append(slot.reason);
            history.append(r);
        }
        r.walletCount = 0;
        slot.pointsEarned = -forfeited;
    }
}
