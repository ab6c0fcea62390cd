package dev.accrue.engine.state;

import dev.accrue.engine.domain.IdentityKind;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;

/**
 * {@link IdentityStore} in two persisted Chronicle Maps: identity (kind prefix + ':' + value) to
 * member id, and member id to the member's identities, each as its key followed by a newline
 * (identities never hold control characters). The second answers "who is this member" and lets a
 * merge repoint every identity of the merged member.
 */
public final class ChronicleIdentityStore implements IdentityStore {
    /** The file of the map from members to their identities, beside the identities' file {@code name}. */
    static String memberFile(String name) {
        return "member-" + name;
    }

    /** Sizing hint: a prefix and a typical card number or phone. */
    private static final int AVERAGE_KEY_CHARS = 20;
    /** Sizing hint: two identities per member. */
    private static final int AVERAGE_LIST_CHARS = 2 * (AVERAGE_KEY_CHARS + 1);

    private final ChronicleMap<CharSequence, LongCell> byIdentity;
    private final ChronicleMap<LongCell, CharSequence> byMember;
    private final StringBuilder key = new StringBuilder(80);
    private final StringBuilder list = new StringBuilder(16 * 80);
    private final LongCell value = new LongCell();
    private final LongCell memberKey = new LongCell();

    private ChronicleIdentityStore(ChronicleMap<CharSequence, LongCell> byIdentity,
                                   ChronicleMap<LongCell, CharSequence> byMember) {
        this.byIdentity = byIdentity;
        this.byMember = byMember;
    }

    /** Opens {@code file} and, beside it, the member-to-identities map. */
    public static ChronicleIdentityStore open(File file, long capacity, long members) {
        try {
            ChronicleMap<CharSequence, LongCell> byIdentity = ChronicleMap.of(CharSequence.class, LongCell.class)
                    .name("accrue-identities")
                    .entries(capacity)
                    .averageKeySize(AVERAGE_KEY_CHARS)
                    .valueMarshaller(LongCellMarshaller.INSTANCE)
                    .constantValueSizeBySample(new LongCell())
                    .checksumEntries(ChronicleSettings.CHECKSUM_ENTRIES)
                    .createPersistedTo(file);
            ChronicleMap<LongCell, CharSequence> byMember = ChronicleMap.of(LongCell.class, CharSequence.class)
                    .name("accrue-member-identities")
                    .entries(members)
                    .keyMarshaller(LongCellMarshaller.INSTANCE)
                    .constantKeySizeBySample(new LongCell())
                    .averageValueSize(AVERAGE_LIST_CHARS)
                    .maxBloatFactor(4)
                    .checksumEntries(ChronicleSettings.CHECKSUM_ENTRIES)
                    .createPersistedTo(new File(file.getParentFile(), memberFile(file.getName())));
            return new ChronicleIdentityStore(byIdentity, byMember);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open identity store " + file, e);
        }
    }

    @Override
    public long find(IdentityKind kind, CharSequence value) {
        LongCell found = byIdentity.getUsing(key(kind, value), this.value);
        return found == null ? NO_MEMBER : found.value;
    }

    @Override
    public void link(IdentityKind kind, CharSequence value, long memberId) {
        byIdentity.put(key(kind, value), this.value.set(memberId));
        readList(memberId).append(key).append('\n');
        byMember.put(memberKey.set(memberId), list);
    }

    @Override
    public boolean unlink(IdentityKind kind, CharSequence value, long memberId) {
        if (find(kind, value) != memberId) {
            return false;
        }
        byIdentity.remove(key(kind, value));
        readList(memberId);
        int at = indexOfLine(list, key);
        list.delete(at, at + key.length() + 1);
        if (list.length() == 0) {
            byMember.remove(memberKey.set(memberId));
        } else {
            byMember.put(memberKey.set(memberId), list);
        }
        return true;
    }

    @Override
    public int countOf(long memberId) {
        readList(memberId);
        int count = 0;
        for (int i = 0; i < list.length(); i++) {
            if (list.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    @Override
    public void forEachOf(long memberId, BiConsumer<IdentityKind, String> each) {
        String all = readList(memberId).toString();
        int start = 0;
        for (int end = all.indexOf('\n'); end >= 0; start = end + 1, end = all.indexOf('\n', start)) {
            each.accept(IdentityKind.ofPrefix(all.charAt(start)), all.substring(start + 2, end));
        }
    }

    @Override
    public void moveAll(long from, long to) {
        String moved = readList(from).toString();
        byMember.remove(memberKey.set(from));
        int start = 0;
        for (int end = moved.indexOf('\n'); end >= 0; start = end + 1, end = moved.indexOf('\n', start)) {
            key.setLength(0);
            key.append(moved, start, end);
            byIdentity.put(key, value.set(to));
        }
        readList(to).append(moved);
        if (list.length() > 0) {
            byMember.put(memberKey.set(to), list);
        }
    }

    @Override
    public long count() {
        return byIdentity.longSize();
    }

    @Override
    public void close() {
        byIdentity.close();
        byMember.close();
    }

    private StringBuilder readList(long memberId) {
        list.setLength(0);
        byMember.getUsing(memberKey.set(memberId), list);
        return list;
    }

    /** Where {@code line} starts as a whole line of {@code lines}. */
    private static int indexOfLine(StringBuilder lines, CharSequence line) {
        int start = 0;
        while (start < lines.length()) {
            int end = lines.indexOf("\n", start);
            if (end - start == line.length() && lines.substring(start, end).contentEquals(line)) {
                return start;
            }
            start = end + 1;
        }
        throw new IllegalStateException("identity " + line + " is missing from its member's list");
    }

    private CharSequence key(IdentityKind kind, CharSequence value) {
        key.setLength(0);
        return key.append(kind.keyPrefix).append(':').append(value);
    }
}
