package dev.accrue.engine.journal;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads the journal back, checking every record's length, checksum and sequence. A segment's
 * records end at its end or where only zeros follow (space {@link JournalWriter} preallocated; a
 * record never starts with a zero length). Damage at the very end of the newest segment — a write
 * the crash cut short — is cut off and reported: those commands were never acknowledged. Damage
 * anywhere else stops recovery with a {@link JournalCorruptedException} naming the file and
 * offset; nothing is ever skipped. Segments holding only commands the state has already applied
 * are not read.
 */
public final class JournalReplayer {
    /** What a replay found and did. */
    public record Outcome(long lastSequence, long replayed, Path truncatedFile, long truncatedAt, long truncatedBytes) {
        public boolean truncated() {
            return truncatedFile != null;
        }
    }

    /** Commands decoded ahead and handed over together, so that what they touch can be loaded at once. */
    public static final int WINDOW = 16;

    /** Takes the replayed commands a window at a time: the first {@code count} of {@code slots}, in order. */
    @FunctionalInterface
    public interface WindowSink {
        void apply(CommandSlot[] slots, int count);
    }

    private final CRC32C crc = new CRC32C();
    private final CommandSlot[] window = new CommandSlot[WINDOW];
    private int windowed;
    /** Whether a torn tail is cut off; a reader beside the replay ({@link #readOnly}) changes nothing. */
    private final boolean repairs;
    /** Run before a torn tail is cut off: readers beside the replay must be done with the file. */
    private final Runnable beforeRepair;

    public JournalReplayer() {
        this(() -> { });
    }

    /** A replayer that runs {@code beforeRepair} before it cuts off a torn tail. */
    public JournalReplayer(Runnable beforeRepair) {
        this(true, beforeRepair);
    }

    private JournalReplayer(boolean repairs, Runnable beforeRepair) {
        this.repairs = repairs;
        this.beforeRepair = beforeRepair;
        for (int i = 0; i < WINDOW; i++) {
            window[i] = new CommandSlot();
        }
    }

    /**
     * A reader that changes no file, for reading ahead of a replay: it stops without a word at
     * damage in the newest segment, which a replay would cut off as a torn tail (or refuse); other
     * damage throws as it does for a replay.
     */
    public static JournalReplayer readOnly() {
        return new JournalReplayer(false, () -> { });
    }

    /**
     * Replays every record after {@code afterSequence} into {@code apply}, in order, and returns the
     * last sequence in the journal. {@code apply} gets a reused slot holding the command, with
     * {@code sequence} set.
     */
    public Outcome replay(Path directory, long afterSequence, Consumer<CommandSlot> apply) throws IOException {
        return replay(directory, afterSequence, (slots, count) -> {
            for (int i = 0; i < count; i++) {
                apply.accept(slots[i]);
            }
        });
    }

    /**
     * As {@link #replay(Path, long, Consumer)}, the commands handed over in windows of up to
     * {@value #WINDOW}. Every command read before a torn tail is cut off, before damage is
     * reported, and before the replay returns has been handed over, as when they came one by one.
     */
    public Outcome replay(Path directory, long afterSequence, WindowSink apply) throws IOException {
        windowed = 0;
        try {
            return replayInto(directory, afterSequence, apply);
        } finally {
            windowed = 0; // the commands of a window that failed to decode or apply are not handed over again
        }
    }

    private void handOver(WindowSink apply) {
        if (windowed > 0) {
            int count = windowed;
            windowed = 0;
            apply.apply(window, count);
        }
    }

    private Outcome replayInto(Path directory, long afterSequence, WindowSink apply) throws IOException {
        List<Path> segments = Segments.list(directory);
        long expected = -1;
        long replayed = 0;
        for (int i = 0; i < segments.size(); i++) {
            handOver(apply); // a window holds one segment's commands: all of the last are in before this one is checked
            Path file = segments.get(i);
            boolean newest = i == segments.size() - 1;
            if (!newest && Segments.firstSequence(segments.get(i + 1)) <= afterSequence + 1) {
                // The next segment's name says this one ends within what the state has applied:
                // not read (the journal is kept from the older of two checkpoints, a whole
                // interval of it may lie below a recovery from the newer one).
                continue;
            }
            try (FileChannel channel = repairs ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (!repairs && size < JournalFormat.SEGMENT_HEADER_SIZE) {
                    handOver(apply);
                    return new Outcome(expected - 1, replayed, null, 0, 0);
                }
                if (size < JournalFormat.SEGMENT_HEADER_SIZE) {
                    if (!newest) {
                        throw new JournalCorruptedException(file, 0, "segment header is cut short");
                    }
                    // A crash while a new segment was being created: it holds no record.
                    handOver(apply);
                    beforeRepair.run();
                    channel.close();
                    Files.delete(file);
                    return new Outcome(expected - 1, replayed, file, 0, size);
                }
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                map.order(ByteOrder.LITTLE_ENDIAN);
                long first = checkHeader(file, map);
                if (expected != -1 && first != expected) {
                    throw new JournalCorruptedException(file, 0,
                            "segment starts at sequence " + first + " but " + expected + " was expected (missing segment?)");
                }
                if (expected == -1 && first > afterSequence + 1) {
                    throw new JournalCorruptedException(file, 0, "the journal starts at sequence " + first
                            + " but the state needs every command after " + afterSequence + " (missing segment?)");
                }
                expected = first;
                int position = JournalFormat.SEGMENT_HEADER_SIZE;
                while (position < size && !onlyZerosFrom(map, position, size)) {
                    String damage = damage(map, position, (int) size, expected);
                    if (damage != null && !repairs && newest) { // a torn tail, or what the replay will refuse
                        handOver(apply);
                        return new Outcome(expected - 1, replayed, null, 0, 0);
                    }
                    if (damage != null) {
                        handOver(apply);
                        if (newest && !validRecordAfter(map, position, (int) size)) {
                            beforeRepair.run();
                            channel.truncate(position);
                            channel.force(true);
                            return new Outcome(expected - 1, replayed, file, position, size - position);
                        }
                        throw new JournalCorruptedException(file, position, damage);
                    }
                    int length = map.getInt(position + JournalFormat.LENGTH_OFFSET);
                    if (expected > afterSequence) {
                        try {
                            decode(file, map, position, length, expected, window[windowed]);
                        } catch (JournalCorruptedException e) {
                            handOver(apply);
                            throw e;
                        }
                        windowed++;
                        replayed++;
                        if (windowed == WINDOW) {
                            handOver(apply);
                        }
                    }
                    expected++;
                    position += length;
                }
            }
        }
        handOver(apply);
        return new Outcome(expected == -1 ? afterSequence : expected - 1, replayed, null, 0, 0);
    }

