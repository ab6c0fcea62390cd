package dev.accrue.engine.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Housekeeping of a journal's segment files. */
public final class JournalSegments {
    private JournalSegments() {
    }

    /**
     * Deletes the segments whose every record is at or below {@code sequence} (covered by a
     * checkpoint). The newest segment is never deleted: the writer appends to it.
     */
    public static int deleteCoveredBy(Path directory, long sequence) throws IOException {
        List<Path> segments = Segments.list(directory);
        int deleted = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (Segments.firstSequence(segments.get(i + 1)) <= sequence + 1) {
                Files.delete(segments.get(i));
                deleted++;
            } else {
                break;
            }
        }
        if (deleted > 0) {
            Segments.forceDirectory(directory);
        }
        return deleted;
    }
}
