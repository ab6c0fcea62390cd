package dev.accrue.engine.journal;

import java.util.Locale;

/** When the journal forces its writes to the storage device. */
public enum FsyncPolicy {
    /**
     * Force once per ring batch, before any command of the batch is acknowledged: an acknowledged
     * command survives a crash of the process, the machine or its power. The default.
     */
    EVERY_BATCH,
    /** Write to the OS page cache only: survives a crash of the process, not of the machine. */
    NEVER;

    /** Parses "every-batch", "never" and the like. */
    public static FsyncPolicy parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
