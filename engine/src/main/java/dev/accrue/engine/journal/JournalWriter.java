package dev.accrue.engine.journal;

import dev.accrue.engine.command.CommandSlot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends commands to the journal with group commit: records collect in one direct buffer and
 * reach the file, and the device, once per {@link #commit()} — once per ring batch. Segments roll
 * over at a size bound. Single-threaded (the journal stage); nothing is allocated per record.
 */
public final class JournalWriter implements AutoCloseable {
    /** Large enough that a busy ring batch is one write; a full buffer is written mid-batch. */
    private static final int BUFFER_BYTES = 4 << 20;

    private final Path directory;
    private final long segmentBytes;
    private final FsyncPolicy fsync;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final JournalStats stats = new JournalStats();
    private FileChannel segment;
    private long segmentSize;
    private long lastSequence;
    private long committedSequence;

    private JournalWriter(Path directory, long segmentBytes, FsyncPolicy fsync, long lastSequence) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
        this.lastSequence = lastSequence;
        this.committedSequence = lastSequence;
    }

    /**
     * Opens the journal for appending after {@code lastSequence}, which must be the last sequence
     * {@link JournalReplayer} found (so a torn tail has already been cut off).
     */
    public static JournalWriter open(Path directory, long lastSequence, long segmentBytes, FsyncPolicy fsync)
            throws IOException {
        JournalWriter writer = new JournalWriter(directory, segmentBytes, fsync, lastSequence);
        Path newest = Segments.newest(directory);
        if (newest != null && Segments.firstSequence(newest) <= lastSequence + 1) {
            writer.segment = FileChannel.open(newest, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            writer.segmentSize = writer.segment.size();
        } else {
            writer.startSegment();
        }
        return writer;
    }

    /** Appends a mutating command; returns the sequence the journal gave it. */
    public long append(CommandSlot slot) throws IOException {
        if (buffer.remaining() < JournalFormat.MAX_RECORD_SIZE) {
            writeBuffer();
        }
        long sequence = lastSequence + 1;
        int start = buffer.position();
        buffer.position(start + JournalFormat.RECORD_HEADER_SIZE);
        CommandCodec.encode(slot, buffer);
        int end = buffer.position();
        buffer.putInt(start + JournalFormat.LENGTH_OFFSET, end - start);
        buffer.putLong(start + JournalFormat.SEQUENCE_OFFSET, sequence);
        buffer.put(start + JournalFormat.TYPE_OFFSET, CommandCodec.typeCode(slot.type));
        buffer.put(start + JournalFormat.TYPE_OFFSET + 1, (byte) 0);
        buffer.position(start + JournalFormat.SEQUENCE_OFFSET).limit(end);
        crc.reset();
        crc.update(buffer);
        buffer.limit(buffer.capacity()).position(end);
        buffer.putInt(start + JournalFormat.CRC_OFFSET, (int) crc.getValue());
        lastSequence = sequence;
        stats.recordAppended(end - start);
        return sequence;
    }

    /** Makes everything appended so far durable (per the policy); rolls the segment if it is full. */
    public void commit() throws IOException {
        if (committedSequence == lastSequence) {
            return;
        }
        writeBuffer();
        if (fsync == FsyncPolicy.EVERY_BATCH) {
            long started = System.nanoTime(); // for the statistics only; business logic never sees it
            segment.force(false);
            stats.forced(System.nanoTime() - started, lastSequence - committedSequence);
        } else {
            stats.forced(0, lastSequence - committedSequence);
        }
        committedSequence = lastSequence;
        if (segmentSize >= segmentBytes) {
            segment.close();
            startSegment();
        }
    }

    /** The last sequence {@link #commit()} made durable. */
    public long committedSequence() {
        return committedSequence;
    }

    public JournalStats stats() {
        return stats;
    }

    @Override
    public void close() throws IOException {
        commit();
        segment.close();
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            segmentSize += segment.write(buffer);
        }
        buffer.clear();
    }

    private void startSegment() throws IOException {
        Path file = directory.resolve(JournalFormat.segmentName(lastSequence + 1));
        segment = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.SEGMENT_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(JournalFormat.SEGMENT_MAGIC_OFFSET, JournalFormat.MAGIC);
        header.putInt(JournalFormat.SEGMENT_VERSION_OFFSET, JournalFormat.VERSION);
        header.putLong(JournalFormat.SEGMENT_FIRST_SEQUENCE_OFFSET, lastSequence + 1);
        while (header.hasRemaining()) {
            segment.write(header);
        }
        segment.force(true);
        Segments.forceDirectory(directory);
        segmentSize = JournalFormat.SEGMENT_HEADER_SIZE;
    }
}
