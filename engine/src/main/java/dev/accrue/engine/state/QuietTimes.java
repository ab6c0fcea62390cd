package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * For each member, a time before which settling its record changes nothing, as its last write (or
 * the clock ticks' sweep, which settled it since) worked it out: the sweep passes over members
 * quiet past the engine clock without reading them. (At ten million members, reading each member in turn, from wherever on disk its
 * entry lay, was most of a replay's time.)
 *
 * <p>A time is only ever a lower bound, so that nothing depends on it but speed: each write of the
 * member's record replaces it (with {@link Long#MIN_VALUE}, none, if the writer cannot tell), and
 * a change of the terms the times were worked out under ({@link #terms}) forgets them all. Times
 * are kept to the minute, rounded down, one int per member id, in a file beside the member map
 * that checkpoints copy with it. A new file knows no time: every member is read once, as before.
 *
 * <p>Business thread only. No allocation.
 */
final class QuietTimes implements AutoCloseable {
    /** 0: no time known. Otherwise the minute (since the epoch) the member is quiet until. */
    private static final int UNKNOWN = 0;
    private static final long MINUTE = 60_000;
    private static final long MAGIC = 0x5155494554_01L; // "QUIET", format 1
    private static final int HEADER = 64;
    private static final int TERMS_AT = 8;
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final FileChannel channel;
    private final MappedByteBuffer[] chunks;
    private final long ids;

    private QuietTimes(FileChannel channel, MappedByteBuffer[] chunks, long ids) {
        this.channel = channel;
        this.chunks = chunks;
        this.ids = ids;
    }

    /** The file beside {@code memberMap}. */
    static File fileBeside(File memberMap) {
        return new File(memberMap.getParentFile(), memberMap.getName() + ".quiet");
    }

    /** Opens (or creates, knowing no time) the times of the ids 0 to {@code ids - 1} in {@code file}. */
    static QuietTimes open(File file, long ids) {
        long size = HEADER + ids * Integer.BYTES;
        try {
            FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                boolean fresh = channel.size() != size;
                if (fresh) {
                    channel.truncate(0); // another size or format: none of its times apply
                }
                MappedByteBuffer[] chunks = new MappedByteBuffer[(int) ((size + CHUNK_MASK) >>> CHUNK_SHIFT)];
                for (int c = 0; c < chunks.length; c++) {
                    long from = (long) c << CHUNK_SHIFT;
                    chunks[c] = channel.map(FileChannel.MapMode.READ_WRITE, from, Math.min(size - from, 1L << CHUNK_SHIFT));
                }
                QuietTimes times = new QuietTimes(channel, chunks, ids);
                if (chunks[0].getLong(0) != MAGIC) {
                    if (!fresh) { // a fresh file is zeros already: writing them would only dirty its pages
                        times.forgetAll();
                    }
                    chunks[0].putLong(0, MAGIC);
                }
                return times;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the members' quiet times " + file, e);
        }
    }

    /**
     * The time before which settling the member changes nothing, as last {@link #quietUntil(long,
     * long) told}; {@link Long#MIN_VALUE} if none is known.
     */
    long quietUntil(long memberId) {
        if (memberId < 0 || memberId >= ids) {
            return Long.MIN_VALUE;
        }
        int minute = chunk(memberId).getInt(offset(memberId));
        return minute == UNKNOWN ? Long.MIN_VALUE : minute * MINUTE;
    }

    /** Loads the member's time into the cache ahead of its write, which compares with it; returns it as loaded. */
    long warm(long memberId) {
        return memberId < 0 || memberId >= ids ? 0 : chunk(memberId).getInt(offset(memberId));
    }

    /**
     * Keeps {@code millis}, rounded down to the minute, as the member's time. Writes only a time
     * that changed: most writes of a record leave it as it was, and a write to the file's page
     * after writeback cleaned it costs a page fault.
     */
    void quietUntil(long memberId, long millis) {
        if (memberId < 0 || memberId >= ids) {
            return;
        }
        long minute = Math.floorDiv(millis, MINUTE);
        int kept = minute <= UNKNOWN ? UNKNOWN : (int) Math.min(minute, Integer.MAX_VALUE);
        MappedByteBuffer chunk = chunk(memberId);
        int at = offset(memberId);
        if (chunk.getInt(at) != kept) {
            chunk.putInt(at, kept);
        }
    }

    /**
     * The terms the times are worked out under (two numbers the caller defines); if they differ
     * from those of the times kept, every time is forgotten and these become the terms.
     */
    void terms(long first, long second) {
        if (chunks[0].getLong(TERMS_AT) != first || chunks[0].getLong(TERMS_AT + Long.BYTES) != second) {
            forgetAll();
            chunks[0].putLong(TERMS_AT, first);
            chunks[0].putLong(TERMS_AT + Long.BYTES, second);
        }
    }

    private void forgetAll() {
        for (long id = 0; id < ids; id++) {
            chunk(id).putInt(offset(id), UNKNOWN);
        }
    }

    private MappedByteBuffer chunk(long id) {
        return chunks[(int) ((HEADER + id * Integer.BYTES) >>> CHUNK_SHIFT)];
    }

    private static int offset(long id) {
        return (int) ((HEADER + id * Integer.BYTES) & CHUNK_MASK);
    }

    @Override
    public void close() {
        try {
            channel.close(); // the mappings stay valid until collected; nothing writes them after close
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
