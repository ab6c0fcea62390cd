package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Opening an append-only log derived from the journal (the movement log, the audit log): never
 * copied by a checkpoint, so it is cut back to the length the restored state has seen, and the
 * replay after the checkpoint appends the same bytes again. A log shorter than that was lost.
 */
final class DerivedLogFile {
    private DerivedLogFile() {
    }

    /** The log's channel, cut back to {@code trustedLength}; {@code what} names it in errors. */
    static FileChannel openCutBack(File file, long trustedLength, String what) {
        try {
            File parent = file.getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create " + parent);
            }
            FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = channel.size();
            if (size < trustedLength) {
                channel.close();
                throw new IllegalStateException(file + " holds " + size + " bytes but the state has seen "
                        + trustedLength + "; the " + what + " was lost or cut short");
            }
            channel.truncate(trustedLength);
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + what + " " + file, e);
        }
    }
}
