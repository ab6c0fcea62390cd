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
 * Reads the movement log in order on a thread other than the business thread (a subscriber's):
 * only what the writer thread has written ({@link MovementLog#readableLength()}), never the
 * business thread's buffers. It reads ahead a chunk at a time into its own buffer, through its
 * own file channel (an interrupt of this thread closes only that). One thread per reader.
 */
public final class MovementReader implements AutoCloseable {
    /** {@link #read} when the movement is not (wholly) written yet. */
    public static final long NOT_YET = -1;
    private static final int CHUNK_BYTES = 64 << 10;

    private final File file;
    private final MovementLog log;
    private final FileChannel channel;
    private ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** The log offset of {@link #chunk}'s first byte; its limit is how many it holds. */
    private long chunkStart;

    private MovementReader(File file, MovementLog log, FileChannel channel) {
        this.file = file;
        this.log = log;
        this.channel = channel;
        chunk.limit(0);
    }

    static MovementReader open(File file, MovementLog log) {
        try {
            return new MovementReader(file, log, FileChannel.open(file.toPath(), StandardOpenOption.READ));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open movement log " + file + " for reading", e);
        }
    }

    /** Bytes of the log written, from its start: movements before it can be read. */
    public long readable() {
        return log.readableLength();
    }

    /**
     * Whether a movement starts at {@code offset}, or it is where the next one will (the end of the
     * written log). Offsets past the end are not (see {@link #readable()}).
     */
    public boolean isBoundary(long offset) {
        long readable = readable();
        if (offset == readable) {
            return true;
        }
        if (offset < 0 || offset > readable || offset % 8 != 0 || offset + MovementCodec.MIN_SIZE > readable) {
            return false;
        }
        fill(offset, MovementCodec.MIN_SIZE, readable);
        int size = MovementCodec.size(chunk, (int) (offset - chunkStart));
        if (size < MovementCodec.MIN_SIZE || size > MovementLog.BUFFER_BYTES || offset + size > readable) {
            return false;
        }
        fill(offset, size, readable);
        return MovementCodec.isMovement(chunk, (int) (offset - chunkStart), size, offset);
    }

    /**
     * Reads the movement at {@code offset}, which must be a boundary (a movement's start as
     * {@link MovementLog#append} returned it, or the offset this returned for the one before).
     *
     * @return where the next movement starts, or {@link #NOT_YET} when this one is not written yet
     */
    public long read(long offset, Movement into) {
        long readable = readable();
        if (offset + MovementCodec.MIN_SIZE > readable) {
            return NOT_YET;
        }
        fill(offset, MovementCodec.MIN_SIZE, readable);
        int size = MovementCodec.size(chunk, (int) (offset - chunkStart));
        if (size < MovementCodec.MIN_SIZE || size > MovementLog.BUFFER_BYTES || offset + size > readable) {
            throw new IllegalStateException("no movement at " + offset + " in " + file + " (size " + size + ")");
        }
        fill(offset, size, readable);
        MovementCodec.decode(chunk.position((int) (offset - chunkStart)), offset, into);
        return offset + size;
    }

    /** Makes {@link #chunk} hold {@code bytes} from {@code offset}, reading ahead up to {@code readable}. */
    private void fill(long offset, int bytes, long readable) {
        if (offset >= chunkStart && offset + bytes <= chunkStart + chunk.limit()) {
            return;
        }
        if (bytes > chunk.capacity()) {
            chunk = ByteBuffer.allocateDirect(Math.max(bytes, 2 * chunk.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        }
        chunk.clear().limit((int) Math.min(chunk.capacity(), readable - offset));
        try {
            while (chunk.position() < bytes) {
                if (channel.read(chunk, offset + chunk.position()) < 0) {
                    throw new IllegalStateException(file + " ends before " + readable);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read movement log " + file, e);
        }
        chunk.flip();
        chunkStart = offset;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close movement log reader " + file, e);
        }
    }
}
