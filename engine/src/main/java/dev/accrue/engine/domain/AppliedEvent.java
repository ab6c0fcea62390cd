package dev.accrue.engine.domain;

/**
 * What the engine remembers of an applied event, keyed by the caller's event id: enough to tell a
 * retry from a reuse of the id, and to answer a retry with the original reply.
 *
 * <pre>
 *  0              8              16             24             32             40             48             56
 *  +--------------+--------------+--------------+--------------+--------------+--------------+--------------+
 *  | fingerprint  | memberId     | pointsEarned | balance      | sequence     | recordedAt   | eventIdCheck |
 *  +--------------+--------------+--------------+--------------+--------------+--------------+--------------+
 * </pre>
 */
public final class AppliedEvent {
    public static final int SIZE = 56;

    /** Hash of the command's content; equal content, equal fingerprint. */
    public long fingerprint;
    public long memberId;
    /** The points the event earned (negative: spent); for a wallet redemption, the units left in the wallet. */
    public long pointsEarned;
    /**
     * The member's available points right after the event: the original reply's balance. For a
     * member change, whose reply is kept whole in the receipt log, where it is kept there.
     */
    public long balance;
    public long sequence;
    /** The engine clock when the event was applied; drives retention. */
    public long recordedAtMillis;
    /**
     * A second hash of the event id, independent of the one the table is keyed by: the store
     * tells two ids apart with it when their keys collide.
     */
    public long eventIdCheck;
}
