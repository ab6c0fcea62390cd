package dev.accrue.engine.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's answer to damage: a write cut short at the tail is cut off, at whatever byte it
 * stopped; damage anywhere else refuses recovery and names the file and offset.
 */
class JournalDamageTest {
    private static final int COMMANDS = 40;

    @TempDir
    Path root;

    @Test
    void tailCutAtEveryByteOfTheLastRecordRecoversUpToTheLastWholeRecord() throws Exception {
        Path pristine = root.resolve("pristine");
        Files.createDirectories(pristine);
        JournalFixtures.write(pristine, COMMANDS, 4, 1 << 20);
        List<Long> offsets = recordOffsets(pristine);
        long full = offsets.get(COMMANDS);
        long lastRecordStart = offsets.get(COMMANDS - 1);

        for (long cut = lastRecordStart; cut < full; cut++) {
            Path copy = copyOf(pristine, "cut-" + cut);
            truncate(Segments.newest(copy), cut);
            JournalReplayer.Outcome[] outcome = new JournalReplayer.Outcome[1];

            List<String> replayed = JournalFixtures.readBack(copy, outcome);

            assertEquals(JournalFixtures.expected(COMMANDS - 1), replayed, "cut at " + cut);
            assertEquals(COMMANDS - 1, outcome[0].lastSequence(), "cut at " + cut);
            assertEquals(cut == lastRecordStart ? 0 : cut - lastRecordStart, outcome[0].truncatedBytes(), "cut at " + cut);
            assertEquals(lastRecordStart, Files.size(Segments.newest(copy)), "file cut back to the whole records");
        }
    }

    @Test
    void aTornTailIsCutAndTheJournalAcceptsNewRecordsAfterIt() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        truncate(Segments.newest(root), recordOffsets(root).get(COMMANDS) - 5);

        JournalReplayer.Outcome outcome = new JournalReplayer().replay(root, 0, slot -> { });
        try (JournalWriter writer = JournalWriter.open(root, outcome.lastSequence(), 1 << 20, FsyncPolicy.NEVER)) {
            writer.append(JournalFixtures.command(COMMANDS));
            writer.commit();
        }
        JournalReplayer.Outcome[] again = new JournalReplayer.Outcome[1];

