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
import dev.accrue.engine.command.IdentityRefs;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.pipeline.MemberView;
import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.AuditLog;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.WalletBalance;

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
        receipt.setPending(slot.pending).setTier(slot.tier).setProgramVersion(slot.programVersion);
        for (int i = 0; i < slot.earnedByRuleCount; i++) {
            receipt.addEarnedByRule(RulePoints.newBuilder()
                    .setRuleId(slot.earnedByRuleId[i])
                    .setPoints(slot.earnedByRulePoints[i]));
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
                    .setProgramVersion(e.programVersion())
                    .setAdmin(e.admin())
                    .setReason(e.reason())
                    .setWallet(e.wallet())
                    .setOtherMemberId(e.kind() == Movement.Kind.MERGED ? e.otherMemberId()
                            : e.memberId() != slot.resultMemberId ? e.memberId() : 0);
            if (e.kind() == Movement.Kind.MERGED || e.kind() == Movement.Kind.FORFEITED) {
                m.setPendingPoints(e.pendingPoints());
            }
            if (e.kind() == Movement.Kind.EARNED) {
                m.setPendingPoints(e.pendingPoints());
                if (e.pendingPoints() > 0) {
                    m.setPendingUntil(timestamp(e.pendingUntilMillis()));
                }
                if (e.expiresAtMillis() != ExpiryRule.NEVER) {
                    m.setExpiresAt(timestamp(e.expiresAtMillis()));
                }
            } else if (e.kind() == Movement.Kind.RETURNED) {
                m.setExpiredBeforeReturn(e.pendingPoints());
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
        history.setNextPageToken(page.nextToken());
        return history.build();
    }

    /** By {@link Movement.Kind} ordinal. */
    private static final MovementKind[] KINDS = {MovementKind.MOVEMENT_KIND_EARNED, MovementKind.MOVEMENT_KIND_RETURNED,
            MovementKind.MOVEMENT_KIND_RELEASED, MovementKind.MOVEMENT_KIND_EXPIRED, MovementKind.MOVEMENT_KIND_REDEEMED,
            MovementKind.MOVEMENT_KIND_ADJUSTED, MovementKind.MOVEMENT_KIND_MERGED, MovementKind.MOVEMENT_KIND_FORFEITED,
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
                .setWalletBalance(slot.wallet == null ? 0 : slot.walletBalance(slot.wallet))
                .build();
    }

    /** GetMember, and the changes that answer with the member (whole, also on a retry: MemberChangeReceipts). */
    static Member member(CommandSlot slot) {
        if (slot.replyMessage == null) { // the member is gone (not possible today: members are never deleted)
            return Member.newBuilder().setMemberId(slot.resultMemberId)
                    .setBalance(Balance.newBuilder().setMemberId(slot.resultMemberId).setAvailable(slot.available))
                    .build();
        }
        MemberView view = (MemberView) slot.replyMessage;
        Member.Builder member = Member.newBuilder()
                .setMemberId(slot.resultMemberId)
                .setStatus(status(slot.resultStatus))
                .setBalance(balance(slot))
                .setEnrolledAt(timestamp(view.enrolledAtMillis()))
                .setBirthMonth(view.birthday() / 100)
                .setBirthDay(view.birthday() % 100)
                .setMergedMembers(view.mergedMembers());
        for (MemberView.Identity identity : view.identities()) {
            member.addIdentities(IdentityRefs.toMessage(identity.kind(), identity.value()));
        }
        return member.build();
    }

    static MemberStatus status(int status) {
        return switch (status) {
            case MemberRecord.STATUS_ACTIVE -> MemberStatus.MEMBER_STATUS_ACTIVE;
            case MemberRecord.STATUS_SUSPENDED -> MemberStatus.MEMBER_STATUS_SUSPENDED;
            case MemberRecord.STATUS_CLOSED -> MemberStatus.MEMBER_STATUS_CLOSED;
            default -> MemberStatus.MEMBER_STATUS_UNSPECIFIED;
        };
    }

    static AuditLog auditLog(CommandSlot slot) {
        dev.accrue.engine.state.AuditLog.Page page = (dev.accrue.engine.state.AuditLog.Page) slot.replyMessage;
        // An empty page ends a paging loop; the token before it stays valid for what is added later.
        AuditLog.Builder log = AuditLog.newBuilder()
                .setNextPageToken(page.entries().isEmpty() ? "" : Long.toString(page.next(), 36));
        for (dev.accrue.engine.state.AuditLog.Entry e : page.entries()) {
            log.addEntries(AuditEntry.newBuilder()
                    .setSequence(e.sequence())
                    .setAction(e.action())
                    .setOccurredAt(timestamp(e.occurredAtMillis()))
                    .setAdmin(e.admin())
                    .setReason(e.reason())
                    .setEventId(e.eventId())
                    .setMemberId(e.memberId())
                    .setAmount(auditAmount(e))
                    .setWallet(e.wallet()));
        }
        return log.build();
    }

    /** A status is logged as the engine numbers it; the API documents MemberStatus numbers. */
    private static long auditAmount(dev.accrue.engine.state.AuditLog.Entry e) {
        return e.action().equals("SET_MEMBER_STATUS") ? status((int) e.amount()).getNumber() : e.amount();
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
                .setStatus(status(slot.resultStatus))
                .setLifetimeAdjusted(slot.lifetimeAdjusted)
                .addAllWallets(wallets(slot))
                .build();
    }

    private static java.util.List<WalletBalance> wallets(CommandSlot slot) {
        java.util.List<WalletBalance> wallets = new java.util.ArrayList<>(slot.walletCount);
        for (int i = 0; i < slot.walletCount; i++) {
            wallets.add(WalletBalance.newBuilder().setWallet(slot.walletIds[i]).setBalance(slot.walletBalances[i]).build());
        }
        return wallets;
    }
}
