package dev.accrue.engine.app;

import dev.accrue.engine.journal.JournalReplayer;
import dev.accrue.engine.state.MemberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Reads the journal a recovery is about to replay on a thread of its own, ahead of the replay, and
 * readies the member records its commands will write ({@link MemberStore#prepareWrite}). It starts
 * as soon as the member map is open, while the tables still load and the replay cannot begin, and
 * goes on beside the replay on the other core. After a crash, the member map's pages are clean and
 * each first write to one faults (3-12 µs here): at 10M members that was half the replay's time, on
 * the one thread every command waits for. Before reading the journal, it brings every lookup of
 * the member map into memory at once ({@link MemberStore#readyLookups}): after a crash at 10M
 * members most were no longer in the page cache, and read one fault at a time, each held up the
 * replay (the gain measured at 10M was within that machine's noise: BENCHMARKS.md).
 *
 * <p>It changes nothing the engine holds and reads only member ids (commands naming a member by
 * card or phone are left to the replay); anything going wrong just stops it.
 */
final class ReplayRunAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunAhead.class);

    private final Path journal;
    private Thread thread;
    private volatile boolean stopped;
    /** Written and read by the thread only. */
    private long prepared;

    /** Reads {@code journal} once {@link #start}ed. */
    ReplayRunAhead(Path journal) {
        this.journal = journal;
    }

    /** Starts reading the journal after {@code afterSequence}, readying {@code members}' records. */
    void start(MemberStore members, long afterSequence) {
        thread = new Thread(() -> run(members, afterSequence), "accrue-replay-run-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(MemberStore members, long afterSequence) {
        long started = System.nanoTime();
        long startedCpu = cpuNanos();
        try {
            long lookups = members.readyLookups();
            LOG.info("readied {} MiB of the member map's lookups in {} ms", lookups >> 20,
                    (System.nanoTime() - started) / 1_000_000);
            JournalReplayer.readOnly().replay(journal, afterSequence, command -> {
                if (stopped) {
                    throw new Stop();
                }
                if (command.memberId != 0) {
                    members.prepareWrite(command.memberId);
                    prepared++;
                }
            });
            LOG.info("ran ahead of the replay: readied {} member records in {} ms (CPU {} ms)", prepared,
                    (System.nanoTime() - started) / 1_000_000, (cpuNanos() - startedCpu) / 1_000_000);
        } catch (Stop stop) {
            LOG.info("ran ahead of the replay: readied {} member records before it ended (CPU {} ms)", prepared,
                    (cpuNanos() - startedCpu) / 1_000_000);
        } catch (RuntimeException | IOException e) { // the replay itself reports what is wrong
            LOG.debug("stopped running ahead of the replay", e);
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Waits until the reader has read all it will, without stopping it (for tests). */
    void awaitEnd() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
    }

    /** Stops reading ahead (the replay is done, or failed), and waits for the thread. */
    @Override
    public void close() {
        stopped = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown from inside the journal reader to leave it once the replay is done. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
