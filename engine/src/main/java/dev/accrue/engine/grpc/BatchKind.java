package dev.accrue.engine.grpc;

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
interface BatchKind<B, R, A> {
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

    A ack(long batchId, R[] results);
}
