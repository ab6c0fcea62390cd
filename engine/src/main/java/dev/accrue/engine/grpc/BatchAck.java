package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Outcome;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseResult;

/**
 * Collects the results of one batch. Refusals are filled in on the event loop before publishing;
 * engine results arrive on the reply thread, and the last one hands the ack back to its stream.
 * Publishing a slot orders the event loop's writes before the reply thread's reads.
 */
final class BatchAck implements ReplyTarget {
    static final int MAX_BATCH_EVENTS = 1_000;

    private final PurchaseStream stream;
    private final long batchId;
    private final PurchaseResult[] results;
    private int awaitingEngine;
    /** Set on the stream's context once every result is in; the stream writes ready acks in order. */
    boolean ready;

    BatchAck(PurchaseStream stream, long batchId, int size) {
        this.stream = stream;
        this.batchId = batchId;
        this.results = new PurchaseResult[size];
    }

    int size() {
        return results.length;
    }

    boolean isPending(int index) {
        return results[index] == null;
    }

    /** Number of events the engine will answer; the ack is complete when they have. */
    void awaitEngine(int events) {
        awaitingEngine = events;
    }

    void reject(int index, String eventId, String error) {
        results[index] = refusal(eventId, Outcome.OUTCOME_INVALID_ARGUMENT, error);
    }

    void rejectAll(PurchaseBatch batch, String error) {
        for (int i = 0; i < results.length; i++) {
            results[i] = refusal(batch.getPurchases(i).getEventId(), Outcome.OUTCOME_INVALID_ARGUMENT, error);
        }
    }

    /** Refuses every event not refused already: none of them reached the engine. */
    void refuseRemaining(PurchaseBatch batch, Outcome outcome, String error) {
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = refusal(batch.getPurchases(i).getEventId(), outcome, error);
            }
        }
    }

    @Override
    public void complete(CommandSlot slot) {
        ResultCode code = slot.result;
        results[slot.replyIndex] = code == ResultCode.OK
                ? PurchaseResult.newBuilder().setEventId(slot.eventId.toString()).setReceipt(Replies.receipt(slot)).build()
                : refusal(slot.eventId.toString(), Statuses.outcome(code), Statuses.message(code));
        if (--awaitingEngine == 0) {
            stream.engineDone(this);
        }
    }

    PurchaseBatchAck build() {
        PurchaseBatchAck.Builder ack = PurchaseBatchAck.newBuilder().setBatchId(batchId);
        for (PurchaseResult result : results) {
            ack.addResults(result);
        }
        return ack.build();
    }

    private static PurchaseResult refusal(String eventId, Outcome outcome, String error) {
        return PurchaseResult.newBuilder().setEventId(eventId).setOutcome(outcome).setError(error).build();
    }
}
