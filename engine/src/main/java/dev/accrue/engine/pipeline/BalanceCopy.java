package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.TierProgress;

/**
 * Copies a member's balance into a slot for the reply: the one place a reply's balance comes from.
 * The return policy of the version in force decides how debt shows: as negative available points,
 * or as {@code debt} beside them.
 */
final class BalanceCopy {
    private BalanceCopy() {
    }

    static void copy(CommandSlot slot, long memberId, MemberRecord r, long clockMillis, ProgramVersions programs) {
        slot.result = ResultCode.OK;
        slot.resultMemberId = memberId;
        // Points in open holds are not available; held points that expired under their hold leave
        // nothing spendable, not less than nothing (the hold's capture is then refused).
        long spendable = Math.max(0, r.spendable());
        if (programs.program(programs.indexAt(clockMillis)).debtAsNegativeBalance()) {
            slot.available = spendable - r.debt;
            slot.debt = 0;
        } else {
            slot.available = spendable;
            slot.debt = r.debt;
        }
        slot.pending = r.pending;
        slot.lifetimeEarned = r.lifetimeEarned;
        slot.lifetimeRedeemed = r.lifetimeRedeemed;
        slot.lifetimeExpired = r.lifetimeExpired;
        slot.lifetimeAdjusted = r.lifetimeAdjusted;
        slot.tier = TierProgress.effectiveTier(r, clockMillis);
        slot.lastSequence = r.lastSequence;
        slot.resultStatus = r.status;
        slot.walletCount = r.walletCount;
        for (int i = 0; i < r.walletCount; i++) {
            slot.walletIds[i] = programs.walletId(r.walletKey[i]);
            slot.walletBalances[i] = r.walletBalance[i];
        }
    }
}
