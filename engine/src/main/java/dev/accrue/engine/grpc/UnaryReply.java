package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;
import io.vertx.core.Completable;
import io.vertx.core.Context;

import java.util.function.Function;

/**
 * Answers one unary call: on the reply thread it reads the result out of the slot, then completes
 * the call on the caller's Vert.x context.
 */
final class UnaryReply<T> implements ReplyTarget {
    private final Context context;
    private final Completable<T> response;
    private final Function<CommandSlot, T> reader;

    UnaryReply(Context context, Completable<T> response, Function<CommandSlot, T> reader) {
        this.context = context;
        this.response = response;
        this.reader = reader;
    }

    @Override
    public void complete(CommandSlot slot) {
        ResultCode result = slot.result;
        if (result == ResultCode.OK) {
            T value = reader.apply(slot);
            context.runOnContext(ignored -> response.succeed(value));
        } else {
            context.runOnContext(ignored -> response.fail(Statuses.exception(result)));
        }
    }
}
