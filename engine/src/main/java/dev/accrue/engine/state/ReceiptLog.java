package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Replies kept whole for the retries the idempotency table cannot answer from its own fields (a
 * member change answers with the member's balance and identities as they were): an append-only
 * file of records, each its length and its bytes.
 *
 * <pre>
 *  0          4
 *  +----------+---------------------+
 *  | length   | receipt (length B)  |   ... the next record
 *  +----------+---------------------+
 * </pre>
 *
 * Like the audit log it is state derived from the journal: a checkpoint records its length, and
 * after a crash it is cut back to that length before the journal is replayed (which appends the
 * same records again). Member changes are rare, so each record is written through at once.
 * Business-logic thread only.
 */
public final class ReceiptLog implements AutoCloseable {
    private static final int LENGTH_SIZE = Integer.BYTES;

    private final File file;
    private final FileChannel channel;
    private final ByteBuffer length = ByteBuffer.allocate(LENGTH_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private long size;

    private ReceiptLog(File file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /** Opens the log, cut back to {@code trustedLength}: what the state it belongs to has seen. */
    public static ReceiptLog open(File file, long trustedLength) {
        return new ReceiptLog(file, DerivedLogFile.openCutBack(file, trustedLength, "receipt log"), trustedLength);
    }

    /** The log's length in bytes: where the next record goes. */
    public long length() {
        return size;
    }

    /** Appends the bytes between {@code receipt}'s position and limit; returns the record's offset. */
    public long append(ByteBuffer receipt) {
        long offset = size;
        length.clear();
        length.putInt(0, receipt.remaining());
        try {
            write(length, offset);
            write(receipt, offset + LENGTH_SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write receipt log " + file, e);
        }
        return offset;
    }

    /**
     * Reads the record at {@code offset} into {@code into} (cleared, then flipped for reading);
     * false, with nothing read, if no whole record of at most {@code into}'s capacity lies there.
     */
    public boolean read(long offset, ByteBuffer into) {
        if (offset < 0 || offset > size - LENGTH_SIZE) {
            return false;
        }
        try {
            length.clear();
            channel.read(length, offset);
            int bytes = length.getInt(0);
            if (bytes < 0 || bytes > into.capacity() || bytes > size - offset - LENGTH_SIZE) {
                return false;
            }
            into.clear().limit(bytes);
            while (into.hasRemaining()) {
                if (channel.read(into, offset + LENGTH_SIZE + into.position()) < 0) {
                    return false;
                }
            }
            into.flip();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read receipt log " + file, e);
        }
    }

    private void write(ByteBuffer bytes, long at) throws IOException {
        long position = at;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        size = Math.max(size, position);
    }

    /** Makes the log durable (at checkpoints; the journal is what makes member changes durable). */
    public void force() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force receipt log " + file, e);
        }
    }

    @Override
    public void close() {
        force();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close receipt log " + file, e);
        }
    }
}
