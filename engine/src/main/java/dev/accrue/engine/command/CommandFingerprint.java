package dev.accrue.engine.command;

/**
 * A 64-bit FNV-1a hash of everything a mutating command says, so that a retry (same event id,
 * same content) can be told from a different command reusing the id. Deterministic across
 * processes and versions of the JVM (unlike {@code String.hashCode} on protobuf messages), and
 * allocation-free.
 */
public final class CommandFingerprint {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private CommandFingerprint() {
    }

    public static long of(CommandSlot s) {
        long h = mix(OFFSET_BASIS, s.type.ordinal());
        h = mix(h, s.eventId);
        h = mix(h, s.occurredAtMillis);
        switch (s.type) {
            case PURCHASE -> {
                h = mix(h, s.memberId);
                h = mix(h, s.memberIdentityKind == null ? -1 : s.memberIdentityKind.ordinal());
                h = mix(h, s.memberIdentity);
                h = mix(h, s.partnerId);
                h = mix(h, s.storeId);
                h = mix(h, s.channel);
                h = mix(h, s.currency);
                h = mix(h, s.totalMinor);
                h = mix(h, s.paymentMethod);
                h = mix(h, s.lineCount);
                for (int i = 0; i < s.lineCount; i++) {
                    h = mix(h, s.lineSku[i]);
                    h = mix(h, s.lineCategory[i]);
                    h = mix(h, s.lineQuantity[i]);
                    h = mix(h, s.lineAmountMinor[i]);
                }
            }
            case ENROL -> {
                h = mix(h, s.enrolCard);
                h = mix(h, s.enrolEshop);
                h = mix(h, s.enrolPhone);
            }
            default -> {
            }
        }
        return h;
    }

    private static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ (value & 0xFF)) * PRIME;
            value >>>= 8;
        }
        return h;
    }

    private static long mix(long h, CharSequence value) {
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
