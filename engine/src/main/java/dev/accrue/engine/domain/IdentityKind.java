package dev.accrue.engine.domain;

/** The external identities a member can be known by. Each resolves to exactly one member. */
public enum IdentityKind {
    CARD('c'),
    ESHOP('e'),
    PHONE('p'),
    /** SHA-256 of the e-mail address, 64 lowercase hex digits. */
    EMAIL_HASH('m');

    private static final IdentityKind[] VALUES = values();

    public static IdentityKind of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The kind whose {@link #keyPrefix} is {@code prefix}, or null. */
    public static IdentityKind ofPrefix(char prefix) {
        for (IdentityKind kind : VALUES) {
            if (kind.keyPrefix == prefix) {
                return kind;
            }
        }
        return null;
    }

    /** Prefix of the stored key, so that equal values of different kinds never collide. */
    public final char keyPrefix;

    IdentityKind(char keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
