package dev.accrue.engine.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReplayTest {
    @TempDir
    Path dir;

    @Test
    void replayReturnsEveryCommandInOrderWithItsSequence() throws Exception {
        JournalFixtures.write(dir, 500, 7, 1 << 20);
        JournalReplayer.Outcome[] outcome = new JournalReplayer.Outcome[1];

        List<String> replayed = JournalFixtures.readBack(dir, outcome);

        assertEquals(JournalFixtures.expected(500), replayed);
        assertEquals(500, outcome[0].lastSequence());
        assertFalse(outcome[0].truncated());
    }

    @Test
    void commandsSpanningManySegmentsReplayAsOneJournal() throws Exception {
        // 64 KiB segments (below the configurable minimum, allowed for the writer itself): many rolls.
        JournalFixtures.write(dir, 3_000, 50, 64 << 10);
        assertTrue(Segments.list(dir).size() > 3, "expected several segments, got " + Segments.list(dir));
        JournalReplayer.Outcome[] outcome = new JournalReplayer.Outcome[1];

        assertEquals(JournalFixtures.expected(3_000), JournalFixtures.readBack(dir, outcome));
    }

    @Test
    void replayAfterASequenceSkipsWhatWasAlreadyApplied() throws Exception {
        JournalFixtures.write(dir, 100, 10, 1 << 20);
        List<Long> sequences = new ArrayList<>();

        JournalReplayer.Outcome outcome = new JournalReplayer().replay(dir, 60, slot -> sequences.add(slot.sequence));

        assertEquals(40, sequences.size());
        assertEquals(61L, sequences.get(0));
        assertEquals(100, outcome.lastSequence());
        assertEquals(40, outcome.replayed());
    }

    @Test
    void segmentsHoldingOnlyAppliedCommandsAreNotRead() throws Exception {
        JournalFixtures.write(dir, 3_000, 50, 64 << 10);
        List<Path> segments = Segments.list(dir);
        long appliedThrough = Segments.firstSequence(segments.get(2)) - 1;
        // Unreadable, were it read: the state needs none of its commands.
        Files.write(segments.get(0), new byte[(int) Files.size(segments.get(0))]);
        List<Long> sequences = new ArrayList<>();

        JournalReplayer.Outcome outcome = new JournalReplayer().replay(dir, appliedThrough,
                slot -> sequences.add(slot.sequence));

        assertEquals(appliedThrough + 1, sequences.get(0));
        assertEquals(3_000, outcome.lastSequence());
        assertEquals(3_000 - appliedThrough, outcome.replayed());
    }

    @Test
    void writerReopenedAfterReplayContinuesTheSequence() throws Exception {
        JournalFixtures.write(dir, 10, 3, 1 << 20);
        JournalReplayer.Outcome first = new JournalReplayer().replay(dir, 0, slot -> { });
        try (JournalWriter writer = JournalWriter.open(dir, first.lastSequence(), 1 << 20, FsyncPolicy.NEVER)) {
            assertEquals(11, writer.append(JournalFixtures.command(11)));
            writer.commit();
        }
        JournalReplayer.Outcome[] outcome = new JournalReplayer.Outcome[1];

        assertEquals(JournalFixtures.expected(11), JournalFixtures.readBack(dir, outcome));
    }

    @Test
    void anEmptyDirectoryIsAnEmptyJournal() throws Exception {
        JournalReplayer.Outcome outcome = new JournalReplayer().replay(dir, 0, slot -> {
            throw new AssertionError("nothing to replay");
        });
        assertEquals(0, outcome.lastSequence());
    }
}
