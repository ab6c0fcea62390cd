package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;

/**
 * A recorded purchase's entry in a {@code PurchaseBatchAck}, written from the slot straight into
 * the ack's bytes on the reply thread: the bytes of
 * {@code PurchaseResult.newBuilder().setEventId(..).setReceipt(Replies.receipt(slot)).build()}
 * as field 2 of the ack, without the messages and builders that would be made, serialised and
 * dropped for every purchase. Field numbers are those of purchases.proto.
 */
final class PurchaseResultWire {
    /** PurchaseReceipt (the result around it: {@link BatchAck#writeAppliedHead}). */
    private static final int MEMBER_ID = 1;
    private static final int POINTS_EARNED = 2;
    private static final int BALANCE = 3;
    private static final int SEQUENCE = 4;
    private static final int PENDING = 5;
    private static final int TIER = 6;
    private static final int EARNED_BY_RULE = 7;
    private static final int PROGRAM_VERSION = 8;
    /** RulePoints. */
    private static final int RULE_ID = 1;
    private static final int RULE_POINTS = 2;

    private PurchaseResultWire() {
    }

    /** Appends the slot's result, a recorded purchase, as one {@code results} field of the ack. */
    static void writeApplied(CommandSlot slot, WireBuffer out) {
        BatchAck.writeAppliedHead(out, slot.eventId, receiptSize(slot));
        out.varintField(MEMBER_ID, slot.resultMemberId);
        out.varintField(POINTS_EARNED, slot.pointsEarned);
        out.varintField(BALANCE, slot.available);
        out.varintField(SEQUENCE, slot.sequence);
        out.varintField(PENDING, slot.pending);
        out.varintField(TIER, tier(slot));
        for (int i = 0; i < slot.earnedByRuleCount; i++) {
            out.messageHead(EARNED_BY_RULE, rulePointsSize(slot, i));
            out.stringField(RULE_ID, slot.earnedByRuleId[i]);
            out.varintField(RULE_POINTS, slot.earnedByRulePoints[i]);
        }
        out.varintField(PROGRAM_VERSION, slot.programVersion);
    }

    private static int receiptSize(CommandSlot slot) {
        int size = WireBuffer.varintFieldSize(MEMBER_ID, slot.resultMemberId)
                + WireBuffer.varintFieldSize(POINTS_EARNED, slot.pointsEarned)
                + WireBuffer.varintFieldSize(BALANCE, slot.available)
                + WireBuffer.varintFieldSize(SEQUENCE, slot.sequence)
                + WireBuffer.varintFieldSize(PENDING, slot.pending)
                + WireBuffer.varintFieldSize(TIER, tier(slot))
                + WireBuffer.varintFieldSize(PROGRAM_VERSION, slot.programVersion);
        for (int i = 0; i < slot.earnedByRuleCount; i++) {
            size += WireBuffer.messageFieldSize(EARNED_BY_RULE, rulePointsSize(slot, i));
        }
        return size;
    }

    private static int rulePointsSize(CommandSlot slot, int i) {
        return WireBuffer.stringFieldSize(RULE_ID, slot.earnedByRuleId[i])
                + WireBuffer.varintFieldSize(RULE_POINTS, slot.earnedByRulePoints[i]);
    }

    /** uint32: the int's 32 bits, unsigned. */
    private static long tier(CommandSlot slot) {
        return slot.tier & 0xFFFF_FFFFL;
    }
}
