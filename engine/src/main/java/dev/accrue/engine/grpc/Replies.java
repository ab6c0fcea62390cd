package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.RulePoints;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.ReturnReceipt;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.engine.domain.Movement;
import dev.accrue.engine.pipeline.HistoryPage;
import dev.accrue.engine.rules.ExpiryRule;
import com.google.protobuf.Timestamp;

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

    static ReturnReceipt returnReceipt(CommandSlot slot) {
        return ReturnReceipt.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setPointsTaken(-slot.pointsEarned)
                .setBalance(slot.available)
                .setDebt(slot.debt)
                .setTier(slot.tier)
                .setSequence(slot.sequence)
                .build();
    }

    static History history(CommandSlot slot) {
        HistoryPage page = (HistoryPage) slot.replyMessage;
        History.Builder history = History.newBuilder();
        for (HistoryPage.Entry e : page.movements()) {
            MemberMovement.Builder m = MemberMovement.newBuilder()
                    .setKind(KINDS[e.kind().ordinal()])
                    .setSequence(e.sequence())
                    .setOccurredAt(timestamp(e.occurredAtMillis()))
                    .setPoints(e.points())
                    .setEventId(e.eventId())
                    .setPurchaseEventId(e.relatedEventId())
                    .setProgramVersion(e.programVersion());
            if (e.kind() == Movement.Kind.EARNED) {
                m.setPendingPoints(e.pendingPoints());
                if (e.pendingPoints() > 0) {
                    m.setPendingUntil(timestamp(e.pendingUntilMillis()));
                }
                if (e.expiresAtMillis() != ExpiryRule.NEVER) {
                    m.setExpiresAt(timestamp(e.expiresAtMillis()));
                }
            } else if (e.kind() == Movement.Kind.TIER_CHANGED) {
                m.setTierBefore(e.tierBefore()).setTierAfter(e.tierAfter());
            } else if (e.kind() == Movement.Kind.EXPIRING_SOON) {
                m.setExpiringPoints(e.expiringPoints()).setExpiresAt(timestamp(e.expiresAtMillis()));
            }
            for (HistoryPage.RulePoints rule : e.byRule()) {
                m.addEarnedByRule(RulePoints.newBuilder().setRuleId(rule.ruleId()).setPoints(rule.points()));
            }
            history.addMovements(m);
        }
        if (page.nextBefore() != 0) {
            history.setNextPageToken(Long.toString(page.nextBefore(), 36));
        }
        return history.build();
    }

    /** The position a page token stands for; -1 if it is not one this API gave. */
    static long parsePageToken(String token) {
        try {
            long before = Long.parseLong(token, 36);
            return before > 0 ? before : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final MovementKind[] KINDS = {MovementKind.MOVEMENT_KIND_EARNED, MovementKind.MOVEMENT_KIND_RETURNED,
            MovementKind.MOVEMENT_KIND_RELEASED, MovementKind.MOVEMENT_KIND_EXPIRED, MovementKind.MOVEMENT_KIND_REDEEMED,
            MovementKind.MOVEMENT_KIND_TIER_CHANGED, MovementKind.MOVEMENT_KIND_EXPIRING_SOON};

    static Timestamp timestamp(long millis) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000))
                .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
    }

    static RedemptionReceipt redemption(CommandSlot slot) {
        return RedemptionReceipt.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setPointsRedeemed(-slot.pointsEarned)
                .setBalance(slot.available)
                .setSequence(slot.sequence)
                .build();
    }

    static HoldReceipt hold(CommandSlot slot) {
        return HoldReceipt.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setPointsHeld(slot.holdPointsHeld)
                .setBalance(slot.available)
                .setExpiresAt(timestamp(slot.holdExpiresAt))
                .setSequence(slot.sequence)
                .build();
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
