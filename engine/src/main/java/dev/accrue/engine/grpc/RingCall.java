package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.pipeline.CommandPublisher;
import io.vertx.core.Completable;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one shape of every unary call: refuse a bad request with INVALID_ARGUMENT naming the field,
 * claim a ring slot (or refuse with RESOURCE_EXHAUSTED while the ring is full), copy the request
 * into it, publish; the reply stage answers on the caller's event loop through the outbox.
 */
final class RingCall {
    private RingCall() {
    }

    /**
     * @param error  the validation's message, or null for a valid request
     * @param fill   copies the request into the slot, already reset to {@code type}
     * @param reader builds the reply from the finished slot
     */
    static <T> void submit(CommandPublisher publisher, ContextOutbox outbox, Completable<T> response, String error,
                           CommandType type, Consumer<CommandSlot> fill, Function<CommandSlot, T> reader) {
        if (error != null) {
            response.fail(Statuses.invalid(error));
            return;
        }
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            response.fail(Statuses.ringFull());
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(type);
        fill.accept(slot);
        slot.reply = new UnaryReply<>(outbox, response, reader);
        publisher.publish(sequence);
    }
}
