package dev.accrue.engine.grpc;

import com.google.protobuf.MessageLite;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.loyalty.v1.Outcome;

/**
 * What one service's batches are made of, for {@link BatchStream}: how to read a batch's events,
 * check one and copy it into a ring slot as the service's unary call does, and how to build the
 * results and the acknowledgement. One instance per endpoint, shared by its streams; stateless.
 *
 * @param <B> the batch message
 * @param <R> the result message of one event
 * @param <A> the acknowledgement message of one batch
 */
interface BatchKind<B, R extends MessageLite, A> {
    /** The command every event of a batch becomes. */
    CommandType type();

    /** The batch's repeated field, as messages name it ("purchases", "redemptions"). */
    String eventsField();

    long batchId(B batch);

    int size(B batch);

    String eventId(B batch, int index);

    /** The unary call's validation: a message naming the event's first bad field, or null. */
    String validate(B batch, int index);

    /** Copies a valid event into a slot already reset to {@link #type()}. */
    void copy(B batch, int index, CommandSlot slot);

    R[] newResults(int size);

    /** On the reply thread: the result of an event the engine applied, or answered as a retry. */
    R applied(CommandSlot slot);

    R refused(String eventId, Outcome outcome, String error);

    /**
     * Whether {@link #writeApplied} can write an applied event's result straight into its ack's
     * bytes; a stream in protobuf's wire format then sends acks as bytes (see {@link BatchAck}).
     */
    default boolean writesResults() {
        return false;
    }

    /** On the reply thread: {@link #applied}'s result, written as one {@code results} field of the ack. */
    default void writeApplied(CommandSlot slot, WireBuffer out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " builds its results as messages");
    }

    A ack(long batchId, R[] results);
}
