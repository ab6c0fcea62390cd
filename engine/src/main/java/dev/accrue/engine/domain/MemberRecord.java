package dev.accrue.engine.domain;

/**
 * A member's fixed-size state, as stored off-heap per member. One instance is reused by the
 * business-logic thread for every event: read into it, change it, write it back.
 *
 * <pre>
 *  0                   8                   16                  24
 *  +-------------------+-------------------+-------------------+
 *  | available         | pending           | lifetimeEarned    |
 *  +-------------------+-------------------+-------------------+
 *  | lifetimeRedeemed  | lastSequence      | enrolledAtMillis  |
 *  +-------------------+---------+---------+-------------------+
 *  | lastActivityMillis| tier    | status  |                    64 bytes, little-endian
 *  +-------------------+---------+---------+
 * </pre>
 */
public final class MemberRecord {
    public static final int AVAILABLE_OFFSET = 0;
    public static final int PENDING_OFFSET = 8;
    public static final int LIFETIME_EARNED_OFFSET = 16;
    public static final int LIFETIME_REDEEMED_OFFSET = 24;
    public static final int LAST_SEQUENCE_OFFSET = 32;
    public static final int ENROLLED_AT_OFFSET = 40;
    public static final int LAST_ACTIVITY_OFFSET = 48;
    public static final int TIER_OFFSET = 56;
    public static final int STATUS_OFFSET = 60;
    public static final int SIZE = 64;

    public static final int STATUS_ACTIVE = 0;

    public long available;
    public long pending;
    public long lifetimeEarned;
    public long lifetimeRedeemed;
    public long lastSequence;
    public long enrolledAtMillis;
    public long lastActivityMillis;
    public int tier;
    public int status;

    /** Resets every field, for a member enrolled at {@code enrolledAtMillis}. */
    public MemberRecord enrol(long enrolledAtMillis, long sequence) {
        available = 0;
        pending = 0;
        lifetimeEarned = 0;
        lifetimeRedeemed = 0;
        lastSequence = sequence;
        this.enrolledAtMillis = enrolledAtMillis;
        lastActivityMillis = enrolledAtMillis;
        tier = 0;
        status = STATUS_ACTIVE;
        return this;
    }
}
