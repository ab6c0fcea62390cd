package dev.accrue.engine.grpc;

import com.google.protobuf.MessageLite;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Outcome;
import io.vertx.core.buffer.Buffer;

import java.util.Arrays;

/**
 * Collects the results of one batch. Refusals are filled in on the event loop before publishing;
 * engine results arrive on the reply thread, and the last one hands the ack back to its stream.
 * Publishing a slot orders the event loop's writes before the reply thread's reads.
 *
 * <p>On the wire ({@link #wire()}), the reply thread writes each applied event's result as the
 * ack's bytes (see {@link BatchKind#writeApplied}), in ring order, which is the batch's order;
 * {@link #wireAck} puts them and any refusals together behind the batch id. The acks of
 * StreamPurchases and RedeemStream both number {@code batch_id} 1 and {@code results} 2.
 */
final class BatchAck<B, R extends MessageLite, A> implements ReplyTarget {
    static final int MAX_BATCH_EVENTS = 1_000;
    /** A first guess at a result's bytes (event id, receipt, a few rules); the buffer grows past it. */
    private static final int WIRE_BYTES_PER_RESULT = 96;
    private static final int ACK_BATCH_ID = 1;
    private static final int ACK_RESULTS = 2;
    /** PurchaseResult and RedeemResult alike: event_id 1, outcome 2 (OK is 0), error 3, receipt 4. */
    private static final int RESULT_EVENT_ID = 1;
    private static final int RESULT_RECEIPT = 4;

    private final BatchStream<B, R, A> stream;
    private final BatchKind<B, R, A> kind;
    private final long batchId;
    private final R[] results;
    /** Wire only (else null): applied results' bytes, each a {@code results} field; event {@code i}'s from wireStart[i] to wireEnd[i]. */
    private final WireBuffer written;
    private final int[] wireStart;
    private final int[] wireEnd;
    private int awaitingEngine;
    /** Set on the stream's context once every result is in; the stream writes ready acks in order. */
    boolean ready;

    BatchAck(BatchStream<B, R, A> stream, BatchKind<B, R, A> kind, long batchId, int size, boolean wire) {
        this.stream = stream;
        this.kind = kind;
        this.batchId = batchId;
        this.results = kind.newResults(size);
        this.written = wire ? new WireBuffer(size * WIRE_BYTES_PER_RESULT) : null;
        this.wireStart = wire ? new int[size] : null;
        this.wireEnd = wire ? new int[size] : null;
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
        int index = slot.replyIndex;
        if (code == ResultCode.OK && wire()) {
            wireStart[index] = written.length();
            kind.writeApplied(slot, written);
            wireEnd[index] = written.length();
        } else {
            results[index] = code == ResultCode.OK
                    ? kind.applied(slot)
                    : kind.refused(slot.eventId.toString(), Statuses.outcome(code), Statuses.message(code));
        }
        if (--awaitingEngine == 0) {
            stream.engineDone(this);
        }
    }

    A build() {
        return kind.ack(batchId, results);
    }

    /** Whether applied results are written as bytes: then {@link #wireAck}, not {@link #build}. */
    boolean wire() {
        return written != null;
    }

    /**
     * For {@link BatchKind#writeApplied}: an applied event's {@code results} field up to its
     * receipt's fields, which the caller writes next ({@code receiptSize} bytes of them).
     */
    static void writeAppliedHead(WireBuffer out, CharSequence eventId, int receiptSize) {
        int resultSize = WireBuffer.stringFieldSize(RESULT_EVENT_ID, eventId)
                + WireBuffer.messageFieldSize(RESULT_RECEIPT, receiptSize);
        out.messageHead(ACK_RESULTS, resultSize);
        out.stringField(RESULT_EVENT_ID, eventId);
        out.messageHead(RESULT_RECEIPT, receiptSize);
    }

    /** The ack's bytes, as {@code build().toByteArray()} would give them; for a {@link #wire()} ack. */
    Buffer wireAck() {
        byte[][] refusals = new byte[results.length][];
        int size = WireBuffer.varintFieldSize(ACK_BATCH_ID, batchId);
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null) {
                refusals[i] = results[i].toByteArray();
                size += WireBuffer.messageFieldSize(ACK_RESULTS, refusals[i].length);
            } else {
                size += wireEnd[i] - wireStart[i];
            }
        }
        WireBuffer ack = new WireBuffer(size);
        ack.varintField(ACK_BATCH_ID, batchId);
        for (int i = 0; i < results.length; i++) {
            if (refusals[i] != null) {
                ack.messageHead(ACK_RESULTS, refusals[i].length);
                ack.append(refusals[i]);
            } else {
                ack.append(written.array(), wireStart[i], wireEnd[i] - wireStart[i]);
            }
        }
        byte[] bytes = ack.array();
        return Buffer.buffer(bytes.length == ack.length() ? bytes : Arrays.copyOf(bytes, ack.length()));
    }
}
