package dev.accrue.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Files the benchmarks leave behind: where they go and how much disk they really take. Chronicle
 * Map files are sparse, so their length says little; the blocks allocated (what {@code du} shows)
 * are what a deployment must provision.
 */
final class DiskUsage {
    /** Parent of the benchmarks' temp directories; -Daccrue.bench.dir=... puts them elsewhere. */
    static final String DIR_PROPERTY = "accrue.bench.dir";

    private DiskUsage() {
    }

    static Path createTempDirectory(String prefix) throws IOException {
        String parent = System.getProperty(DIR_PROPERTY);
        if (parent == null) {
            return Files.createTempDirectory(prefix);
        }
        Path dir = Path.of(parent);
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, prefix);
    }

    /** Bytes allocated on disk for {@code file} (st_blocks * 512, as stat reports), or -1 if unknown. */
    static long allocatedBytes(Path file) {
        if (!Files.exists(file)) {
            return -1;
        }
        try {
            // The JDK exposes no st_blocks; stat(1) is on every Linux and macOS this runs on.
            Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
            String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stat.waitFor(10, TimeUnit.SECONDS) || stat.exitValue() != 0) {
                return -1;
            }
            String[] parts = out.split("\\s+");
            return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
