package dev.accrue.engine.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Deletes what the data directory has moved to discarded/ (old state files, old checkpoints), on
 * a thread of its own. Deleting gigabytes takes seconds, more on a disk mounted with discard,
 * which neither a start nor a checkpoint should wait for; moving them there is a rename. Nothing
 * in discarded/ is ever read, so a deletion cut short by a crash is simply done again.
 */
final class DiscardedFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscardedFiles.class);

    private final Path directory;
    private final ExecutorService deleter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "accrue-discarded-files");
        thread.setDaemon(true);
        return thread;
    });

    DiscardedFiles(Path directory) {
        this.directory = directory;
    }

    /** Deletes, soon, everything in discarded/ by then. */
    void deleteAll() {
        deleter.execute(() -> {
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    deleteTree(entry);
                }
            } catch (IOException e) {
                LOG.warn("could not delete the discarded files in {}; the next start tries again", directory, e);
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }

    /** Stops deleting; what is left goes at the next start. */
    @Override
    public void close() {
        deleter.shutdownNow();
    }
}
