package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.RulePoints;

/** Builds reply messages from a finished slot. */
final class Replies {
    private Replies() {
    }

    static PurchaseReceipt receipt(CommandSlot slot) {
        PurchaseReceipt.Builder receipt = PurchaseReceipt.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setPointsEarned(slot.pointsEarned)
                .setBalance(slot.available)
                .setSequence(slot.sequence);
        if (!slot.retry) {
            receipt.setPending(slot.pending).setTier(slot.tier).setProgramVersion(slot.programVersion);
            for (int i = 0; i < slot.earnedByRuleCount; i++) {
                receipt.addEarnedByRule(RulePoints.newBuilder()
                        .setRuleId(slot.earnedByRuleId[i])
                        .setPoints(slot.earnedByRulePoints[i]));
            }
        }
        return receipt.build();
    }

    static EnrolReply enrolment(CommandSlot slot) {
        return EnrolReply.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setSequence(slot.sequence)
                .build();
    }

    static Balance balance(CommandSlot slot) {
        return Balance.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setAvailable(slot.available)
                .setPending(slot.pending)
                .setLifetimeEarned(slot.lifetimeEarned)
                .setLifetimeRedeemed(slot.lifetimeRedeemed)
                .setTier(slot.tier)
                .setLastSequence(slot.lastSequence)
                .setLifetimeExpired(slot.lifetimeExpired)
                .setDebt(slot.debt)
                .setExpiringPoints(slot.expiringPoints)
                .build();
    }
}
