package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;

/**
 * An applied redemption's entry in a {@code RedeemBatchAck}, written from the slot straight into
 * the ack's bytes on the reply thread, as {@link PurchaseResultWire} writes a purchase's: the bytes
 * of {@code RedeemResult.newBuilder().setEventId(..).setReceipt(Replies.redemption(slot)).build()}
 * as field 2 of the ack. Field numbers are those of redemptions.proto.
 */
final class RedeemResultWire {
    /** RedemptionReceipt (the result around it: {@link BatchAck#writeAppliedHead}). */
    private static final int MEMBER_ID = 1;
    private static final int POINTS_REDEEMED = 2;
    private static final int BALANCE = 3;
    private static final int SEQUENCE = 4;
    private static final int WALLET_BALANCE = 5;

    private RedeemResultWire() {
    }

    /** Appends the slot's result, an applied redemption, as one {@code results} field of the ack. */
    static void writeApplied(CommandSlot slot, WireBuffer out) {
        long walletBalance = slot.wallet == null ? 0 : slot.walletBalance(slot.wallet);
        int receiptSize = WireBuffer.varintFieldSize(MEMBER_ID, slot.resultMemberId)
                + WireBuffer.varintFieldSize(POINTS_REDEEMED, -slot.pointsEarned)
                + WireBuffer.varintFieldSize(BALANCE, slot.available)
                + WireBuffer.varintFieldSize(SEQUENCE, slot.sequence)
                + WireBuffer.varintFieldSize(WALLET_BALANCE, walletBalance);
        BatchAck.writeAppliedHead(out, slot.eventId, receiptSize);
        out.varintField(MEMBER_ID, slot.resultMemberId);
        out.varintField(POINTS_REDEEMED, -slot.pointsEarned);
        out.varintField(BALANCE, slot.available);
        out.varintField(SEQUENCE, slot.sequence);
        out.varintField(WALLET_BALANCE, walletBalance);
    }
}
