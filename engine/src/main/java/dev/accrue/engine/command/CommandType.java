package dev.accrue.engine.command;

/** What a ring slot carries. The business-logic thread dispatches on this with a switch. */
public enum CommandType {
    /** Enrol a new member (mutating). */
    ENROL,
    /** Record a purchase and credit its points (mutating). */
    PURCHASE,
    /** Read a member's balance (read-only; goes through the ring to see every earlier command). */
    GET_BALANCE;

    public boolean mutates() {
        return this != GET_BALANCE;
    }
}
