package dev.accrue.engine.rules;

import dev.accrue.engine.domain.Hash64;

import java.util.List;

/**
 * A fixed set of strings (categories, SKUs, partner or store ids), each with an index
 * {@code 0 .. size-1}, looked up from any {@link CharSequence} without allocating: an
 * open-addressing table of 64-bit hashes, linear probing, and an equality check against the
 * stored string, so a hash collision can never match the wrong entry.
 */
public final class StringIndex {
    /** Returned by {@link #indexOf} for a string not in the set (and for null). */
    public static final int MISSING = -1;
    private static final StringIndex EMPTY = new StringIndex(List.of());

    private final String[] strings;
    private final long[] hashes;
    /** Index + 1 per table slot; 0 marks an empty slot. */
    private final int[] slots;
    private final int mask;

    /** The strings, without duplicates; each gets its position in the list as its index. */
    public StringIndex(List<String> strings) {
        this.strings = strings.toArray(new String[0]);
        // At most half full, so an absent key ends its probe at an empty slot after ~2 steps.
        int capacity = Integer.highestOneBit(Math.max(2, this.strings.length) * 2) * 2;
        this.hashes = new long[capacity];
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        for (int i = 0; i < this.strings.length; i++) {
            if (indexOf(this.strings[i]) != MISSING) {
                throw new IllegalArgumentException("duplicate string: " + this.strings[i]);
            }
            long hash = hash(this.strings[i]);
            int slot = (int) hash & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = hash;
            slots[slot] = i + 1;
        }
    }

    public static StringIndex empty() {
        return EMPTY;
    }

    /** The string's index, or {@link #MISSING}. */
    public int indexOf(CharSequence value) {
        return value == null ? MISSING : indexOf(value, hash(value));
    }

    /** As {@link #indexOf(CharSequence)}, with the string's {@link Hash64#of} computed before. */
    public int indexOf(CharSequence value, long hash) {
        if (value == null) {
            return MISSING;
        }
        for (int slot = (int) hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && strings[slots[slot] - 1].contentEquals(value)) {
                return slots[slot] - 1;
            }
        }
        return MISSING;
    }

    public int size() {
        return strings.length;
    }

    public String get(int index) {
        return strings[index];
    }

    private static long hash(CharSequence value) {
        return Hash64.of(value);
    }
}
