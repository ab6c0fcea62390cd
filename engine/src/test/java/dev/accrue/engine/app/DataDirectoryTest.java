package dev.accrue.engine.app;

import dev.accrue.engine.state.EngineState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints on disk: two kept; a restore adopts the newer one's files only while the older one
 * remains to fall back on, and copies otherwise; files the state replaces whole are shared by hard
 * link. The state files here are stand-ins with known content, written as the engine writes them
 * (maps in place, the tables replaced whole). And one engine at a time.
 */
class DataDirectoryTest {
    private static final String MAP = EngineState.MEMBERS_FILE;
    private static final String TABLE = EngineState.APPLIED_EVENTS_FILE;

    @TempDir
    Path root;

    @Test
    void aDirectoryIsOpenedByOneEngineAtATime() throws IOException {
        DataDirectory first = DataDirectory.open(root);

        assertThrows(DataDirectoryInUseException.class, () -> DataDirectory.open(root));
        first.unlock();
        DataDirectory second = DataDirectory.open(root);
        assertThrows(DataDirectoryInUseException.class, () -> DataDirectory.open(root));
        second.unlock();
    }

    @Test
    void aRestoreAdoptsTheNewerOfTwoCheckpointsAndLeavesTheOlderAsItWas() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        checkpointWith(data, 10, "map at 10", "table at 10");
        checkpointWith(data, 20, "map at 20", "table at 20");
        crashMidCommand(data);

        DataDirectory.Restored restored = data.restoreLatestCheckpoint();

