package dev.accrue.engine.state;

import dev.accrue.engine.domain.Movement;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every member's history in one append-only file: each {@link Movement} links to the member's
 * previous one, so a member's history is read newest first by following the links, and a return
 * finds the purchase it takes back from. Appends go to a buffer; a full buffer is handed to a
 * writer thread while appends go on in a second one (the disk's pace must not become the
 * business thread's), and {@link #flush()} writes everything before a checkpoint and at shutdown.
 * Reads see both buffers.
 *
 * <p>The log is state derived from the journal, but unlike the maps it is never copied: a
 * checkpoint records its length in the counters, and after a crash the log is cut back to that
 * length before the journal after the checkpoint is replayed (which appends the same movements
 * again). Business-logic thread only; appends and reads allocate nothing.
 */
public final class MovementLog implements AutoCloseable {
    private static final int BUFFER_BYTES = 4 << 20;

    private final File file;
    private final FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer spare = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** The full buffer the writer is writing at {@link #written}, or null. */
    private ByteBuffer inFlight;
    private Future<?> inFlightWrite;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "accrue-movement-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    /** Bytes in the file; {@link #inFlight} and then {@link #buffer} hold what comes after. */
    private long written;

    private MovementLog(File file, FileChannel channel, long written) {
        this.file = file;
        this.channel = channel;
        this.written = written;
    }

    /** Opens the log, cut back to {@code trustedLength}: what the state it belongs to has seen. */
    public static MovementLog open(File file, long trustedLength) {
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
                        + trustedLength + "; the movement log was lost or cut short");
            }
            channel.truncate(trustedLength);
            return new MovementLog(file, channel, trustedLength);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open movement log " + file, e);
        }
    }

    /** The log's length: where the next movement goes. */
    public long length() {
        return bufferStart() + buffer.position();
    }

    /** Where the data in {@link #buffer} starts in the log. */
    private long bufferStart() {
        return written + (inFlight == null ? 0 : inFlight.limit());
    }

    /** Appends the movement; returns its offset. */
    public long append(Movement m) {
        int size = m.storedSize();
        if (size > BUFFER_BYTES) {
            throw new IllegalArgumentException("a movement of " + size + " bytes");
        }
        if (buffer.remaining() < size) {
            handOff();
        }
        long offset = length();
        ByteBuffer b = buffer;
        b.putInt(size).putInt(m.kind.ordinal()).putLong(m.memberId).putLong(m.previous).putLong(m.sequence)
                .putLong(m.occurredAtMillis).putLong(m.points).putLong(m.pendingPoints)
                .putLong(m.pendingUntilMillis).putLong(m.expiresAtMillis).putLong(m.related)
                .putLong(m.relatedPrevious).putInt(m.programVersion).putInt(m.entryCount).putInt(m.lineCount)
                .putInt(Movement.utf8Length(m.eventId)).putInt(Movement.utf8Length(m.admin))
                .putInt(Movement.utf8Length(m.reason)).putLong(m.otherMemberId)
                .putInt(Movement.utf8Length(m.wallet)).putInt(0);
        putText(b, m.eventId);
        putText(b, m.admin);
        putText(b, m.reason);
        putText(b, m.wallet);
        for (int i = 0; i < m.entryCount; i++) {
            b.putInt(m.entryRule[i]).putInt(m.entryLine[i]).putLong(m.entryPoints[i]);
        }
        for (int i = 0; i < m.lineCount; i++) {
            b.putLong(m.lineQuantity[i]).putLong(m.linePoints[i]).putLong(m.lineAmountMinor[i])
                    .putLong(m.lineQualifying[i]);
        }
        return offset;
    }

    /** UTF-8 (each char on its own, as {@link Movement#utf8Length} counts), padded to 8 bytes. */
    private static void putText(ByteBuffer b, CharSequence text) {
        int start = b.position();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b.put((byte) c);
            } else if (c < 0x800) {
                b.put((byte) (0xC0 | c >> 6)).put((byte) (0x80 | c & 0x3F));
            } else {
                b.put((byte) (0xE0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3F)).put((byte) (0x80 | c & 0x3F));
            }
        }
        for (int pad = (8 - (b.position() - start) % 8) % 8; pad > 0; pad--) {
            b.put((byte) 0);
        }
    }

    private static void getText(ByteBuffer b, int bytes, StringBuilder into) {
        int end = b.position() + bytes;
        while (b.position() < end) {
            int c = b.get() & 0xFF;
            if (c >= 0xE0) {
                c = (c & 0x0F) << 12 | (b.get() & 0x3F) << 6 | b.get() & 0x3F;
            } else if (c >= 0xC0) {
                c = (c & 0x1F) << 6 | b.get() & 0x3F;
            }
            into.append((char) c);
        }
        b.position(end + (8 - bytes % 8) % 8);
    }

    /** Reads the movement at {@code offset} (as {@link #append} returned it) into {@code into}. */
    public void read(long offset, Movement into) {
        ByteBuffer b = slice(offset);
        int size = b.getInt();
        if (size < Movement.HEADER_SIZE) {
            throw new IllegalStateException("no movement at " + offset + " in " + file + " (size " + size + ")");
        }
        into.clear(Movement.Kind.of(b.getInt()));
        into.memberId = b.getLong();
        into.previous = b.getLong();
        into.sequence = b.getLong();
        into.occurredAtMillis = b.getLong();
        into.points = b.getLong();
        into.pendingPoints = b.getLong();
        into.pendingUntilMillis = b.getLong();
        into.expiresAtMillis = b.getLong();
        into.related = b.getLong();
        into.relatedPrevious = b.getLong();
        into.programVersion = b.getInt();
        into.entryCount = b.getInt();
        into.lineCount = b.getInt();
        int eventIdBytes = b.getInt();
        int adminBytes = b.getInt();
        int reasonBytes = b.getInt();
        into.otherMemberId = b.getLong();
        int walletBytes = b.getInt();
        b.getInt();
        getText(b, eventIdBytes, into.eventId);
        getText(b, adminBytes, into.admin);
        getText(b, reasonBytes, into.reason);
        getText(b, walletBytes, into.wallet);
        into.ensureEntries(into.entryCount);
        for (int i = 0; i < into.entryCount; i++) {
            into.entryRule[i] = b.getInt();
            into.entryLine[i] = b.getInt();
            into.entryPoints[i] = b.getLong();
        }
        for (int i = 0; i < into.lineCount; i++) {
            into.lineQuantity[i] = b.getLong();
            into.linePoints[i] = b.getLong();
            into.lineAmountMinor[i] = b.getLong();
            into.lineQualifying[i] = b.getLong();
        }
    }

    /** A buffer positioned at the movement: the unwritten tail, or the movement read from the file. */
    private ByteBuffer slice(long offset) {
        if (offset < 0 || offset >= length()) {
            throw new IllegalArgumentException("no movement at " + offset + " in " + file);
        }
        if (offset >= bufferStart()) {
            return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (offset - bufferStart()));
        }
        if (offset >= written) {
            // Being written: the writer reads its own duplicate, so reading this one is safe.
            return inFlight.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (offset - written));
        }
        try {
            readBuffer.clear().limit(Integer.BYTES);
            readFully(offset);
            int size = readBuffer.getInt(0);
            if (size < Movement.HEADER_SIZE || size > BUFFER_BYTES || offset + size > written) {
                throw new IllegalStateException("no movement at " + offset + " in " + file + " (size " + size + ")");
            }
            readBuffer.clear().limit(size);
            readFully(offset);
            return readBuffer.flip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read movement log " + file, e);
        }
    }

    private void readFully(long offset) throws IOException {
        while (readBuffer.hasRemaining()) {
            if (channel.read(readBuffer, offset + readBuffer.position()) < 0) {
                throw new IllegalStateException(file + " ends at " + channel.size() + ", before " + written);
            }
        }
    }

    /** Hands the full buffer to the writer (after the previous one is written) and appends to the other. */
    private void handOff() {
        awaitInFlight();
        ByteBuffer full = buffer.flip();
        long at = written;
        inFlight = full;
        inFlightWrite = writer.submit(() -> {
            ByteBuffer data = full.duplicate();
            long position = at;
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
            return null;
        });
        buffer = spare.clear();
        spare = null;
    }

    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlightWrite.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the movement log " + file, e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("cannot write movement log " + file,
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
        written += inFlight.limit();
        spare = inFlight;
        inFlight = null;
        inFlightWrite = null;
    }

    /** Writes the buffered movements to the file (to the page cache; {@link #force()} makes them durable). */
    public void flush() {
        awaitInFlight();
        try {
            buffer.flip();
            while (buffer.hasRemaining()) {
                written += channel.write(buffer, written);
            }
            buffer.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write movement log " + file, e);
        }
    }

    public void force() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force movement log " + file, e);
        }
    }

    @Override
    public void close() {
        flush();
        force();
        writer.shutdown();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close movement log " + file, e);
        }
    }
}
