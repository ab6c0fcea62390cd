package dev.accrue.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;

/** The last stage: hands each finished command to its reply target, which answers the caller. */
final class ReplyHandler implements EventHandler<CommandSlot> {
    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        ReplyTarget target = slot.reply;
        if (target != null) {
            target.complete(slot);
        }
    }
}
