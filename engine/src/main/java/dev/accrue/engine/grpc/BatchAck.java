package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Outcome;

/**
 * Collects the results of one batch. Refusals are filled in on the event loop before publishing;
 * engine results arrive on the reply thread, and the last one hands the ack back to its stream.
 * Publishing a slot orders the event loop's writes before the reply thread's reads.
 */
final class BatchAck<B, R, A> implements ReplyTarget {
    static final int MAX_BATCH_EVENTS = 1_000;

    private final BatchStream<B, R, A> stream;
    private final BatchKind<B, R, A> kind;
    private final long batchId;
    private final R[] results;
    private int awaitingEngine;
    /** Set on the stream's context once every result is in; the stream writes ready acks in order. */
    boolean ready;

    BatchAck(BatchStream<B, R, A> stream, BatchKind<B, R, A> kind, long batchId, int size) {
        this.stream = stream;
        this.kind = kind;
        this.batchId = batchId;
        this.results = kind.newResults(size);
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
        results[index] = kind.refused(eventId, Outcome.OUTCOME_INVALID_ARGUMENT, error);
    }

    void rejectAll(B batch, String error) {
        for (int i = 0; i < results.length; i++) {
            results[i] = kind.refused(kind.eventId(batch, i), Outcome.OUTCOME_INVALID_ARGUMENT, error);
        }
    }

    /** Refuses every event not refused already: none of them reached the engine. */
    void refuseRemaining(B batch, Outcome outcome, String error) {
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = kind.refused(kind.eventId(batch, i), outcome, error);
            }
        }
    }

    @Override
    public void complete(CommandSlot slot) {
        ResultCode code = slot.result;
        results[slot.replyIndex] = code == ResultCode.OK
                ? kind.applied(slot)
                : kind.refused(slot.eventId.toString(), Statuses.outcome(code), Statuses.message(code));
        if (--awaitingEngine == 0) {
            stream.engineDone(this);
        }
    }

    A build() {
        return kind.ack(batchId, results);
    }
}
