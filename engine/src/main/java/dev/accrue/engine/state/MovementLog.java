package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Every member's history in one append-only file: each {@link Movement} links to the member's
 * previous one, so a member's history is read newest first by following the links, and a return
 * finds the purchase it takes back from. Appends go to one of two buffers; the
 * {@link MovementWriter}'s thread writes what the business thread has published of them: at the
 * end of each batch of commands ({@link #writeBehind()}) and when a buffer fills up and appends
 * go on in the other (the disk's pace must not become the business thread's). {@link #flush()}
 * writes everything before a checkpoint and at shutdown. {@link #read} sees both buffers.
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
    private final ByteBuffer[] buffers = {
            ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN),
            ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN)};
    private final MovementWriter writer;
    /** Appends go to buffers[current], which holds the log from {@link #bufferStart}. */
    private int current;
    private ByteBuffer buffer = buffers[0];
    private long bufferStart;
    /** The other buffer holds the log from here to {@link #bufferStart}, until it is reused. */
    private long otherStart;
    /** How far the writer may write: the last {@link MovementWriter#publish}. */
    private long published;
    /** {@link MovementCodec#encode}'s room to copy a text's chars to. */
    private final char[] chars = new char[64];
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    private MovementLog(File file, FileChannel channel, long length) {
        this.file = file;
        this.channel = channel;
        this.bufferStart = length;
        this.otherStart = length;
        this.published = length;
        this.writer = new MovementWriter(channel, file.toString(), buffers[0], buffers[1], length);
    }

    /** Opens the log, cut back to {@code trustedLength}: what the state it belongs to has seen. */
    public static MovementLog open(File file, long trustedLength) {
        return new MovementLog(file, DerivedLogFile.openCutBack(file, trustedLength, "movement log"), trustedLength);
    }

    /** The log's length: where the next movement goes. */
    public long length() {
        return bufferStart + buffer.position();
    }

    /** Appends the movement; returns its offset. */
    public long append(Movement m) {
        int room = MovementCodec.maxSize(m);
        if (room > BUFFER_BYTES) {
            throw new IllegalArgumentException("a movement of up to " + room + " bytes");
        }
        if (buffer.remaining() < room) {
            switchBuffers();
        }
        long offset = length();
        MovementCodec.encode(m, offset, buffer, chars);
        return offset;
    }

    /**
     * Reads the movement at {@code offset} (as {@link #append} returned it) into {@code into};
     * returns where the next movement starts.
     */
    public long read(long offset, Movement into) {
        ByteBuffer b = slice(offset);
        int size = MovementCodec.size(b, b.position());
        if (size < MovementCodec.MIN_SIZE) {
            throw new IllegalStateException("no movement at " + offset + " in " + file + " (size " + size + ")");
        }
        MovementCodec.decode(b, offset, into);
        return offset + size;
    }

    /** A buffer positioned at the movement: the unwritten tail, or the movement read from the file. */
    private ByteBuffer slice(long offset) {
        if (offset < 0 || offset >= length()) {
            throw new IllegalArgumentException("no movement at " + offset + " in " + file);
        }
        if (offset >= bufferStart) {
            return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (offset - bufferStart));
        }
        if (offset >= otherStart) {
            // Maybe being written: the writer moves its own view's position, never these bytes.
            int at = (int) (offset - otherStart);
            return buffers[1 - current].slice(at, (int) (bufferStart - offset)).order(ByteOrder.LITTLE_ENDIAN);
        }
        try {
            readBuffer.clear().limit(Integer.BYTES);
            readFully(offset);
            int size = readBuffer.getInt(0);
            if (size < MovementCodec.MIN_SIZE || size > BUFFER_BYTES || offset + size > otherStart) {
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
                throw new IllegalStateException(file + " ends at " + channel.size() + ", before " + otherStart);
            }
        }
    }

    /**
     * Lets the writer write everything appended so far, so that readers get it soon; never waits
     * for the disk. Called when the business thread goes idle, at the end of each batch of
     * commands: under load the writer is still writing the last batch and takes this one after.
     */
    public void writeBehind() {
        long end = length();
        if (end != published) {
            published = end;
            writer.publish(end);
        }
    }

    /**
     * Appends go on in the other buffer once the writer has written what it holds (it has, unless
     * the disk is slower than the business thread), from where this one ends.
     */
    private void switchBuffers() {
        writeBehind();
        writer.awaitWritten(bufferStart);
        long end = length();
        int other = 1 - current;
        writer.base(other, end);
        otherStart = bufferStart;
        bufferStart = end;
        current = other;
        buffer = buffers[other].clear();
    }

    /** Writes the buffered movements to the file (to the page cache; {@link #force()} makes them durable). */
    public void flush() {
        writeBehind();
        writer.awaitWritten(published);
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
