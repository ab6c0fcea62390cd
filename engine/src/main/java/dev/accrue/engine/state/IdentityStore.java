package dev.accrue.engine.state;

import dev.accrue.engine.domain.IdentityKind;

import java.util.function.BiConsumer;

/**
 * External identities (card, e-shop id, phone, e-mail hash) to member ids, and each member's
 * identities in the order they were linked. Written by the business-logic thread only.
 */
public interface IdentityStore extends AutoCloseable {
    /** Returned by {@link #find} when no member has the identity. */
    long NO_MEMBER = 0;
    /** Identities one member may have. */
    int MAX_PER_MEMBER = 16;

    /** The member with this identity, or {@link #NO_MEMBER}. Allocates nothing. */
    long find(IdentityKind kind, CharSequence value);

    /** Links an identity no member has to the member. */
    void link(IdentityKind kind, CharSequence value, long memberId);

    /** Unlinks the member's identity; false, and nothing changed, if the member does not have it. */
    boolean unlink(IdentityKind kind, CharSequence value, long memberId);

    /** How many identities the member has. */
    int countOf(long memberId);

    /** Calls {@code each} for every identity of the member, oldest link first (allocates: not for the hot path). */
    void forEachOf(long memberId, BiConsumer<IdentityKind, String> each);

    /** Moves every identity of {@code from} to {@code to}, after {@code to}'s own. */
    void moveAll(long from, long to);

    /** Identities linked, over all members. */
    long count();

    @Override
    void close();
}
