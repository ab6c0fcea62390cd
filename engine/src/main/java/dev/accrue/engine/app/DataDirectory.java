package dev.accrue.engine.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of the data directory:
 * <pre>
 *  data/
 *    journal/          the source of truth: every command, in order
 *    state/            member maps and counters: the journal applied
 *    checkpoints/N/    a consistent copy of state/ as of journal sequence N (N.partial while written)
 *    CLEAN             present only while the engine is stopped after a clean shutdown
 * </pre>
 * The state files are trusted only when CLEAN says the last run closed them after applying
 * everything; after a crash they may hold half of a command, so they are replaced by the latest
 * checkpoint and the journal after it is replayed.
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
        Files.createDirectories(root.resolve("checkpoints"));
        return new DataDirectory(root);
    }

    Path checkpoints() {
        return root.resolve("checkpoints");
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

    /** Deletes the state files, to be rebuilt from the latest checkpoint and the journal. */
    void discardState() throws IOException {
        for (Path file : files(state())) {
            Files.delete(file);
        }
        force(state());
    }

    /** Copies the newest complete checkpoint into the (empty) state directory; its sequence, or -1. */
    long restoreLatestCheckpoint() throws IOException {
        long latest = latestCheckpoint();
        if (latest >= 0) {
            Path checkpoint = checkpoints().resolve(Long.toString(latest));
            for (Path file : files(checkpoint)) {
                copyDurably(file, state().resolve(file.getFileName()));
            }
            force(state());
        }
        return latest;
    }

    /**
     * Copies the state files into checkpoints/N.partial, forces them, then renames the directory to
     * checkpoints/N: a crash at any point leaves either no checkpoint N or a complete one.
     */
    long writeCheckpoint(long sequence) throws IOException {
        Path partial = checkpoints().resolve(sequence + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        long bytes = 0;
        for (Path file : files(state())) {
            bytes += copyDurably(file, partial.resolve(file.getFileName()));
        }
        force(partial);
        Files.move(partial, checkpoints().resolve(Long.toString(sequence)), StandardCopyOption.ATOMIC_MOVE);
        force(checkpoints());
        return bytes;
    }

    /** Deletes checkpoints older than {@code sequence}, and leftovers of interrupted ones. */
    void deleteCheckpointsBefore(long sequence) throws IOException {
        for (Path checkpoint : directories(checkpoints())) {
            String name = checkpoint.getFileName().toString();
            if (name.endsWith(".partial") || Long.parseLong(name) < sequence) {
                deleteTree(checkpoint);
            }
        }
        force(checkpoints());
    }

    private long latestCheckpoint() throws IOException {
        long latest = -1;
        for (Path checkpoint : directories(checkpoints())) {
            String name = checkpoint.getFileName().toString();
            if (!name.endsWith(".partial")) {
                latest = Math.max(latest, Long.parseLong(name));
            }
        }
        return latest;
    }

    /** From here on the state files change; until {@link #markClean()} they are not to be trusted. */
    void markRunning() throws IOException {
        Files.deleteIfExists(root.resolve(CLEAN_MARKER));
        force(root);
    }

    /** After the state files are closed: makes them durable, then records that they can be trusted. */
    void markClean() throws IOException {
        for (Path file : files(state())) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        Files.createFile(root.resolve(CLEAN_MARKER));
        force(root);
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Path> directories(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static long copyDurably(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long copied = 0;
            while (copied < size) {
                copied += in.transferTo(copied, size - copied, out);
            }
            out.force(true);
            return size;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            for (Path file : files(directory)) {
                Files.delete(file);
            }
            Files.delete(directory);
        }
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
