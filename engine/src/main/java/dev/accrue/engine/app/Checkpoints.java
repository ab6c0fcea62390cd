package dev.accrue.engine.app;

import dev.accrue.engine.journal.JournalSegments;
import dev.accrue.engine.pipeline.Checkpointer;
import dev.accrue.engine.state.EngineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes checkpoints in two parts. On the business-logic thread, between two commands, the part
 * that needs the state to hold still: the tables and the map files are copied in memory, the
 * movement log's buffers written, and the other state files copied into checkpoints/N.partial
 * through the page cache. On a thread of its own, while commands are applied again, the copies in
 * memory are written there, everything is forced to disk and the directory renamed to
 * checkpoints/N; only then is it a checkpoint, so a crash before leaves the previous ones in force.
 * Writing gigabytes stalls on the kernel's writeback of dirty pages (seconds per checkpoint at a
 * million members), and only the checkpoint's own thread waits for that now. Without the memory
 * for the copies (as much again as the tables and the map files), the business thread writes the
 * tables, or copies the map files through the page cache, itself.
 *
 * <p>The newest two checkpoints are kept (see {@link DataDirectory}), and the journal from the
 * older one on; older checkpoints and journal segments are deleted. One checkpoint is completed at
 * a time: the next waits for the last to be durable. A failed checkpoint is logged and leaves the
 * previous ones in force.
 */
final class Checkpoints implements Checkpointer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final DataDirectory data;
    private final EngineState state;
    private final DiscardedFiles discarded;
    private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "accrue-checkpoint");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSequence = -1;
    /** The last checkpoint's disk part; done once it is durable or has failed. Set by the business thread. */
    private volatile CompletableFuture<Void> completing = CompletableFuture.completedFuture(null);
    /** The memory for the tables' copies, allocated after the start ({@link #prepare}). */
    private volatile CompletableFuture<Void> prepared = CompletableFuture.completedFuture(null);

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
        awaitDurable(); // the previous one's disk part: normally done long before
        long started = System.nanoTime(); // for the log line only
        DataDirectory.PartialCheckpoint partial;
        boolean tablesCopied;
        List<String> mapsCopied;
        long persisted;
        long mapsCopiedAt;
        long copied;
        try {
            tablesCopied = state.snapshotForCheckpoint(sequence);
            persisted = System.nanoTime();
            mapsCopied = state.copyMapsForCheckpoint();
            mapsCopiedAt = System.nanoTime();
            data.discardAllButNewestCheckpoint();
            discarded.deleteAll();
            List<String> writtenElsewhere = new ArrayList<>(EngineState.TABLES);
            writtenElsewhere.addAll(mapsCopied);
            partial = data.copyCheckpoint(sequence, writtenElsewhere);
            copied = System.nanoTime();
            if (!tablesCopied) {
                state.writeTables(partial.directory());
            }
            lastSequence = sequence;
        } catch (IOException | RuntimeException e) {
            LOG.error("checkpoint at sequence {} failed; the previous checkpoint stays in force", sequence, e);
            return;
        }
        long resumed = System.nanoTime();
        String paused = (resumed - started) / 1_000_000 + " ms ("
                + (tablesCopied ? "tables copied in memory and logs written " : "logs written ")
                + (persisted - started) / 1_000_000 + " ms, "
                + (mapsCopied.isEmpty() ? "" : "map files copied in memory " + (mapsCopiedAt - persisted) / 1_000_000 + " ms, ")
                + "files copied " + (copied - mapsCopiedAt) / 1_000_000 + " ms"
                + (tablesCopied ? ")" : ", tables written " + (resumed - copied) / 1_000_000 + " ms)");
        boolean mapsInMemory = !mapsCopied.isEmpty();
        completing = CompletableFuture.runAsync(() -> complete(partial, tablesCopied, mapsInMemory, started, paused),
                completer);
    }

    /** On the completer thread: writes the copies in memory taken, forces everything and makes it a checkpoint. */
    private void complete(DataDirectory.PartialCheckpoint partial, boolean tablesCopied, boolean mapsCopied, long started,
                          String paused) {
        try {
            if (tablesCopied) {
                state.writeTableSnapshots(partial.directory());
            }
            long copiedInMemory = mapsCopied ? state.writeMapCopies(partial.directory()) : 0;
            state.forceLogs();
            data.completeCheckpoint(partial);
            int segments = JournalSegments.deleteCoveredBy(data.journal(), data.oldestCheckpoint());
            LOG.info("checkpoint at sequence {}: {} MiB of files copied while the business thread paused {}; durable "
                            + "after {} ms; deleted {} journal segments", partial.sequence(),
                    (partial.bytesCopied() + copiedInMemory) >> 20, paused, (System.nanoTime() - started) / 1_000_000,
                    segments);
        } catch (IOException | RuntimeException e) {
            LOG.error("checkpoint at sequence {} failed; the previous checkpoint stays in force", partial.sequence(), e);
        }
    }

    /**
     * Allocates, on the checkpoint thread, the memory checkpoints copy the tables and map files
     * into: the first checkpoint waits for it instead of stalling the business thread on page
     * faults for seconds.
     */
    void prepare() {
        prepared = CompletableFuture.runAsync(() -> {
            long started = System.nanoTime(); // for the log line only
            try {
                state.prepareCheckpoints();
                LOG.info("memory for checkpoints' copies of the tables and map files prepared in {} ms",
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.error("could not prepare the memory for checkpoints' copies of the tables and map files", e);
            }
        }, completer);
    }

    /** Waits until the last checkpoint taken is durable (or has failed), and the memory for copies is ready. */
    void awaitDurable() {
        prepared.join();
        completing.join();
    }

    /** After the business thread has stopped: lets the last checkpoint finish, before the state closes. */
    @Override
    public void close() {
        awaitDurable();
        completer.shutdown();
    }
}
