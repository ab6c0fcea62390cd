package dev.accrue.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;

/**
 * The business-logic stage: applies each command with the {@link LoyaltyProcessor}, then hands the
 * result to the command's reply target, which answers the caller on its event loop. Replying on
 * this thread rather than a stage of its own saves a thread hand-off per command and a thread that
 * would wait (on two cores, burn) for this one.
 */
final class BusinessLogicStage implements EventHandler<CommandSlot> {
    private final LoyaltyProcessor processor;

    BusinessLogicStage(LoyaltyProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        RuntimeException fault = null;
        try {
            processor.process(slot);
        } catch (RuntimeException e) {
            slot.result = ResultCode.ENGINE_FAULT;
            fault = e;
        }
        ReplyTarget target = slot.reply;
        if (target != null) {
            target.complete(slot);
        }
        slot.release();
        if (endOfBatch) {
            try {
                processor.endOfBatch();
            } catch (RuntimeException e) {
                fault = fault == null ? e : fault;
            }
        }
        if (fault != null) {
            throw fault; // SlotFaultHandler logs it; the caller has had its answer
        }
    }
}
