package dev.accrue.engine.state;

import dev.accrue.engine.domain.IdentityKind;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link IdentityStore} in a persisted Chronicle Map keyed by kind prefix + value. */
public final class ChronicleIdentityStore implements IdentityStore {
    /** Sizing hint: a prefix and a typical card number or phone. */
    private static final int AVERAGE_KEY_CHARS = 20;

    private final ChronicleMap<CharSequence, LongCell> map;
    private final StringBuilder key = new StringBuilder(80);
    private final LongCell value = new LongCell();

    private ChronicleIdentityStore(ChronicleMap<CharSequence, LongCell> map) {
        this.map = map;
    }

    public static ChronicleIdentityStore open(File file, long capacity) {
        try {
            ChronicleMap<CharSequence, LongCell> map = ChronicleMap.of(CharSequence.class, LongCell.class)
                    .name("accrue-identities")
                    .entries(capacity)
                    .averageKeySize(AVERAGE_KEY_CHARS)
                    .valueMarshaller(LongCellMarshaller.INSTANCE)
                    .constantValueSizeBySample(new LongCell())
                    .createPersistedTo(file);
            return new ChronicleIdentityStore(map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open identity store " + file, e);
        }
    }

    @Override
    public long find(IdentityKind kind, CharSequence value) {
        LongCell found = map.getUsing(key(kind, value), this.value);
        return found == null ? NO_MEMBER : found.value;
    }

    @Override
    public void link(IdentityKind kind, CharSequence value, long memberId) {
        map.put(key(kind, value), this.value.set(memberId));
    }

    @Override
    public long count() {
        return map.longSize();
    }

    @Override
    public void close() {
        map.close();
    }

    private CharSequence key(IdentityKind kind, CharSequence value) {
        key.setLength(0);
        return key.append(kind.keyPrefix).append(':').append(value);
    }
}
