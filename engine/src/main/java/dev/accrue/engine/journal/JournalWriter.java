package dev.accrue.engine.journal;

import dev.accrue.engine.command.CommandSlot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends commands to the journal with group commit: records collect in one direct buffer and
 * reach the file, and the device, once per {@link #commit()} — once per ring batch. Segments roll
 * over at a size bound. Single-threaded (the journal stage); nothing is allocated per record.
 *
 * <p>Records are written into space already zero-filled and forced ({@link #preallocate()}, after
 * a commit's replies are released): forcing a write that grows the file must also journal the new
 * size in the file system, and on this kind of machine that made the force 2–3 times slower at the
 * median and 15–20 times slower at p99 (BENCHMARKS.md §3). The zeros after the last record are the
 * segment's clean end to {@link JournalReplayer}: a record never starts with a zero length.
 */
public final class JournalWriter implements AutoCloseable {
    /** Large enough that a busy ring batch is one write; a full buffer is written mid-batch. */
    private static final int BUFFER_BYTES = 4 << 20;
    /**
     * Zero-filled space is added in steps of this much, when less than {@link #LOW_WATER} is left.
     * The batch after a step waits for it (a write and a force at the disk's pace): 8 MiB steps
     * stalled it ~33 ms each, 1 MiB steps ~5 ms, the same disk work in shorter stalls.
     */
    static final int PREALLOCATE_STEP = 1 << 20;
    static final int LOW_WATER = 512 << 10;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);

    private final Path directory;
    private final long segmentBytes;
    private final FsyncPolicy fsync;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final JournalStats stats = new JournalStats();
    private FileChannel segment;
    /** Where the next record goes: the end of the segment's records. */
    private long segmentSize;
    /** The segment file's size: records, then zeros from {@link #segmentSize}. */
    private long fileSize;
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
            writer.segment = FileChannel.open(newest, StandardOpenOption.READ, StandardOpenOption.WRITE);
            writer.fileSize = writer.segment.size();
            writer.segmentSize = endOfRecords(writer.segment, writer.fileSize);
        } else {
            writer.startSegment();
        }
        writer.preallocate();
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

    /**
     * Zero-fills (and, for durable acknowledgement, forces) the next {@link #PREALLOCATE_STEP} of the
     * segment when less than {@link #LOW_WATER} is left. Called after a commit's batch is released
     * to the business stage, so only the next batch waits for it, once every few megabytes.
     */
    public void preallocate() throws IOException {
        if (fileSize - segmentSize >= LOW_WATER || fileSize >= segmentBytes) {
            return;
        }
        long started = System.nanoTime(); // for the statistics only
        long end = Math.min(fileSize + PREALLOCATE_STEP, segmentBytes);
        for (long at = fileSize; at < end; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), end - at));
            at += segment.write(zeros, at);
        }
        fileSize = end;
        if (fsync == FsyncPolicy.EVERY_BATCH) {
            segment.force(false);
        }
        stats.preallocated(System.nanoTime() - started);
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
            segmentSize += segment.write(buffer, segmentSize);
        }
        fileSize = Math.max(fileSize, segmentSize);
        buffer.clear();
    }

    /** Where the records of a segment {@link JournalReplayer} has checked end: its size, or its zeros. */
    private static long endOfRecords(FileChannel segment, long size) throws IOException {
        if (size <= JournalFormat.SEGMENT_HEADER_SIZE) {
            return size;
        }
        MappedByteBuffer map = segment.map(FileChannel.MapMode.READ_ONLY, 0, size);
        map.order(ByteOrder.LITTLE_ENDIAN);
        long at = JournalFormat.SEGMENT_HEADER_SIZE;
        while (at + Integer.BYTES <= size) {
            int length = map.getInt((int) at + JournalFormat.LENGTH_OFFSET);
            if (length == 0) {
                return at;
            }
            at += length;
        }
        return size;
    }

    private void startSegment() throws IOException {
        Path file = directory.resolve(JournalFormat.segmentName(lastSequence + 1));
        segment = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.SEGMENT_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(JournalFormat.SEGMENT_MAGIC_OFFSET, JournalFormat.MAGIC);
        header.putInt(JournalFormat.SEGMENT_VERSION_OFFSET, JournalFormat.VERSION);
        header.putLong(JournalFormat.SEGMENT_FIRST_SEQUENCE_OFFSET, lastSequence + 1);
        while (header.hasRemaining()) {
            segment.write(header, header.position());
        }
        segment.force(true);
        Segments.forceDirectory(directory);
        segmentSize = JournalFormat.SEGMENT_HEADER_SIZE;
        fileSize = segmentSize;
    }
}
