package dev.accrue.engine.app;

import dev.accrue.engine.journal.JournalReplayer;
import dev.accrue.engine.pipeline.Checkpointer;
import dev.accrue.engine.pipeline.DurableSequence;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.state.EngineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the state up to the end of the journal before the engine serves: after a clean shutdown
 * the state files are reused and only a journal tail (if any) is replayed; after anything else
 * they are replaced by the latest checkpoint (or nothing) and the journal after it is replayed
 * through the same business logic.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    static EngineState recover(DataDirectory data, EngineOptions options) throws Exception {
        boolean clean = data.wasShutDownCleanly();
        long checkpoint = -1;
        if (!clean) {
            data.discardState();
            checkpoint = data.restoreLatestCheckpoint();
        }
        data.markRunning();
        EngineState state = EngineState.open(data.state().toFile(), options.getMemberCapacity(),
                options.getEventIdCapacity(), options.getPurchaseCapacity());
        try {
            long applied = state.counters().lastSequence();
            LoyaltyProcessor replay = new LoyaltyProcessor(state, DurableSequence.ALL,
                    options.eventIdRetentionMillis(), options.purchaseRetentionMillis(), Checkpointer.NONE);
            long started = System.nanoTime();
            JournalReplayer.Outcome outcome = new JournalReplayer().replay(data.journal(), applied, replay::process);
            // Subscribers read only what is in the file: the replayed movements are, before anyone subscribes.
            state.movements().flush();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (outcome.truncated()) {
                LOG.warn("journal {} ended in a torn write: cut {} bytes at offset {} (never acknowledged)",
                        outcome.truncatedFile(), outcome.truncatedBytes(), outcome.truncatedAt());
            }
            if (outcome.lastSequence() < applied) {
                throw new IllegalStateException("the state has applied sequence " + applied
                        + " but the journal ends at " + outcome.lastSequence() + "; refusing to start");
            }
            LOG.info("recovered {}: replayed {} commands in {} ms; journal ends at sequence {}",
                    clean ? "the state of a clean shutdown" : checkpoint >= 0
                            ? "from the checkpoint at sequence " + checkpoint : "from an empty state",
                    outcome.replayed(), millis, outcome.lastSequence());
            return state;
        } catch (Exception e) {
            state.close();
            throw e;
        }
    }
}
