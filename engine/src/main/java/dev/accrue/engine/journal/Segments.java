package dev.accrue.engine.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** The segment files of a journal directory, in sequence order. */
final class Segments {
    private Segments() {
    }

    static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> JournalFormat.isSegmentName(f.getFileName().toString())).sorted().toList();
        }
    }

    static Path newest(Path directory) throws IOException {
        List<Path> segments = list(directory);
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    /** The first sequence a segment holds, from its name. */
    static long firstSequence(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(JournalFormat.SEGMENT_PREFIX.length(),
                name.length() - JournalFormat.SEGMENT_SUFFIX.length()));
    }

    /** Makes a created or deleted file's directory entry durable. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
