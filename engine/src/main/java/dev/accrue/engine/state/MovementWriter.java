package dev.accrue.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The movement log's writer thread: writes the buffers the business thread hands it, one at a
 * time, each at its place in the file, then publishes how far the file is written
 * ({@link #written()}), which is all a {@link MovementReader} on another thread may read. The
 * hand-off is a pair of volatile fields and an unpark, so it allocates nothing and the business
 * thread never waits for the disk unless both of its buffers are full. Idle, the thread parks.
 *
 * <pre>
 *  business thread ──write(buffer, position)──▶ pending ──writer thread──▶ file
 *        ▲                                                     │
 *        └──────────── idle() / awaitIdle() ◀── pending = null ┴──▶ written (volatile) ──▶ listener
 * </pre>
 */
final class MovementWriter implements AutoCloseable {
    /** A waiting business thread re-checks this often even if no unpark reaches it. */
    private static final long AWAIT_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final FileChannel channel;
    private final String file;
    private final Thread thread;
    /** The buffer to write, from its position to its limit; null when the writer is idle. */
    private volatile ByteBuffer pending;
    /** Where {@link #pending} goes; set before it, so the volatile write of pending publishes it. */
    private long pendingPosition;
    private volatile long written;
    private volatile IOException failure;
    private volatile boolean closing;
    private volatile Thread waiter;
    private volatile Runnable listener = () -> { };

    MovementWriter(FileChannel channel, String file, long written) {
        this.channel = channel;
        this.file = file;
        this.written = written;
        thread = new Thread(this::run, "accrue-movement-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Bytes of the file written, from its start: readable by any thread. */
    long written() {
        return written;
    }

    /** Called on the writer thread after each write, e.g. to wake readers waiting for more. */
    void listener(Runnable listener) {
        this.listener = listener;
    }

    /** Whether the last buffer handed over is written; throws if writing it failed. */
    boolean idle() {
        checkFailure();
        return pending == null;
    }

    /** Hands {@code data} (position to limit) over, to be written at {@code position}; the writer must be idle. */
    void write(ByteBuffer data, long position) {
        pendingPosition = position;
        pending = data;
        LockSupport.unpark(thread);
    }

    /** Waits until the last buffer handed over is written. */
    void awaitIdle() {
        waiter = Thread.currentThread();
        while (pending != null) {
            LockSupport.parkNanos(this, AWAIT_PARK_NANOS);
        }
        waiter = null;
        checkFailure();
    }

    private void checkFailure() {
        IOException e = failure;
        if (e != null) {
            throw new UncheckedIOException("cannot write movement log " + file, e);
        }
    }

    private void run() {
        while (true) {
            ByteBuffer data = pending;
            if (data == null) {
                if (closing) {
                    return;
                }
                LockSupport.park(this);
                continue;
            }
            try {
                long position = pendingPosition;
                while (data.hasRemaining()) {
                    position += channel.write(data, position);
                }
                written = position;
            } catch (IOException e) {
                failure = e;
            }
            pending = null;
            LockSupport.unpark(waiter);
            listener.run();
        }
    }

    /** Stops the thread once the buffer handed over, if any, is written. */
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
