package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedeemResult;

/** Redemptions on RedeemStream, each checked and copied as Redeem does: the same REDEEM command. */
final class RedeemBatches implements BatchKind<RedeemBatch, RedeemResult, RedeemBatchAck> {
    static final RedeemBatches INSTANCE = new RedeemBatches();

    private RedeemBatches() {
    }

    @Override
    public CommandType type() {
        return CommandType.REDEEM;
    }

    @Override
    public String eventsField() {
        return "redemptions";
    }

    @Override
    public long batchId(RedeemBatch batch) {
        return batch.getBatchId();
    }

    @Override
    public int size(RedeemBatch batch) {
        return batch.getRedemptionsCount();
    }

    @Override
    public String eventId(RedeemBatch batch, int index) {
        return batch.getRedemptions(index).getEventId();
    }

    @Override
    public String validate(RedeemBatch batch, int index) {
        return RedemptionsEndpoint.validate(batch.getRedemptions(index));
    }

    @Override
    public void copy(RedeemBatch batch, int index, CommandSlot slot) {
        RedemptionsEndpoint.copy(batch.getRedemptions(index), slot);
    }

    @Override
    public RedeemResult[] newResults(int size) {
        return new RedeemResult[size];
    }

    @Override
    public RedeemResult applied(CommandSlot slot) {
        return RedeemResult.newBuilder().setEventId(slot.eventId.toString()).setReceipt(Replies.redemption(slot)).build();
    }

    @Override
    public boolean writesResults() {
        return true;
    }

    @Override
    public void writeApplied(CommandSlot slot, WireBuffer out) {
        RedeemResultWire.writeApplied(slot, out);
    }

    @Override
    public RedeemResult refused(String eventId, Outcome outcome, String error) {
        return RedeemResult.newBuilder().setEventId(eventId).setOutcome(outcome).setError(error).build();
    }

    @Override
    public RedeemBatchAck ack(long batchId, RedeemResult[] results) {
        RedeemBatchAck.Builder ack = RedeemBatchAck.newBuilder().setBatchId(batchId);
        for (RedeemResult result : results) {
            ack.addResults(result);
        }
        return ack.build();
    }
}