        assertEquals(new DataDirectory.Restored(20, true), restored);
        assertEquals("map at 20", read(data.state().resolve(MAP)));
        assertEquals("table at 20", read(data.state().resolve(TABLE)));
        assertEquals(List.of("10"), names(data.checkpoints()));
        assertEquals("map at 10", read(data.checkpoints().resolve("10").resolve(MAP)));
    }

    @Test
    void aRestoreCopiesTheOnlyCheckpointSoThatChangingTheStateLeavesItAsItWas() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        checkpointWith(data, 10, "map at 10", "table at 10");
        crashMidCommand(data);

        DataDirectory.Restored restored = data.restoreLatestCheckpoint();
        Files.writeString(data.state().resolve(MAP), "map at 11");
        replaceWhole(data.state().resolve(TABLE), "table at 11");

        assertEquals(new DataDirectory.Restored(10, false), restored);
        assertEquals(List.of("10"), names(data.checkpoints()));
        assertEquals("map at 10", read(data.checkpoints().resolve("10").resolve(MAP)));
        assertEquals("table at 10", read(data.checkpoints().resolve("10").resolve(TABLE)));
    }

    @Test
    void aCheckpointMovedOutForAdoptionIsNoLongerOneSoACrashThenFallsBackToTheOlder() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        checkpointWith(data, 10, "map at 10", "table at 10");
        checkpointWith(data, 20, "map at 20", "table at 20");
        crashMidCommand(data);
        // Where a crash in the middle of adopting 20 leaves things: out of checkpoints/, some files in state/.
        Path adopting = Files.move(data.checkpoints().resolve("20"), data.discarded().resolve("20.1"));
        Files.move(adopting.resolve(MAP), data.state().resolve(MAP));
        data.discardState();

        DataDirectory.Restored restored = data.restoreLatestCheckpoint();

        assertEquals(new DataDirectory.Restored(10, false), restored);
        assertEquals("map at 10", read(data.state().resolve(MAP)));
        assertEquals("table at 10", read(data.state().resolve(TABLE)));
    }

    @Test
    void aCheckpointSharesTheFilesReplacedWholeAndCopiesTheOthers() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        checkpointWith(data, 10, "map at 10", "table at 10");

        Path checkpoint = data.checkpoints().resolve("10");
        assertTrue(Files.isSameFile(data.state().resolve(TABLE), checkpoint.resolve(TABLE)));
        assertFalse(Files.isSameFile(data.state().resolve(MAP), checkpoint.resolve(MAP)));
    }

    @Test
    void atMostTwoCheckpointsAreKeptAndTheOldestKeptSaysWhereTheJournalMustStart() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        for (long sequence : new long[] {10, 20, 30}) {
            checkpointWith(data, sequence, "map at " + sequence, "table at " + sequence);
        }
        Files.createDirectories(data.checkpoints().resolve("40.partial"));

        data.discardAllButNewestCheckpoint();

        assertEquals(List.of("30"), names(data.checkpoints()));
        data.writeCheckpoint(40);
        assertEquals(List.of("30", "40"), names(data.checkpoints()));
        assertEquals(30, data.oldestCheckpoint());
    }

    @Test
    void aCopyNotYetCompletedIsNoCheckpointSoACrashThenRestoresThePreviousOne() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        checkpointWith(data, 10, "map at 10", "table at 10");
        Files.writeString(data.state().resolve(MAP), "map at 20");
        data.discardAllButNewestCheckpoint();
        data.copyCheckpoint(20, List.of()); // the business thread's part; the crash comes before the disk's part
        crashMidCommand(data);

        DataDirectory.Restored restored = data.restoreLatestCheckpoint();

        assertEquals(new DataDirectory.Restored(10, false), restored);
        assertEquals("map at 10", read(data.state().resolve(MAP)));
        assertEquals(List.of("10"), names(data.checkpoints()));
    }

    @Test
    void aCopyCompletedWhileTheStateChangesAgainHoldsTheStateAsItWasWhenCopied() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        Files.writeString(data.state().resolve(MAP), "map at 10");
        replaceWhole(data.state().resolve(TABLE), "table at 10");
        DataDirectory.PartialCheckpoint partial = data.copyCheckpoint(10, List.of());
        // Commands are applied again before the copy is forced: the map in place, the table replaced whole.
        Files.writeString(data.state().resolve(MAP), "map at 11");
        replaceWhole(data.state().resolve(TABLE), "table at 11");

        data.completeCheckpoint(partial);

        assertEquals(List.of("10"), names(data.checkpoints()));
        assertEquals("map at 10", read(data.checkpoints().resolve("10").resolve(MAP)));
        assertEquals("table at 10", read(data.checkpoints().resolve("10").resolve(TABLE)));
        assertEquals("map at 10".length(), partial.bytesCopied());
    }

    @Test
    void aCopyLeavesOutTheFilesTheCheckpointWritesFromElsewhere() throws IOException {
        DataDirectory data = DataDirectory.open(root);
        Files.writeString(data.state().resolve(MAP), "map at 10");
        replaceWhole(data.state().resolve(TABLE), "table as of the start");

        DataDirectory.PartialCheckpoint partial = data.copyCheckpoint(10, List.of(TABLE));
        Files.writeString(partial.directory().resolve(TABLE), "table at 10"); // as Checkpoints writes it
        data.completeCheckpoint(partial);

        assertEquals("map at 10", read(data.checkpoints().resolve("10").resolve(MAP)));
        assertEquals("table at 10", read(data.checkpoints().resolve("10").resolve(TABLE)));
        assertEquals("table as of the start", read(data.state().resolve(TABLE)));
    }

    /** State files with this content, then a checkpoint of them, as {@link Checkpoints} takes one. */
    private static void checkpointWith(DataDirectory data, long sequence, String map, String table) throws IOException {
        Files.writeString(data.state().resolve(MAP), map);
        replaceWhole(data.state().resolve(TABLE), table);
        data.discardAllButNewestCheckpoint();
        data.writeCheckpoint(sequence);
    }

    /** The state changed in place after the last checkpoint, then a crash: the state is discarded. */
    private static void crashMidCommand(DataDirectory data) throws IOException {
        Files.writeString(data.state().resolve(MAP), "half a command");
        data.discardState();
        assertEquals(List.of(), names(data.state()));
    }

    private static void replaceWhole(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
