package dev.accrue.bench.jmh;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The engine's journal thread as a staged benchmark needs it: on a thread (and core) of its own,
 * readies the records of the members the measured thread will write, a lead ahead of it, as the
 * journal's thread does for the business thread ({@code WriteAhead}). The faults it takes and the
 * cache lines it touches are then on the other core, as in the engine, not in the measured
 * thread's caches. Members are the benchmark's id cycle, by position.
 */
final class ReadyingThread implements AutoCloseable {
    private final int[] ids;
    private final int mask;
    private final int lead;
    private final LongConsumer ready;
    private final Thread thread;
    /** The position of the measured thread's next purchase. */
    private volatile long applyingFrom;
    /** Positions below this are readied. */
    private volatile long readiedTo;
    private volatile boolean stopped;

    /** {@code ids}' length must be a power of two. */
    ReadyingThread(int[] ids, int lead, LongConsumer ready) {
        this.ids = ids;
        this.mask = ids.length - 1;
        this.lead = lead;
        this.ready = ready;
        this.thread = new Thread(this::run, "bench-readying-ahead");
        this.thread.setDaemon(true);
    }

    ReadyingThread start(long from) {
        applyingFrom = from;
        readiedTo = from;
        thread.start();
        return this;
    }

    /**
     * The measured thread, outside its measurement: it is about to apply the purchases from
     * {@code from} to {@code to} (exclusive); waits until they are readied, as the business thread
     * waits for the journal to release a batch.
     */
    void applying(long from, long to) {
        applyingFrom = from;
        while (readiedTo < to && !stopped) {
            Thread.onSpinWait();
        }
    }

    private void run() {
        long next = readiedTo;
        while (!stopped) {
            long until = applyingFrom + lead;
            if (next >= until) {
                LockSupport.parkNanos(20_000);
                continue;
            }
            while (next < until) {
                ready.accept(ids[(int) (next & mask)]);
                next++;
                readiedTo = next;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
