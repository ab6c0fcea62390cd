package dev.accrue.engine.app;

import dev.accrue.engine.state.EngineState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
 *    discarded/        files no longer needed, deleted in the background ({@link DiscardedFiles})
 *    CLEAN             present only while the engine is stopped after a clean shutdown
 *    LOCK              locked by the engine using the directory, from its start to its stop
 * </pre>
 * One engine at a time: a second one (in any process) would append to the same journal and write
 * the same maps, and the business thread's shortcuts into the member map assume it is the only
 * writer. The lock is the system's ({@code fcntl}), so a killed engine's lock goes with its process.
 * The state files are trusted only when CLEAN says the last run closed them after applying
 * everything; after a crash they may hold half of a command, so they are replaced by the latest
 * checkpoint and the journal after it is replayed.
 *
 * <p>Up to two checkpoints are kept, and the journal from the older one on. A restore then takes
 * the newer one's files as they are (renames, whatever the state's size), since the older one is
 * left to recover from if this recovery crashes too; with one checkpoint it copies it. Files the
 * state replaces whole rather than writes in place ({@link EngineState#REPLACED_WHOLE}) are shared
 * between the state and its checkpoints by hard links instead of copied.
 */
final class DataDirectory {
    private static final String CLEAN_MARKER = "CLEAN";
    private static final String PARTIAL = ".partial";
    private static final String LOCK = "LOCK";

    /** How a restore went: the checkpoint's sequence (-1: none), and whether its files were taken as they are. */
    record Restored(long sequence, boolean adopted) {
    }

    private final Path root;
    private final FileChannel lockFile;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockFile, FileLock lock) {
        this.root = root;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Opens the directory for this engine alone, creating it if absent; {@link #unlock()} when done.
     *
     * @throws DataDirectoryInUseException if another engine holds it
     */
    static DataDirectory open(Path root) throws IOException {
        Files.createDirectories(root);
        FileChannel lockFile = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) { // this process holds it: an engine not closed
            lock = null;
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
        if (lock == null) {
            lockFile.close();
            throw new DataDirectoryInUseException(root);
        }
        try {
            Files.createDirectories(root.resolve("journal"));
            Files.createDirectories(root.resolve("state"));
            Files.createDirectories(root.resolve("checkpoints"));
            Files.createDirectories(root.resolve("discarded"));
        } catch (IOException | RuntimeException e) {
            lockFile.close(); // and the lock with it
            throw e;
        }
        return new DataDirectory(root, lockFile, lock);
    }

    /** Lets another engine open the directory; this one must not touch it after. */
    void unlock() {
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            // Closing failed: the lock still goes when this process ends.
            throw new UncheckedIOException("could not unlock " + root.resolve(LOCK), e);
        }
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

    Path discarded() {
        return root.resolve("discarded");
    }

    boolean wasShutDownCleanly() {
        return Files.exists(root.resolve(CLEAN_MARKER));
    }

    /** Moves the state files away, to be rebuilt from the latest checkpoint and the journal. */
    void discardState() throws IOException {
        for (Path file : files(state())) {
            discard(file);
        }
        force(state());
        force(discarded());
    }

    /**
     * Fills the (empty) state directory from the newest complete checkpoint. With an older one
     * beside it the newest is adopted: moved out of checkpoints/ (one rename, so that it is
     * either a whole checkpoint or none), then its files into state/. With none older, a crash
     * in the middle would leave nothing to recover from, so its files are copied; not forced,
     * since the state is trusted only once {@link #markClean()} has forced it.
     */
    Restored restoreLatestCheckpoint() throws IOException {
        discardLeftoverCheckpoints();
        List<Long> complete = completeCheckpoints();
        if (complete.isEmpty()) {
            return new Restored(-1, false);
        }
        long latest = complete.get(complete.size() - 1);
        Path checkpoint = checkpoints().resolve(Long.toString(latest));
        boolean adopt = complete.size() > 1;
        if (adopt) {
            checkpoint = discard(checkpoint);
            force(checkpoints());
            for (Path file : files(checkpoint)) {
                Files.move(file, state().resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        } else {
            for (Path file : files(checkpoint)) {
                share(file, state().resolve(file.getFileName()));
            }
        }
        force(state());
        return new Restored(latest, adopt);
    }

    /** A checkpoint copied into checkpoints/N.partial and not yet forced: not a checkpoint until completed. */
    record PartialCheckpoint(long sequence, Path directory, long bytesCopied) {
    }

    /**
     * Copies the state files into checkpoints/N.partial, forces them, then renames the directory to
     * checkpoints/N: a crash at any point leaves either no checkpoint N or a complete one.
     * Returns the bytes copied (files shared by hard link are not).
     */
    long writeCheckpoint(long sequence) throws IOException {
        PartialCheckpoint partial = copyCheckpoint(sequence, List.of());
        completeCheckpoint(partial);
        return partial.bytesCopied();
    }

    /**
     * The part of a checkpoint that needs the state to hold still: copies the state files but
     * those named in {@code writtenElsewhere} into checkpoints/N.partial, through the page cache,
     * forcing nothing. The disk's part is {@link #completeCheckpoint}, which may run while the
     * state changes again.
     */
    PartialCheckpoint copyCheckpoint(long sequence, List<String> writtenElsewhere) throws IOException {
        Path partial = checkpoints().resolve(sequence + PARTIAL);
        if (Files.exists(partial)) {
            discard(partial);
        }
        Files.createDirectories(partial);
        long bytes = 0;
        for (Path file : files(state())) {
            if (!writtenElsewhere.contains(file.getFileName().toString())) {
                bytes += share(file, partial.resolve(file.getFileName()));
            }
        }
        return new PartialCheckpoint(sequence, partial, bytes);
    }

    /** Forces a copied checkpoint's files, then renames checkpoints/N.partial to checkpoints/N. */
    void completeCheckpoint(PartialCheckpoint partial) throws IOException {
        for (Path file : files(partial.directory())) {
            forceFile(file);
        }
        force(partial.directory());
        Files.move(partial.directory(), checkpoints().resolve(Long.toString(partial.sequence())),
                StandardCopyOption.ATOMIC_MOVE);
        force(checkpoints());
    }

    /**
     * Before a checkpoint is written: discards every checkpoint but the newest, and leftovers of
     * interrupted ones, so that at most two exist once it is written.
     */
    void discardAllButNewestCheckpoint() throws IOException {
        discardLeftoverCheckpoints();
        List<Long> complete = completeCheckpoints();
        for (int i = 0; i < complete.size() - 1; i++) {
            discard(checkpoints().resolve(Long.toString(complete.get(i))));
        }
        force(checkpoints());
        force(discarded());
    }

    /** The sequence of the oldest complete checkpoint, from which the journal must be kept; -1 if none. */
    long oldestCheckpoint() throws IOException {
        List<Long> complete = completeCheckpoints();
        return complete.isEmpty() ? -1 : complete.get(0);
    }

    /** From here on the state files change; until {@link #markClean()} they are not to be trusted. */
    void markRunning() throws IOException {
        Files.deleteIfExists(root.resolve(CLEAN_MARKER));
        force(root);
    }

    /** After the state files are closed: makes them durable, then records that they can be trusted. */
    void markClean() throws IOException {
        for (Path file : files(state())) {
            forceFile(file);
        }
        Files.createFile(root.resolve(CLEAN_MARKER));
        force(root);
    }

    private void discardLeftoverCheckpoints() throws IOException {
        for (Path checkpoint : directories(checkpoints())) {
            if (sequenceOf(checkpoint) < 0) {
                discard(checkpoint);
            }
        }
    }

    private List<Long> completeCheckpoints() throws IOException {
        return directories(checkpoints()).stream().map(DataDirectory::sequenceOf).filter(s -> s >= 0).sorted().toList();
    }

    /** A checkpoint directory's sequence; -1 for anything else (a partial one, say). */
    private static long sequenceOf(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        return name.chars().allMatch(Character::isDigit) && !name.isEmpty() ? Long.parseLong(name) : -1;
    }

    /** Moves {@code path} into discarded/ under a name of its own; returns where it went. */
    private Path discard(Path path) throws IOException {
        Path target = discarded().resolve(path.getFileName() + "." + System.nanoTime());
        return Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Gives {@code to} the content of {@code from}: a hard link to a file replaced whole (which
     * therefore never changes), a copy of any other; neither forced. Returns the bytes copied.
     */
    private static long share(Path from, Path to) throws IOException {
        if (EngineState.REPLACED_WHOLE.contains(from.getFileName().toString())) {
            Files.createLink(to, from);
            return 0;
        }
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long copied = 0;
            while (copied < size) {
                copied += in.transferTo(copied, size - copied, out);
            }
            return size;
        }
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

    private static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
