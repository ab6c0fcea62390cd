package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The engine's own counters in a small memory-mapped file beside the maps, so they persist exactly
 * as the maps do (page cache; the journal will make both durable).
 *
 * <pre>
 *  0          8              16             24             32             40               48                56                   64
 *  +----------+--------------+--------------+--------------+--------------+----------------+-----------------+--------------------+
 *  | MAGIC    | lastSequence | memberCount  | clockMillis  | sweepCursor  | memberCapacity | eventIdCapacity | memberSweepCursor  |
 *  +----------+--------------+--------------+--------------+--------------+----------------+-----------------+--------------------+
 *  64 movementLogLength   72 purchaseCapacity   80 auditLogLength   88 receiptLogLength
 * </pre>
 *
 * A file written before a field was added is shorter: mapping it grows it with zeros, which is
 * what a new field reads when nothing was written to it yet (an empty log).
 */
public final class EngineCounters implements AutoCloseable {
    private static final long MAGIC = 0x4143435255450008L; // "ACCRUE" + format 8
    private static final int MAGIC_OFFSET = 0;
    private static final int LAST_SEQUENCE_OFFSET = 8;
    private static final int MEMBER_COUNT_OFFSET = 16;
    private static final int CLOCK_OFFSET = 24;
    private static final int SWEEP_CURSOR_OFFSET = 32;
    private static final int MEMBER_CAPACITY_OFFSET = 40;
    private static final int EVENT_ID_CAPACITY_OFFSET = 48;
    private static final int MEMBER_SWEEP_CURSOR_OFFSET = 56;
    private static final int MOVEMENT_LOG_LENGTH_OFFSET = 64;
    private static final int PURCHASE_CAPACITY_OFFSET = 72;
    private static final int AUDIT_LOG_LENGTH_OFFSET = 80;
    private static final int RECEIPT_LOG_LENGTH_OFFSET = 88;
    private static final int SIZE = 96;

    private final FileChannel channel;
    private final MappedByteBuffer buffer;

    private EngineCounters(FileChannel channel, MappedByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    public static EngineCounters open(File file) {
        try {
            boolean fresh = !file.exists() || file.length() == 0;
            FileChannel channel = FileChannel.open(file.toPath(),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (!fresh) {
                // Check before mapping: mapping would grow a foreign file to our size.
                ByteBuffer magic = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(magic, MAGIC_OFFSET);
                if (magic.position() < Long.BYTES || magic.getLong(0) != MAGIC) {
                    channel.close();
                    throw new IllegalStateException(file + " is not an Accrue counters file (format 8)");
                }
            }
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            if (fresh) {
                buffer.putLong(MAGIC_OFFSET, MAGIC);
            }
            return new EngineCounters(channel, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open counters " + file, e);
        }
    }

    public long lastSequence() {
        return buffer.getLong(LAST_SEQUENCE_OFFSET);
    }

    /** Records the journal sequence of the last command applied. */
    public void lastSequence(long sequence) {
        buffer.putLong(LAST_SEQUENCE_OFFSET, sequence);
    }

    public long memberCount() {
        return buffer.getLong(MEMBER_COUNT_OFFSET);
    }

    public void memberCount(long count) {
        buffer.putLong(MEMBER_COUNT_OFFSET, count);
    }

    /** The engine clock: the latest clock tick applied. Never read from the machine's clock. */
    public long clockMillis() {
        return buffer.getLong(CLOCK_OFFSET);
    }

    public void clockMillis(long millis) {
        buffer.putLong(CLOCK_OFFSET, millis);
    }

    /** Where the next sweep of the applied-event table starts; advances one slice per tick. */
    public long sweepCursor() {
        return buffer.getLong(SWEEP_CURSOR_OFFSET);
    }

    public void sweepCursor(long cursor) {
        buffer.putLong(SWEEP_CURSOR_OFFSET, cursor);
    }

    /** The member the next settlement sweep starts at; advances a few members per tick. */
    public long memberSweepCursor() {
        return buffer.getLong(MEMBER_SWEEP_CURSOR_OFFSET);
    }

    public void memberSweepCursor(long memberId) {
        buffer.putLong(MEMBER_SWEEP_CURSOR_OFFSET, memberId);
    }

    /** How much of the movement log the state has seen; after a crash the log is cut back to it. */
    public long movementLogLength() {
        return buffer.getLong(MOVEMENT_LOG_LENGTH_OFFSET);
    }

    public void movementLogLength(long length) {
        buffer.putLong(MOVEMENT_LOG_LENGTH_OFFSET, length);
    }

    /** How much of the audit log the state has seen; after a crash the log is cut back to it. */
    /** The receipt log's length when the state was last written: after a crash it is cut back to this. */
    public long receiptLogLength() {
        return buffer.getLong(RECEIPT_LOG_LENGTH_OFFSET);
    }

    public void receiptLogLength(long length) {
        buffer.putLong(RECEIPT_LOG_LENGTH_OFFSET, length);
    }

    public long auditLogLength() {
        return buffer.getLong(AUDIT_LOG_LENGTH_OFFSET);
    }

    public void auditLogLength(long length) {
        buffer.putLong(AUDIT_LOG_LENGTH_OFFSET, length);
    }

    /**
     * The member capacity the state's maps were created with: {@code requested} for new state,
     * the recorded one otherwise (a map keeps the size it was created with).
     */
    public long memberCapacity(long requested) {
        return fixedAtCreation(MEMBER_CAPACITY_OFFSET, requested);
    }

    /** As {@link #memberCapacity}, for the index of returnable purchases. */
    public long purchaseCapacity(long requested) {
        return fixedAtCreation(PURCHASE_CAPACITY_OFFSET, requested);
    }

    /** As {@link #memberCapacity}, for the idempotency table. */
    public long eventIdCapacity(long requested) {
        return fixedAtCreation(EVENT_ID_CAPACITY_OFFSET, requested);
    }

    private long fixedAtCreation(int offset, long requested) {
        long recorded = buffer.getLong(offset);
        if (recorded == 0) {
            buffer.putLong(offset, requested);
            return requested;
        }
        return recorded;
    }

    @Override
    public void close() {
        try {
            buffer.force();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close counters", e);
        }
    }
}