        assertEquals(JournalFixtures.expected(COMMANDS), JournalFixtures.readBack(root, again));
        assertTrue(outcome.truncated());
    }

    @Test
    void aReaderBesideTheReplayStopsAtATornTailAndLeavesTheFileAsItIs() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        long cut = recordOffsets(root).get(COMMANDS) - 5;
        truncate(Segments.newest(root), cut);
        List<Long> sequences = new ArrayList<>();

        JournalReplayer.Outcome outcome = JournalReplayer.readOnly().replay(root, 10, slot -> sequences.add(slot.sequence));

        assertEquals(COMMANDS - 11, sequences.size(), "every whole record after sequence 10");
        assertEquals(11L, sequences.get(0));
        assertEquals(COMMANDS - 1, outcome.lastSequence());
        assertFalse(outcome.truncated());
        assertEquals(cut, Files.size(Segments.newest(root)), "nothing cut");
    }

    @Test
    void theReplayRunsItsHookBeforeItCutsATornTail() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        long cut = recordOffsets(root).get(COMMANDS) - 5;
        truncate(Segments.newest(root), cut);
        long[] sizeSeenByHook = {-1};

        JournalReplayer.Outcome outcome = new JournalReplayer(() -> {
            try {
                sizeSeenByHook[0] = Files.size(Segments.newest(root));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).replay(root, 0, slot -> { });

        assertEquals(cut, sizeSeenByHook[0], "the hook ran before the file changed");
        assertTrue(outcome.truncated());
        assertEquals(recordOffsets(root).get(COMMANDS - 1), Files.size(Segments.newest(root)));
    }

    @Test
    void preallocatedZerosAfterTheLastRecordAreACleanEndNotATornTail() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        Path segment = Segments.newest(root);
        long endOfRecords = recordOffsets(root).get(COMMANDS);
        assertEquals(1 << 20, Files.size(segment), "the segment is zero-filled to its size bound");
        JournalReplayer.Outcome[] outcome = new JournalReplayer.Outcome[1];

        assertEquals(JournalFixtures.expected(COMMANDS), JournalFixtures.readBack(root, outcome));
        assertFalse(outcome[0].truncated());
        assertEquals(1 << 20, Files.size(segment), "nothing cut");
        assertTrue(endOfRecords < Files.size(segment));
    }

    @Test
    void appendsAfterARestartContinueRightAfterTheLastRecordInThePreallocatedSpace() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        long endOfRecords = recordOffsets(root).get(COMMANDS);

        JournalReplayer.Outcome outcome = new JournalReplayer().replay(root, 0, slot -> { });
        try (JournalWriter writer = JournalWriter.open(root, outcome.lastSequence(), 1 << 20, FsyncPolicy.NEVER)) {
            writer.append(JournalFixtures.command(COMMANDS + 1));
            writer.commit();
        }
        JournalReplayer.Outcome[] again = new JournalReplayer.Outcome[1];

        assertEquals(JournalFixtures.expected(COMMANDS + 1), JournalFixtures.readBack(root, again));
        assertEquals(endOfRecords, recordOffsets(root).get(COMMANDS), "the new record starts where the last ended");
        assertEquals(1 << 20, Files.size(Segments.newest(root)));
    }

    @Test
    void aNonZeroByteAmongTheZerosAfterTheLastRecordIsCutAsATornTail() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        long endOfRecords = recordOffsets(root).get(COMMANDS);
        flipBit(Segments.newest(root), endOfRecords + 1_000, 2);
        JournalReplayer.Outcome[] outcome = new JournalReplayer.Outcome[1];

        assertEquals(JournalFixtures.expected(COMMANDS), JournalFixtures.readBack(root, outcome));
        assertTrue(outcome[0].truncated());
        assertEquals(endOfRecords, outcome[0].truncatedAt());
    }

    @Test
    void oneFlippedBitInAnyRecordButTheLastRefusesRecoveryNamingFileAndOffset() throws Exception {
        Path pristine = root.resolve("pristine");
        Files.createDirectories(pristine);
        JournalFixtures.write(pristine, COMMANDS, 4, 1 << 20);
        List<Long> offsets = recordOffsets(pristine);
        long seed = System.nanoTime();
        System.out.println("JournalDamageTest seed=" + seed);
        Random random = new Random(seed);

        // Every byte of a record in the middle, and a random bit of every other record but the last.
        long middle = offsets.get(COMMANDS / 2);
        long middleEnd = offsets.get(COMMANDS / 2 + 1);
        for (long at = middle; at < middleEnd; at++) {
            assertRefused(pristine, at, random.nextInt(8), "middle byte " + at + " seed " + seed);
        }
        for (int record = 0; record < COMMANDS - 1; record++) {
            long start = offsets.get(record);
            long at = start + random.nextInt((int) (offsets.get(record + 1) - start));
            assertRefused(pristine, at, random.nextInt(8), "record " + record + " byte " + at + " seed " + seed);
        }
    }

    @Test
    void aFlippedBitInTheSegmentHeaderRefusesRecovery() throws Exception {
        JournalFixtures.write(root, COMMANDS, 4, 1 << 20);
        flipBit(Segments.newest(root), 3, 0);

        assertThrows(JournalCorruptedException.class, () -> new JournalReplayer().replay(root, 0, slot -> { }));
    }

    @Test
    void aMissingSegmentInTheMiddleRefusesRecovery() throws Exception {
        JournalFixtures.write(root, 2_000, 50, 64 << 10);
        List<Path> segments = Segments.list(root);
        assertTrue(segments.size() >= 3);
        Files.delete(segments.get(1));

        JournalCorruptedException refused = assertThrows(JournalCorruptedException.class,
                () -> new JournalReplayer().replay(root, 0, slot -> { }));
        assertTrue(refused.getMessage().contains("missing segment"), refused.getMessage());
    }

    private void assertRefused(Path pristine, long offset, int bit, String what) throws IOException {
        Path copy = copyOf(pristine, "flip-" + offset + "-" + bit);
        Path segment = Segments.newest(copy);
        flipBit(segment, offset, bit);

        JournalCorruptedException refused = assertThrows(JournalCorruptedException.class,
                () -> new JournalReplayer().replay(copy, 0, slot -> { }), what);

        assertEquals(segment, refused.file(), what);
        assertTrue(refused.offset() <= offset, what + ": reported offset " + refused.offset());
        assertTrue(refused.getMessage().contains(segment.toString()), what);
        deleteTree(copy);
    }

    /** Offsets of every record, and one past the last (where the preallocated zeros start), of the only segment. */
    private static List<Long> recordOffsets(Path journal) throws IOException {
        java.util.ArrayList<Long> offsets = new ArrayList<>();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(Segments.newest(journal)))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long at = JournalFormat.SEGMENT_HEADER_SIZE;
        while (at < bytes.capacity() && bytes.getInt((int) at) != 0) {
            offsets.add(at);
            at += bytes.getInt((int) at);
        }
        offsets.add(at);
        return offsets;
    }

    private Path copyOf(Path source, String name) throws IOException {
        Path copy = root.resolve(name);
        Files.createDirectories(copy);
        for (Path file : Segments.list(source)) {
            Files.copy(file, copy.resolve(file.getFileName()));
        }
        return copy;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static void flipBit(Path file, long offset, int bit) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ (1 << bit));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        for (Path file : Segments.list(dir)) {
            Files.delete(file);
        }
        Files.delete(dir);
    }
}
