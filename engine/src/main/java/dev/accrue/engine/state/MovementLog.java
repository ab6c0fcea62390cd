package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Every member's history in one append-only file: each {@link Movement} links to the member's
 * previous one, so a member's history is read newest first by following the links, and a return
 * finds the purchase it takes back from. Appends go to a buffer; a buffer is handed to the
 * {@link MovementWriter}'s thread when full, or when the business thread goes idle
 * ({@link #writeBehind()}) and the writer is too, while appends go on in a second one (the disk's
 * pace must not become the business thread's). {@link #flush()} writes everything before a
 * checkpoint and at shutdown. {@link #read} sees both buffers.
 *
 * <p>The log is also the member events' stream, in the order the business thread made them:
 * {@link MovementReader}s on other threads read what the writer has written
 * ({@link #readableLength()}), so movements reach them within a batch of commands.
 *
 * <p>The log is state derived from the journal, but unlike the maps it is never copied: a
 * checkpoint records its length in the counters, and after a crash the log is cut back to that
 * length before the journal after the checkpoint is replayed (which appends the same movements
 * again, at the same offsets). Business-logic thread only, but for {@link #readableLength()},
 * {@link #onWritten} and {@link #reader()}; appends, hand-offs and reads allocate nothing.
 */
public final class MovementLog implements AutoCloseable {
    /** The largest movement, and the size of each of the two buffers. */
    static final int BUFFER_BYTES = 4 << 20;

    private final File file;
    private final FileChannel channel;
    private final MovementWriter writer;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer spare = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** The buffer handed to the writer, to be written at {@link #written}, or null. */
    private ByteBuffer inFlight;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** Bytes in the file as this thread knows; {@link #inFlight} and then {@link #buffer} hold what comes after. */
    private long written;

    private MovementLog(File file, FileChannel channel, long written) {
        this.file = file;
        this.channel = channel;
        this.written = written;
        this.writer = new MovementWriter(channel, file.toString(), written);
    }

    /** Opens the log, cut back to {@code trustedLength}: what the state it belongs to has seen. */
    public static MovementLog open(File file, long trustedLength) {
        try {
            File parent = file.getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create " + parent);
            }
            FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = channel.size();
            if (size < trustedLength) {
                channel.close();
                throw new IllegalStateException(file + " holds " + size + " bytes but the state has seen "
                        + trustedLength + "; the movement log was lost or cut short");
            }
            channel.truncate(trustedLength);
            return new MovementLog(file, channel, trustedLength);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open movement log " + file, e);
        }
    }

    /** The log's length: where the next movement goes. */
    public long length() {
        return bufferStart() + buffer.position();
    }

    /** Where the data in {@link #buffer} starts in the log. */
    private long bufferStart() {
        return written + (inFlight == null ? 0 : inFlight.limit());
    }

    /** Appends the movement; returns its offset. */
    public long append(Movement m) {
        int size = m.storedSize();
        if (size > BUFFER_BYTES) {
            throw new IllegalArgumentException("a movement of " + size + " bytes");
        }
        if (buffer.remaining() < size) {
            awaitWriter();
            handOff();
        }
        long offset = length();
        MovementCodec.encode(m, size, buffer);
        return offset;
    }

    /** Reads the movement at {@code offset} (as {@link #append} returned it) into {@code into}. */
    public void read(long offset, Movement into) {
        ByteBuffer b = slice(offset);
        int size = b.getInt(b.position());
        if (size < Movement.HEADER_SIZE) {
            throw new IllegalStateException("no movement at " + offset + " in " + file + " (size " + size + ")");
        }
        MovementCodec.decode(b, into);
    }

    /** A buffer positioned at the movement: the unwritten tail, or the movement read from the file. */
    private ByteBuffer slice(long offset) {
        if (offset < 0 || offset >= length()) {
            throw new IllegalArgumentException("no movement at " + offset + " in " + file);
        }
        if (offset >= bufferStart()) {
            return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (offset - bufferStart()));
        }
        if (offset >= written) {
            // Being written: the writer moves the buffer's position, never its bytes or limit, so
            // a slice from a fixed index reads it safely.
            int at = (int) (offset - written);
            return inFlight.slice(at, inFlight.limit() - at).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            readBuffer.clear().limit(Integer.BYTES);
            readFully(offset);
            int size = readBuffer.getInt(0);
            if (size < Movement.HEADER_SIZE || size > BUFFER_BYTES || offset + size > written) {
                throw new IllegalStateException("no movement at " + offset + " in " + file + " (size " + size + ")");
            }
            readBuffer.clear().limit(size);
            readFully(offset);
            return readBuffer.flip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read movement log " + file, e);
        }
    }

    private void readFully(long offset) throws IOException {
        while (readBuffer.hasRemaining()) {
            if (channel.read(readBuffer, offset + readBuffer.position()) < 0) {
                throw new IllegalStateException(file + " ends at " + channel.size() + ", before " + written);
            }
        }
    }

    /**
     * Hands the buffered movements to the writer if it is idle, so that readers get them soon;
     * never waits for the disk. Called when the business thread goes idle: under load the writer
     * is still busy with the last batch and this does nothing, so writes grow with the batches.
     */
    public void writeBehind() {
        if (buffer.position() == 0) {
            return;
        }
        if (inFlight != null) {
            if (!writer.idle()) {
                return;
            }
            reclaim();
        }
        handOff();
    }

    /** Hands the buffer to the (idle) writer and appends to the other. */
    private void handOff() {
        ByteBuffer full = buffer.flip();
        inFlight = full;
        writer.write(full, written);
        buffer = spare.clear();
        spare = null;
    }

    private void awaitWriter() {
        if (inFlight != null) {
            writer.awaitIdle();
            reclaim();
        }
    }

    /** The in-flight buffer is written: it is the spare now. */
    private void reclaim() {
        written += inFlight.limit();
        spare = inFlight;
        inFlight = null;
    }

    /** Writes the buffered movements to the file (to the page cache; {@link #force()} makes them durable). */
    public void flush() {
        awaitWriter();
        if (buffer.position() > 0) {
            handOff();
            awaitWriter();
        }
    }

    /** Bytes of the log in the file, from its start: what a {@link MovementReader} may read. Any thread. */
    public long readableLength() {
        return writer.written();
    }

    /** Runs {@code listener} on the writer thread after each write; it must be quick and not throw. */
    public void onWritten(Runnable listener) {
        writer.listener(listener);
    }

    /** A reader of the written log for one other thread; close it when done. */
    public MovementReader reader() {
        return MovementReader.open(file, this);
    }

    public void force() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force movement log " + file, e);
        }
    }

    @Override
    public void close() {
        flush();
        force();
        writer.close();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close movement log " + file, e);
        }
    }
}
