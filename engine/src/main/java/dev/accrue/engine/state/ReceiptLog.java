package dev.accrue.engine.state;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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

    private final AppendOnlyFile file;
    private final ByteBuffer length = ByteBuffer.allocate(LENGTH_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    private ReceiptLog(AppendOnlyFile file) {
        this.file = file;
    }

    /** Opens the log, cut back to {@code trustedLength}: what the state it belongs to has seen. */
    public static ReceiptLog open(File file, long trustedLength) {
        return new ReceiptLog(AppendOnlyFile.open(file, trustedLength, "receipt log"));
    }

    /** The log's length in bytes: where the next record goes. */
    public long length() {
        return file.length();
    }

    /** Appends the bytes between {@code receipt}'s position and limit; returns the record's offset. */
    public long append(ByteBuffer receipt) {
        long offset = file.length();
        file.append(length.clear().putInt(0, receipt.remaining()));
        file.append(receipt);
        return offset;
    }

    /**
     * Reads the record at {@code offset} into {@code into} (cleared, then flipped for reading);
     * false, with nothing read, if no whole record of at most {@code into}'s capacity lies there.
     */
    public boolean read(long offset, ByteBuffer into) {
        long size = file.length();
        if (offset < 0 || offset > size - LENGTH_SIZE || !file.readFully(length.clear(), offset)) {
            return false;
        }
        int bytes = length.getInt(0);
        if (bytes < 0 || bytes > into.capacity() || bytes > size - offset - LENGTH_SIZE) {
            return false;
        }
        into.clear().limit(bytes);
        if (!file.readFully(into, offset + LENGTH_SIZE)) {
            return false;
        }
        into.flip();
        return true;
    }

    /** Makes the log durable (at checkpoints; the journal is what makes member changes durable). */
    public void force() {
        file.force();
    }

    @Override
    public void close() {
        file.close();
    }
}
