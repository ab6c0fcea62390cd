package dev.accrue.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The movement log's writer thread. The business thread appends to one of two buffers, each
 * holding the log from a base offset, and publishes how far its appends reach ({@link #publish});
 * this thread writes the published bytes to the file, straight from the buffers, then publishes
 * how far the file is written ({@link #written()}), which is all a {@link MovementReader} on another
 * thread may read. The business thread never waits for the disk unless it needs a buffer whose
 * bytes are not written yet; publishing is a volatile write and an unpark, and allocates nothing.
 * A write in progress when the business thread publishes more is followed by one for the rest, so
 * nothing published waits for a later command.
 *
 * <pre>
 *   log offset:  ...written │ published (volatile) │ appended, not yet published
 *   buffers:     [other buffer, from its base] [current buffer, from its base]
 *   business thread ──publish(end)──▶ writer thread ──▶ file ──▶ written (volatile) ──▶ listener
 * </pre>
 */
final class MovementWriter implements AutoCloseable {
    /** A waiting business thread re-checks this often even if no unpark reaches it. */
    private static final long AWAIT_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final FileChannel channel;
    private final String file;
    private final Thread thread;
    /** The writer's own views of the two buffers: it alone moves their positions and limits. */
    private final ByteBuffer[] views = new ByteBuffer[2];
    /** The log offset of each buffer's first byte; -1 for a buffer not used yet. */
    private volatile long base0;
    private volatile long base1 = -1;
    private volatile long published;
    private volatile long written;
    private volatile IOException failure;
    private volatile boolean closing;
    private volatile Thread waiter;
    private volatile Runnable listener = () -> { };

    /** Writes {@code first} and {@code second}'s published bytes; the log is {@code length} long, first holds what comes next. */
    MovementWriter(FileChannel channel, String file, ByteBuffer first, ByteBuffer second, long length) {
        this.channel = channel;
        this.file = file;
        views[0] = first.duplicate();
        views[1] = second.duplicate();
        base0 = length;
        published = length;
        written = length;
        thread = new Thread(this::run, "accrue-movement-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Business thread: {@code buffer} (0 or 1) now holds the log from {@code offset}; nothing of it is published yet. */
    void base(int buffer, long offset) {
        if (buffer == 0) {
            base0 = offset;
        } else {
            base1 = offset;
        }
    }

    /** Business thread: the buffers hold the log up to {@code end}: write it. */
    void publish(long end) {
        checkFailure();
        published = end;
        LockSupport.unpark(thread);
    }

    /** Bytes of the file written, from its start: readable by any thread. */
    long written() {
        return written;
    }

    /** Business thread: waits until the file holds the log up to {@code end} (published before). */
    void awaitWritten(long end) {
        waiter = Thread.currentThread();
        while (written < end) {
            checkFailure();
            LockSupport.parkNanos(this, AWAIT_PARK_NANOS);
        }
        waiter = null;
    }

    /** Called on the writer thread after each write, e.g. to wake readers waiting for more. */
    void listener(Runnable listener) {
        this.listener = listener;
    }

    private void checkFailure() {
        IOException e = failure;
        if (e != null) {
            throw new UncheckedIOException("cannot write movement log " + file, e);
        }
    }

    private void run() {
        long at = written;
        while (true) {
            long end = published;
            if (at >= end || failure != null) {
                if (closing && (at >= published || failure != null)) {
                    return;
                }
                LockSupport.park(this);
                continue;
            }
            // The buffer holding `at` is the one with the larger base at or below it; the other's
            // base, when above `at`, is where this buffer's bytes end. Bases are read after
            // `published`, so a base moved before what was published is seen.
            long first = base0;
            long second = base1;
            boolean secondHolds = second >= 0 && second <= at;
            int buffer = secondHolds && (first > at || second > first) ? 1 : 0;
            long base = buffer == 0 ? first : second;
            long next = buffer == 0 ? second : first;
            if (next > at) {
                end = Math.min(end, next);
            }
            try {
                ByteBuffer view = views[buffer];
                view.limit((int) (end - base)).position((int) (at - base));
                while (view.hasRemaining()) {
                    at += channel.write(view, at);
                }
                written = at;
            } catch (IOException e) {
                failure = e;
            }
            LockSupport.unpark(waiter);
            listener.run();
        }
    }

    /** Stops the thread once everything published is written. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
