package dev.accrue.engine.domain;

/** The external identities a member can be known by. Each resolves to exactly one member. */
public enum IdentityKind {
    CARD('c'),
    ESHOP('e'),
    PHONE('p');

    /** Prefix of the stored key, so that equal values of different kinds never collide. */
    public final char keyPrefix;

    IdentityKind(char keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
