package dev.accrue.engine.state;

import dev.accrue.engine.domain.IdentityKind;

/** External identities (card, e-shop id, phone) to member ids. Written by the business-logic thread only. */
public interface IdentityStore extends AutoCloseable {
    /** Returned by {@link #find} when no member has the identity. */
    long NO_MEMBER = 0;

    /** The member with this identity, or {@link #NO_MEMBER}. Allocates nothing. */
    long find(IdentityKind kind, CharSequence value);

    /** Links the identity to the member, replacing any earlier link. */
    void link(IdentityKind kind, CharSequence value, long memberId);

    long count();

    @Override
    void close();
}
