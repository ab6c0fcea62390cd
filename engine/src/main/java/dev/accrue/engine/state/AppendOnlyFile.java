package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A log derived from the journal that is written through at once, for rare records (the audit
 * log, the receipt log): opened cut back to the length the state has seen (see
 * {@link DerivedLogFile}), appended to and read by the business-logic thread only.
 */
final class AppendOnlyFile implements AutoCloseable {
    private final File file;
    private final FileChannel channel;
    private final String what;
    private long length;

    private AppendOnlyFile(File file, FileChannel channel, String what, long length) {
        this.file = file;
        this.channel = channel;
        this.what = what;
        this.length = length;
    }

    /** Opens {@code file}, cut back to {@code trustedLength}; {@code what} names it in errors. */
    static AppendOnlyFile open(File file, long trustedLength, String what) {
        return new AppendOnlyFile(file, DerivedLogFile.openCutBack(file, trustedLength, what), what, trustedLength);
    }

    /** Where the next bytes go. */
    long length() {
        return length;
    }

    /** Appends the bytes between {@code bytes}' position and limit. */
    void append(ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                length += channel.write(bytes, length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " " + file, e);
        }
    }

    /** Reads from {@code offset} until {@code into} is full or the file ends; false if it ended first. */
    boolean readFully(ByteBuffer into, long offset) {
        try {
            while (into.hasRemaining()) {
                if (channel.read(into, offset + into.position()) < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }

    /** Makes the file durable (at checkpoints; the journal is what makes its records durable). */
    void force() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force " + what + " " + file, e);
        }
    }

    @Override
    public void close() {
        force();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + what + " " + file, e);
        }
    }
}
