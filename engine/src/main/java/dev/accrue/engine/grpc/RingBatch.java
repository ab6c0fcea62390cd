package dev.accrue.engine.grpc;

import com.google.protobuf.MessageLite;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.Outcome;

/**
 * The one shape of a batch on a stream, as {@link RingCall} is of a unary call: refuse each bad
 * event on its own naming the field, claim one run of slots for the valid ones (or refuse them all
 * with RESOURCE_EXHAUSTED while the ring is full), copy them in, publish them together.
 */
final class RingBatch {
    private RingBatch() {
    }

    /**
     * @return whether events were published: the engine will then complete the ack, possibly
     *         before this returns
     */
    static <B, R extends MessageLite, A> boolean submit(CommandPublisher publisher, BatchKind<B, R, A> kind, B batch, BatchAck<B, R, A> ack) {
        int count = kind.size(batch);
        if (count > BatchAck.MAX_BATCH_EVENTS) {
            ack.rejectAll(batch, kind.eventsField() + " must hold at most " + BatchAck.MAX_BATCH_EVENTS
                    + " events, not " + count);
            return false;
        }
        int valid = 0;
        for (int i = 0; i < count; i++) {
            String error = kind.validate(batch, i);
            if (error == null) {
                valid++;
            } else {
                ack.reject(i, kind.eventId(batch, i), error);
            }
        }
        if (valid == 0) {
            return false;
        }
        if (valid > publisher.ringSize()) {
            // One claim can never hold more slots than the ring has: waiting would not help.
            ack.refuseRemaining(batch, Outcome.OUTCOME_RESOURCE_EXHAUSTED, "the batch's " + valid
                    + " valid events exceed the engine's ring of " + publisher.ringSize()
                    + " slots; send smaller batches or raise ring.size");
            return false;
        }
        long highest = publisher.tryClaim(valid);
        if (highest == CommandPublisher.RING_FULL) {
            ack.refuseRemaining(batch, Outcome.OUTCOME_RESOURCE_EXHAUSTED, Statuses.RING_FULL_MESSAGE);
            return false;
        }
        ack.awaitEngine(valid);
        long sequence = highest - valid + 1;
        for (int i = 0; i < count; i++) {
            if (ack.isPending(i)) {
                CommandSlot slot = publisher.slot(sequence++);
                slot.reset(kind.type());
                kind.copy(batch, i, slot);
                slot.reply = ack;
                slot.replyIndex = i;
            }
        }
        publisher.publish(highest - valid + 1, highest);
        return true;
    }
}
