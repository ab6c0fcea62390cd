package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;
import io.vertx.core.Completable;

import java.util.function.Function;

/**
 * Answers one unary call: on the reply thread it reads the result out of the slot, then completes
 * the call on the caller's event loop through its outbox.
 */
final class UnaryReply<T> implements ReplyTarget {
    private final ContextOutbox outbox;
    private final Completable<T> response;
    private final Function<CommandSlot, T> reader;

    UnaryReply(ContextOutbox outbox, Completable<T> response, Function<CommandSlot, T> reader) {
        this.outbox = outbox;
        this.response = response;
        this.reader = reader;
    }

    @Override
    public void complete(CommandSlot slot) {
        ResultCode result = slot.result;
        if (result == ResultCode.OK) {
            T value = reader.apply(slot);
            outbox.send(() -> response.succeed(value));
        } else {
            outbox.send(() -> response.fail(Statuses.exception(result)));
        }
    }
}
