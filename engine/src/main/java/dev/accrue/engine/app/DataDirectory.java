package dev.accrue.engine.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of the data directory:
 * <pre>
 *  data/
 *    journal/   the source of truth: every command, in order
 *    state/     member maps and counters: the journal applied, rebuilt from it when in doubt
 *    CLEAN      present only while the engine is stopped after a clean shutdown
 * </pre>
 * The state files are trusted only when CLEAN says the last run closed them after applying
 * everything; after a crash they may hold half of a command, so they are rebuilt from the journal.
 */
final class DataDirectory {
    private static final String CLEAN_MARKER = "CLEAN";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    static DataDirectory open(Path root) throws IOException {
        Files.createDirectories(root.resolve("journal"));
        Files.createDirectories(root.resolve("state"));
        return new DataDirectory(root);
    }

    Path journal() {
        return root.resolve("journal");
    }

    Path state() {
        return root.resolve("state");
    }

    boolean wasShutDownCleanly() {
        return Files.exists(root.resolve(CLEAN_MARKER));
    }

    /** Deletes the state files, to be rebuilt from the journal. */
    void discardState() throws IOException {
        for (Path file : stateFiles()) {
            Files.delete(file);
        }
        force(state());
    }

    /** From here on the state files change; until {@link #markClean()} they are not to be trusted. */
    void markRunning() throws IOException {
        Files.deleteIfExists(root.resolve(CLEAN_MARKER));
        force(root);
    }

    /** After the state files are closed: makes them durable, then records that they can be trusted. */
    void markClean() throws IOException {
        for (Path file : stateFiles()) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        Files.createFile(root.resolve(CLEAN_MARKER));
        force(root);
    }

    private List<Path> stateFiles() throws IOException {
        try (Stream<Path> files = Files.list(state())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
