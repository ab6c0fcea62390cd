package dev.accrue.engine.pipeline;

import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.ReplyTarget;
import dev.accrue.engine.domain.ResultCode;

/**
 * The business-logic stage: applies each command with the {@link LoyaltyProcessor}, then hands the
 * result to the command's reply target, which answers the caller on its event loop. Replying on
 * this thread rather than a stage of its own saves a thread hand-off per command and a thread that
 * would wait (on two cores, burn) for this one.
 *
 * <p>Under load the ring hands this stage batches of commands. Before applying a window of up to
 * {@value #PREFETCH_WINDOW} of them, it loads what they will touch ({@link Prefetch}), so that
 * their cache misses overlap. The window stays within the batch: those commands are journaled
 * and no other stage touches their slots any more.
 */
final class BusinessLogicStage implements EventHandler<CommandSlot> {
    /** Commands whose loads overlap: enough to hide most of a miss, few enough for their lines to stay in the L1 cache. */
    static final int PREFETCH_WINDOW = 16;

    private final LoyaltyProcessor processor;
    private final Prefetch prefetch;
    private final DataProvider<CommandSlot> ring;
    /** The slots of the window being loaded ahead. */
    private final CommandSlot[] window = new CommandSlot[PREFETCH_WINDOW];
    /** The size of the batch that starts with the next event; 0 once that event has come. */
    private long batchSize;
    private long batchEnd = -1;
    private long prefetchedThrough = -1;

    BusinessLogicStage(LoyaltyProcessor processor, DataProvider<CommandSlot> ring) {
        this.processor = processor;
        this.prefetch = processor.prefetch();
        this.ring = ring;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        this.batchSize = batchSize;
    }

    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        if (batchSize > 0) {
            batchEnd = sequence + batchSize - 1;
            batchSize = 0;
        }
        if (sequence > prefetchedThrough) {
            prefetchWindow(sequence);
        }
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

    /** Loads ahead for the commands from {@code first} to the window's end; a window of one has nothing to overlap. */
    private void prefetchWindow(long first) {
        long last = Math.min(first + PREFETCH_WINDOW - 1, batchEnd);
        prefetchedThrough = Math.max(first, last);
        if (last > first) {
            int count = (int) (last - first + 1);
            for (int i = 0; i < count; i++) {
                window[i] = ring.get(first + i);
            }
            prefetch.window(window, count);
        }
    }
}
