package dev.accrue.engine.journal;

import java.nio.file.Path;

/** The journal is damaged somewhere other than its tail; the engine must not start on it. */
public final class JournalCorruptedException extends RuntimeException {
    private final Path file;
    private final long offset;

    public JournalCorruptedException(Path file, long offset, String reason) {
        super("journal " + file + " is damaged at byte offset " + offset + ": " + reason
                + ". Refusing to start: restore the file from a replica or backup.");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