    /** Whether nothing but zeros (preallocated space) is left; cheap unless a record's length is 0. */
    private static boolean onlyZerosFrom(MappedByteBuffer map, int position, long size) {
        if (size - position >= Integer.BYTES && map.getInt(position + JournalFormat.LENGTH_OFFSET) != 0) {
            return false;
        }
        int at = position;
        for (; at + Long.BYTES <= size; at += Long.BYTES) {
            if (map.getLong(at) != 0) {
                return false;
            }
        }
        for (; at < size; at++) {
            if (map.get(at) != 0) {
                return false;
            }
        }
        return true;
    }

    private static long checkHeader(Path file, MappedByteBuffer map) {
        if (map.getLong(JournalFormat.SEGMENT_MAGIC_OFFSET) != JournalFormat.MAGIC) {
            throw new JournalCorruptedException(file, 0, "not an Accrue journal segment (bad magic)");
        }
        int version = map.getInt(JournalFormat.SEGMENT_VERSION_OFFSET);
        if (version != JournalFormat.VERSION) {
            throw new JournalCorruptedException(file, JournalFormat.SEGMENT_VERSION_OFFSET,
                    "journal format " + version + " is not the format this engine reads (" + JournalFormat.VERSION + ")");
        }
        long first = map.getLong(JournalFormat.SEGMENT_FIRST_SEQUENCE_OFFSET);
        if (first != Segments.firstSequence(file)) {
            throw new JournalCorruptedException(file, JournalFormat.SEGMENT_FIRST_SEQUENCE_OFFSET,
                    "header says the segment starts at " + first + ", its name says " + Segments.firstSequence(file));
        }
        return first;
    }

    /** Null if a whole, intact record with the expected sequence starts at {@code position}. */
    private String damage(MappedByteBuffer map, int position, int size, long expectedSequence) {
        if (size - position < JournalFormat.RECORD_HEADER_SIZE) {
            return "record header is cut short";
        }
        int length = map.getInt(position + JournalFormat.LENGTH_OFFSET);
        if (length < JournalFormat.RECORD_HEADER_SIZE || length > JournalFormat.MAX_RECORD_SIZE) {
            return "record length " + length + " is impossible";
        }
        if (length > size - position) {
            return "record of " + length + " bytes runs past the end of the file";
        }
        if (!checksumMatches(map, position, length)) {
            return "record checksum does not match";
        }
        long sequence = map.getLong(position + JournalFormat.SEQUENCE_OFFSET);
        if (sequence != expectedSequence) {
            return "record has sequence " + sequence + " where " + expectedSequence + " was expected";
        }
        if (CommandCodec.type(map.get(position + JournalFormat.TYPE_OFFSET)) == null) {
            return "record has unknown command type " + map.get(position + JournalFormat.TYPE_OFFSET);
        }
        return null;
    }

    /** Whether any intact record starts after a damaged one: then the damage is not a torn tail. */
    private boolean validRecordAfter(MappedByteBuffer map, int damagedAt, int size) {
        for (int p = damagedAt + 1; p + JournalFormat.RECORD_HEADER_SIZE <= size; p++) {
            int length = map.getInt(p + JournalFormat.LENGTH_OFFSET);
            if (length >= JournalFormat.RECORD_HEADER_SIZE && length <= size - p && checksumMatches(map, p, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean checksumMatches(MappedByteBuffer map, int position, int length) {
        crc.reset();
        crc.update(map.slice(position + JournalFormat.SEQUENCE_OFFSET, length - JournalFormat.SEQUENCE_OFFSET));
        return (int) crc.getValue() == map.getInt(position + JournalFormat.CRC_OFFSET);
    }

    private static void decode(Path file, MappedByteBuffer map, int position, int length, long sequence, CommandSlot slot) {
        CommandType type = CommandCodec.type(map.get(position + JournalFormat.TYPE_OFFSET));
        slot.reset(type);
        try {
            CommandCodec.decode(type, map.slice(position + JournalFormat.RECORD_HEADER_SIZE,
                    length - JournalFormat.RECORD_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN), slot);
        } catch (RuntimeException e) {
            // The checksum matched, so the bytes are what was written: a bug, not a torn write.
            throw new JournalCorruptedException(file, position, "record does not decode: " + e);
        }
        slot.sequence = sequence;
    }
}
