package dev.accrue.engine.domain;

/**
 * A 64-bit hash fed field by field, a word at a time: the same in every process and JVM version
 * (unlike {@code hashCode}), for fingerprints of commands, keys of event ids and digests of state.
 * One multiply per long and per four characters; allocation-free. Not for adversaries: a caller
 * who crafts a collision can only confuse its own retries.
 */
public final class Hash64 {
    public static final long EMPTY = 0x27d4eb2f165667c5L;
    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    private Hash64() {
    }

    public static long mix(long h, long value) {
        return Long.rotateLeft(h ^ value * P2, 31) * P1;
    }

    /** Mixes the length too, so that ("ab", "c") and ("a", "bc") differ; null differs from "". */
    public static long mix(long h, CharSequence value) {
        if (value == null) {
            return mix(h, -1L);
        }
        int length = value.length();
        h = mix(h, length);
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            h = mix(h, word(value, i));
        }
        return mix(h, tail(value, i));
    }

    /** Characters {@code i .. i+3} as one word: how every hash of text here reads it. */
    public static long word(CharSequence value, int i) {
        return value.charAt(i) | (long) value.charAt(i + 1) << 16
                | (long) value.charAt(i + 2) << 32 | (long) value.charAt(i + 3) << 48;
    }

    /** The fewer than four characters from {@code i} to the end, as one word. */
    public static long tail(CharSequence value, int i) {
        long tail = 0;
        for (int shift = 0; i < value.length(); i++, shift += 16) {
            tail |= (long) value.charAt(i) << shift;
        }
        return tail;
    }

    /** One string's finished hash: what {@code StringIndex} keys its table by. */
    public static long of(CharSequence value) {
        return finish(mix(EMPTY, value));
    }

    /** Mixes the length too; null differs from empty. */
    public static long mix(long h, byte[] value) {
        if (value == null) {
            return mix(h, -1L);
        }
        h = mix(h, value.length);
        long word = 0;
        for (int i = 0; i < value.length; i++) {
            word = word << 8 | (value[i] & 0xFF);
            if ((i & 7) == 7) {
                h = mix(h, word);
                word = 0;
            }
        }
        return mix(h, word);
    }

    /** Spreads every input bit over the result; call once, after the last mix. */
    public static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }
}
