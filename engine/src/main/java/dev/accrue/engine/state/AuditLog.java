package dev.accrue.engine.state;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every admin change to a member, one line each, in an append-only text file a person can read:
 * tab-separated fields (no field holds a control character; the gRPC layer refuses them).
 *
 * <pre>
 * sequence  action  occurredAtMillis  admin  reason  eventId  memberId  amount  wallet
 * </pre>
 *
 * Like the movement log it is state derived from the journal: a checkpoint records its length, and
 * after a crash it is cut back to that length before the journal is replayed (which appends the
 * same lines again). Admin changes are rare, so each line is written through at once.
 * Business-logic thread only.
 */
public final class AuditLog implements AutoCloseable {
    /** One entry, as read back. */
    public record Entry(long sequence, String action, long occurredAtMillis, String admin, String reason,
                        String eventId, long memberId, long amount, String wallet) {
    }

    /** A page of entries and the offset after the last one. */
    public record Page(List<Entry> entries, long next) {
    }

    private final AppendOnlyFile file;
    private final StringBuilder line = new StringBuilder(512);

    private AuditLog(AppendOnlyFile file) {
        this.file = file;
    }

    /** Opens the log, cut back to {@code trustedLength}: what the state it belongs to has seen. */
    public static AuditLog open(File file, long trustedLength) {
        return new AuditLog(AppendOnlyFile.open(file, trustedLength, "audit log"));
    }

    /** The log's length in bytes: where the next entry goes. */
    public long length() {
        return file.length();
    }

    public void append(long sequence, String action, long occurredAtMillis, CharSequence admin, CharSequence reason,
                       CharSequence eventId, long memberId, long amount, CharSequence wallet) {
        line.setLength(0);
        line.append(sequence).append('\t').append(action).append('\t').append(occurredAtMillis).append('\t')
                .append(admin).append('\t').append(reason).append('\t').append(eventId).append('\t')
                .append(memberId).append('\t').append(amount).append('\t').append(wallet == null ? "" : wallet)
                .append('\n');
        file.append(StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(line)));
    }

    /** Whether an entry starts at {@code offset} (or the next one will): the log's start, its end, or after a line. */
    public boolean isEntryStart(long offset) {
        long length = file.length();
        if (offset == 0 || offset == length) {
            return true;
        }
        if (offset < 0 || offset > length) {
            return false;
        }
        ByteBuffer before = ByteBuffer.allocate(1);
        return file.readFully(before, offset - 1) && before.get(0) == '\n';
    }

    /** Up to {@code limit} entries from {@code offset}, which {@link #isEntryStart}. */
    public Page read(long offset, int limit) {
        if (!isEntryStart(offset)) {
            throw new IllegalArgumentException("no audit entry starts at " + offset);
        }
        List<Entry> entries = new ArrayList<>();
        long at = offset;
        long length = file.length();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        byte[] pending = new byte[0];
        while (entries.size() < limit && at < length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - at - pending.length));
            file.readFully(buffer, at + pending.length);
            byte[] chunk = new byte[pending.length + buffer.flip().remaining()];
            System.arraycopy(pending, 0, chunk, 0, pending.length);
            buffer.get(chunk, pending.length, chunk.length - pending.length);
            int start = 0;
            for (int i = 0; i < chunk.length && entries.size() < limit; i++) {
                if (chunk[i] == '\n') {
                    entries.add(parse(new String(chunk, start, i - start, StandardCharsets.UTF_8)));
                    at += i + 1 - start;
                    start = i + 1;
                }
            }
            pending = java.util.Arrays.copyOfRange(chunk, start, chunk.length);
            if (at + pending.length >= length) {
                break;
            }
        }
        return new Page(entries, at);
    }

    private static Entry parse(String line) {
        String[] f = line.split("\t", -1);
        return new Entry(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), f[3], f[4], f[5],
                Long.parseLong(f[6]), Long.parseLong(f[7]), f[8]);
    }

    /** Makes the log durable (at checkpoints; the journal is what makes admin changes durable). */
    public void force() {
        file.force();
    }

    @Override
    public void close() {
        file.close();
    }
}
