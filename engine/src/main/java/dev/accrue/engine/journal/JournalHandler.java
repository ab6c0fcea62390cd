package dev.accrue.engine.journal;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.pipeline.DurableSequence;
import dev.accrue.engine.pipeline.WriteAhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The journal stage, first after the ring: gives each mutating command its sequence, appends it,
 * and commits once per ring batch. The business-logic stage runs after this one and applies only
 * commands at or below {@link #durableThrough()}, so state is never ahead of the journal.
 *
 * <p>A failed write or force is not retried: after an fsync error the page cache can no longer be
 * trusted. The stage stops journaling, and every later command is refused until a restart
 * recovers from what is on disk.
 */
public final class JournalHandler implements EventHandler<CommandSlot>, DurableSequence, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalHandler.class);

    private final JournalWriter writer;
    private volatile long durableThrough;
    private boolean failed;
    /** This stage's sequence in the ring: moved on as soon as a batch is durable. */
    private Sequence released;
    /** Readies each command's writes before the business stage gets it; {@link WriteAhead#NONE} after it failed. */
    private WriteAhead writeAhead = WriteAhead.NONE;

    public JournalHandler(JournalWriter writer) {
        this.writer = writer;
        this.durableThrough = writer.committedSequence();
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (failed) {
            slot.sequence = DurableSequence.NOT_JOURNALED;
            return;
        }
        try {
            if (slot.type.mutates()) {
                slot.sequence = writer.append(slot);
                readyWrites(slot);
            }
            if (endOfBatch) {
                writer.commit();
                durableThrough = writer.committedSequence();
                if (released != null) {
                    released.set(ringSequence); // the business stage goes on with the batch now
                }
                writer.preallocate(); // after the batch is released: only the next one may wait
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            slot.sequence = DurableSequence.NOT_JOURNALED;
            LOG.error("journal write failed at sequence {}; refusing every command until restart",
                    writer.committedSequence() + 1, e);
        }
    }

    /**
     * From the start, readies each mutating command's writes with {@code ahead} once it is
     * appended: done before the batch is released, so the business stage never overtakes it.
     */
    public JournalHandler readyingWritesWith(WriteAhead ahead) {
        this.writeAhead = ahead;
        return this;
    }

    /** Readying only saves the business stage time: should it fail, the journal goes on without it. */
    private void readyWrites(CommandSlot slot) {
        try {
            writeAhead.ready(slot);
        } catch (RuntimeException e) {
            writeAhead = WriteAhead.NONE;
            LOG.warn("stopped readying commands' writes ahead of the business stage", e);
        }
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        released = sequenceCallback;
    }

    @Override
    public long durableThrough() {
        return durableThrough;
    }

    public JournalStats stats() {
        return writer.stats();
    }

    @Override
    public void close() throws IOException {
        if (!failed) {
            writer.close();
        }
    }
}
