package dev.accrue.engine.domain;

/**
 * What the business-logic thread decided about a command. Rejections are results, not exceptions:
 * the engine never throws for a caller's mistake.
 *
 * <p>Validation of a command's fields happens before the ring (on the gRPC threads) and never
 * reaches here; these codes are the decisions that need the engine's state.
 */
public enum ResultCode {
    /** Applied. */
    OK,
    /** No member has the given id or identity. */
    MEMBER_NOT_FOUND,
    /** An identity given at enrolment already belongs to a member. */
    IDENTITY_ALREADY_LINKED,
    /** The event id was used before for a command with other content. */
    EVENT_ID_REUSED,
    /**
     * The idempotency table is full: the command could not be made exactly-once, so it was not
     * applied. Raise idempotency.capacity or shorten the retention.
     */
    EVENT_ID_CAPACITY_REACHED,
    /** The program does not accept the command's currency (checked again by the engine). */
    CURRENCY_NOT_ACCEPTED,
    /** The member store is full; the engine's configured capacity must grow. */
    MEMBER_CAPACITY_REACHED,
    /** Applying the command would overflow a member's counters. */
    BALANCE_OVERFLOW,
    /** The journal could not make the command durable, so it was not applied. */
    JOURNAL_UNAVAILABLE,
    /** The member holds as many point lots as a record keeps, none with this purchase's dates. */
    LOT_CAPACITY_REACHED,
    /** A program version's effective time precedes the latest version's. */
    PROGRAM_EFFECTIVE_TOO_EARLY,
    /** No program is loaded yet (only before the first program change is applied). */
    NO_PROGRAM,
    /** A return names a purchase the engine does not know (or no longer keeps). */
    PURCHASE_NOT_FOUND,
    /** A return would give back more units than the purchase had (or has left). */
    RETURN_EXCEEDS_PURCHASE,
    /** A return names a line the purchase does not have. */
    RETURN_LINE_UNKNOWN,
    /** The index of returnable purchases is full; raise returns.capacity. */
    PURCHASE_CAPACITY_REACHED,
    /** A tier index the program in force does not have. */
    TIER_UNKNOWN,
    /** The member has fewer available points than asked for. */
    INSUFFICIENT_POINTS,
    /** The member already has as many open holds as a record keeps. */
    HOLD_LIMIT_REACHED,
    /** The hold named is not one of the member's (never opened, or closed too long ago to tell). */
    HOLD_NOT_FOUND,
    /** The hold named was already captured, voided or expired. */
    HOLD_CLOSED,
    /** A capture of more points than the hold holds. */
    CAPTURE_EXCEEDS_HOLD,
    /** The member is suspended: it cannot spend points. */
    MEMBER_SUSPENDED,
    /** The member is closed: it cannot earn, spend, or change. */
    MEMBER_CLOSED,
    /** An unlink names an identity the member does not have. */
    IDENTITY_NOT_LINKED,
    /** The member already has as many identities as one may. */
    IDENTITY_LIMIT_REACHED,
    /** A merge names one member twice (perhaps by two of its identities). */
    MERGE_SAME_MEMBER,
    /** A merge names no member as the one to merge. */
    MERGED_MEMBER_NOT_FOUND,
    /** Merged, the member would hold more lots, holds, wallets, identities or merged members than a record keeps. */
    MERGE_LIMIT_REACHED,
    /** A wallet the program in force does not define. */
    WALLET_UNKNOWN,
    /** The member already holds as many wallets as a record keeps. */
    WALLET_LIMIT_REACHED,
    /** A history page token this engine did not give for this member. */
    PAGE_TOKEN_INVALID,
    /** A bug or I/O failure inside the engine while applying the command; it was logged. */
    ENGINE_FAULT
}
