package dev.accrue.engine.domain;

/**
 * 64-bit FNV-1a, fed field by field: a hash that is the same in every process and JVM version
 * (unlike {@code hashCode}), for fingerprints of commands and digests of state. Allocation-free.
 */
public final class Fnv1a64 {
    public static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fnv1a64() {
    }

    public static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ (value & 0xFF)) * PRIME;
            value >>>= 8;
        }
        return h;
    }

    /** Mixes the length too, so that ("ab", "c") and ("a", "bc") differ; null differs from "". */
    public static long mix(long h, CharSequence value) {
        if (value == null) {
            return mix(h, -1L);
        }
        h = mix(h, value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            h = (h ^ (c & 0xFF)) * PRIME;
            h = (h ^ (c >>> 8)) * PRIME;
        }
        return h;
    }
}
