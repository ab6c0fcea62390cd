package dev.accrue.engine.app;

import dev.accrue.engine.journal.JournalReplayer;
import dev.accrue.engine.pipeline.Checkpointer;
import dev.accrue.engine.pipeline.DurableSequence;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.state.EngineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * Brings the state up to the end of the journal before the engine serves: after a clean shutdown
 * the state files are reused and only a journal tail (if any) is replayed; after anything else
 * they are replaced by the latest checkpoint (or nothing) and the journal after it is replayed
 * through the same business logic, while a {@link ReplayRunAhead} readies what it will write.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    static EngineState recover(DataDirectory data, EngineOptions options) throws Exception {
        long jvmUpMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        PhaseTimes times = new PhaseTimes();
        boolean clean = data.wasShutDownCleanly();
        DataDirectory.Restored checkpoint = new DataDirectory.Restored(-1, false);
        if (!clean) {
            data.discardState();
            times.mark("discarding the state");
            checkpoint = data.restoreLatestCheckpoint();
            times.mark("restoring the checkpoint");
        }
        data.markRunning();
        ReplayRunAhead runAhead = new ReplayRunAhead(data.journal());
        EngineState state;
        try {
            state = EngineState.open(data.state().toFile(), options.getMemberCapacity(), options.getEventIdCapacity(),
                    options.getPurchaseCapacity(), runAhead::start);
        } catch (RuntimeException e) {
            runAhead.close();
            throw e;
        }
        times.mark("opening the state");
        try {
            long applied = state.counters().lastSequence();
            LoyaltyProcessor replay = new LoyaltyProcessor(state, DurableSequence.ALL,
                    options.eventIdRetentionMillis(), options.purchaseRetentionMillis(), Checkpointer.NONE);
            // In windows: the processor loads what a window's commands touch before applying them.
            JournalReplayer.Outcome outcome = new JournalReplayer(runAhead::close).replay(data.journal(), applied,
                    (slots, count) -> replay.process(slots, count));
            runAhead.close();
            // Subscribers read only what is in the file: the replayed movements are, before anyone subscribes.
            state.movements().flush();
            times.mark("replay");
            if (outcome.truncated()) {
                LOG.warn("journal {} ended in a torn write: cut {} bytes at offset {} (never acknowledged)",
                        outcome.truncatedFile(), outcome.truncatedBytes(), outcome.truncatedAt());
            }
            if (outcome.lastSequence() < applied) {
                throw new IllegalStateException("the state has applied sequence " + applied
                        + " but the journal ends at " + outcome.lastSequence() + "; refusing to start");
            }
            LOG.info("recovered {}: replayed {} commands; journal ends at sequence {}",
                    clean ? "the state of a clean shutdown" : checkpoint.sequence() >= 0
                            ? "from the checkpoint at sequence " + checkpoint.sequence()
                            + (checkpoint.adopted() ? " (adopted)" : " (copied)") : "from an empty state",
                    outcome.replayed(), outcome.lastSequence());
            LOG.info("recovery took {} after {} ms of JVM start", times, jvmUpMillis);
            return state;
        } catch (Exception e) {
            runAhead.close(); // before the state it reads is closed
            state.close();
            throw e;
        }
    }
}
