package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.engine.rules.TierProgress;

/** Copies a member's balance into a slot for the reply: the one place a reply's balance comes from. */
final class BalanceCopy {
    private BalanceCopy() {
    }

    static void copy(CommandSlot slot, long memberId, MemberRecord r, long clockMillis, ProgramVersions programs) {
        slot.result = ResultCode.OK;
        slot.resultMemberId = memberId;
        slot.available = r.spendable(); // points in open holds are not available
        slot.pending = r.pending;
        slot.lifetimeEarned = r.lifetimeEarned;
        slot.lifetimeRedeemed = r.lifetimeRedeemed;
        slot.lifetimeExpired = r.lifetimeExpired;
        slot.lifetimeAdjusted = r.lifetimeAdjusted;
        slot.tier = TierProgress.effectiveTier(r, clockMillis);
        slot.lastSequence = r.lastSequence;
        slot.debt = r.debt;
        slot.resultStatus = r.status;
        slot.walletCount = r.walletCount;
        for (int i = 0; i < r.walletCount; i++) {
            slot.walletIds[i] = programs.walletId(r.walletKey[i]);
            slot.walletBalances[i] = r.walletBalance[i];
        }
    }
}
