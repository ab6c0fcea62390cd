package dev.accrue.engine.command;

/** What a ring slot carries. The business-logic thread dispatches on this with a switch. */
public enum CommandType {
    /** Enrol a new member (mutating). */
    ENROL,
    /** Record a purchase and credit its points (mutating). */
    PURCHASE,
    /** Read a member's balance (read-only; goes through the ring to see every earlier command). */
    GET_BALANCE,
    /**
     * Advance the engine clock to {@code occurredAtMillis} (mutating). The engine publishes one
     * periodically; being journaled, the clock replays exactly. Append new types after this one:
     * ordinals are journaled.
     */
    CLOCK_TICK,
    /** Compute a digest over all member records (read-only, diagnostic). */
    STATE_DIGEST,
    /** Copy the state to a checkpoint (changes no state; not journaled). */
    CHECKPOINT,
    /** Apply a new version of the loyalty program from {@code occurredAtMillis} on (mutating). */
    PROGRAM_CHANGE,
    /** Take back the points of a purchase's returned lines (mutating). */
    RETURN,
    /** Read a page of a member's history (read-only). */
    GET_HISTORY,
    /** An admin's tier floor for a member until {@code occurredAtMillis} (mutating). */
    SET_TIER_FLOOR,
    /** Spend points at once (mutating); the points in {@code totalMinor}. */
    REDEEM,
    /** Hold points at a till (mutating); points in {@code totalMinor}, time to live in {@code holdTtlSeconds}. */
    HOLD,
    /** Take all or part of an open hold (mutating). */
    CAPTURE,
    /** Release an open hold (mutating). */
    VOID_HOLD,
    /** Link one more identity ({@code identityKind}, {@code identity}) to a member (mutating). */
    LINK_IDENTITY,
    /** Unlink an identity from a member (mutating). */
    UNLINK_IDENTITY,
    /** Suspend, reinstate or close a member: {@code memberStatus} (mutating). */
    SET_MEMBER_STATUS,
    /** An admin's credit or debit of {@code totalMinor} points in {@code wallet} (mutating). */
    ADJUST_POINTS,
    /** Merge the member named by {@code other*} into the slot's member (mutating). */
    MERGE_MEMBERS,
    /** Read a member's status, identities and balance (read-only). */
    GET_MEMBER,
    /** Read a page of the audit log (read-only). */
    GET_AUDIT_LOG;

    public boolean mutates() {
        return switch (this) {
            case GET_BALANCE, STATE_DIGEST, CHECKPOINT, GET_HISTORY, GET_MEMBER, GET_AUDIT_LOG -> false;
            default -> true;
        };
    }

    /** Whether the command carries a caller's event id that makes retries idempotent. */
    public boolean idempotent() {
        return mutates() && this != CLOCK_TICK;
    }
}
