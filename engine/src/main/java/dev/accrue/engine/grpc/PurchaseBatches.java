package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.PurchaseCommand;
import dev.accrue.engine.rules.AcceptedCurrencies;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseResult;

/** Purchases on StreamPurchases, each checked and copied as RecordPurchase does. */
final class PurchaseBatches implements BatchKind<PurchaseBatch, PurchaseResult, PurchaseBatchAck> {
    private final AcceptedCurrencies currencies;

    PurchaseBatches(AcceptedCurrencies currencies) {
        this.currencies = currencies;
    }

    @Override
    public CommandType type() {
        return CommandType.PURCHASE;
    }

    @Override
    public String eventsField() {
        return "purchases";
    }

    @Override
    public long batchId(PurchaseBatch batch) {
        return batch.getBatchId();
    }

    @Override
    public int size(PurchaseBatch batch) {
        return batch.getPurchasesCount();
    }

    @Override
    public String eventId(PurchaseBatch batch, int index) {
        return batch.getPurchases(index).getEventId();
    }

    @Override
    public String validate(PurchaseBatch batch, int index) {
        return PurchaseCommand.validate(batch.getPurchases(index), currencies);
    }

    @Override
    public void copy(PurchaseBatch batch, int index, CommandSlot slot) {
        PurchaseCommand.copy(batch.getPurchases(index), slot);
    }

    @Override
    public PurchaseResult[] newResults(int size) {
        return new PurchaseResult[size];
    }

    @Override
    public PurchaseResult applied(CommandSlot slot) {
        return PurchaseResult.newBuilder().setEventId(slot.eventId.toString()).setReceipt(Replies.receipt(slot)).build();
    }

    @Override
    public boolean writesResults() {
        return true;
    }

    @Override
    public void writeApplied(CommandSlot slot, WireBuffer out) {
        PurchaseResultWire.writeApplied(slot, out);
    }

    @Override
    public PurchaseResult refused(String eventId, Outcome outcome, String error) {
        return PurchaseResult.newBuilder().setEventId(eventId).setOutcome(outcome).setError(error).build();
    }

    @Override
    public PurchaseBatchAck ack(long batchId, PurchaseResult[] results) {
        PurchaseBatchAck.Builder ack = PurchaseBatchAck.newBuilder().setBatchId(batchId);
        for (PurchaseResult result : results) {
            ack.addResults(result);
        }
        return ack.build();
    }
}
