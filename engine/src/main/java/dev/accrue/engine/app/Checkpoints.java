package dev.accrue.engine.app;

import dev.accrue.engine.journal.JournalSegments;
import dev.accrue.engine.pipeline.Checkpointer;
import dev.accrue.engine.state.EngineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Writes checkpoints on the business-logic thread: the state in memory saved to its files, then a
 * copy of every state file, taken between two commands. The newest two checkpoints are kept (see
 * {@link DataDirectory}), and the journal from the older one on; older checkpoints and journal
 * segments are deleted. A failed checkpoint is logged and leaves the previous ones in force.
 */
final class Checkpoints implements Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final DataDirectory data;
    private final EngineState state;
    private final DiscardedFiles discarded;
    private long lastSequence = -1;

    Checkpoints(DataDirectory data, EngineState state, DiscardedFiles discarded) {
        this.data = data;
        this.state = state;
        this.discarded = discarded;
    }

    @Override
    public void checkpoint(long sequence) {
        if (sequence == lastSequence) {
            return;
        }
        long started = System.nanoTime(); // for the log line only
        try {
            state.persist();
            data.discardAllButNewestCheckpoint();
            discarded.deleteAll();
            long bytes = data.writeCheckpoint(sequence);
            int segments = JournalSegments.deleteCoveredBy(data.journal(), data.oldestCheckpoint());
            lastSequence = sequence;
            LOG.info("checkpoint at sequence {}: {} MiB copied in {} ms; deleted {} journal segments", sequence,
                    bytes >> 20, (System.nanoTime() - started) / 1_000_000, segments);
        } catch (IOException | RuntimeException e) {
            LOG.error("checkpoint at sequence {} failed; the previous checkpoint stays in force", sequence, e);
        }
    }
}
