package dev.accrue.engine.app;

import java.nio.file.Path;

/** A start refused because another engine, in this process or another, uses the data directory. */
public final class DataDirectoryInUseException extends IllegalStateException {
    public DataDirectoryInUseException(Path root) {
        super("data directory " + root.toAbsolutePath() + " is in use by another engine (its LOCK file is locked);"
                + " stop that engine first, or give this one another data.dir");
    }
}
