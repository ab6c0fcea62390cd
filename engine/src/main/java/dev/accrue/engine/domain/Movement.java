package dev.accrue.engine.domain;

/**
 * One entry of a member's history: points earned, returned, released from pending, expired or
 * redeemed, with the reason; or a change of the member's tier, or a notice of points about to
 * expire. Reused: the business-logic thread fills one and appends it; readers read into
 * their own. Arrays are sized for the largest movement (a purchase with every line and rule).
 *
 * <p>Stored compactly by the movement log (see {@code MovementCodec}): a purchase's EARNED
 * movement takes ~115 bytes there.
 *
 * <p>TIER_CHANGED and EXPIRING_SOON move no points ({@code points} 0) and keep what they tell in
 * fields the other kinds use otherwise: see {@link #tierChange} and {@link #expiringSoon}.
 */
public final class Movement {
    public static final int MAX_EVENT_ID_CHARS = 128;
    public static final int MAX_LINES = 256;

    /** What happened; ordinals are stored, so append only. */
    public enum Kind {
        /** A purchase credited points (pending or available). */
        EARNED,
        /** A return took back points a purchase earned. */
        RETURNED,
        /** Pending points became available. */
        RELEASED,
        /** Points expired. */
        EXPIRED,
        /** Points were redeemed. */
        REDEEMED,
        /** An admin credited or debited points (or a wallet's units). */
        ADJUSTED,
        /** Another member ({@link #otherMemberId}) was merged into this one. */
        MERGED,
        /** The member was closed and its points forfeited. */
        FORFEITED,
        /** The member's tier (as the balance reports it) changed; no points move. */
        TIER_CHANGED,
        /** A notice: points expire soon; no points move. */
        EXPIRING_SOON;

        private static final Kind[] VALUES = values();

        public static Kind of(int ordinal) {
            return VALUES[ordinal];
        }
    }

    /**
     * An entry's rule for units a wallet grant gave on a line (EARNED) or took back (RETURNED):
     * {@code WALLET_GRANT_BASE - grant index} in the program version of the purchase.
     */
    public static final int WALLET_GRANT_BASE = -2;

    public static int walletGrantRule(int grant) {
        return WALLET_GRANT_BASE - grant;
    }

    public static int walletGrant(int rule) {
        return WALLET_GRANT_BASE - rule;
    }

    public Kind kind;
    public long memberId;
    /** The member's previous movement, as offset + 1; 0 for the first. */
    public long previous;
    public long sequence;
    public long occurredAtMillis;
    /** The change to the member's points: positive when earned, negative when taken. */
    public long points;
    /**
     * EARNED: how many of the points are pending. RETURNED: how many of the points the returned
     * lines earned had expired before the return (not taken again; {@link #points} is the rest).
     */
    public long pendingPoints;
    public long pendingUntilMillis;
    public long expiresAtMillis;
    /** RETURNED: the purchase's movement, as offset + 1. */
    public long related;
    /** RETURNED: the purchase's previous return, as offset + 1; 0 for the first. */
    public long relatedPrevious;
    /** EARNED: the program version (1-based) the purchase was judged by. */
    public int programVersion;
    public final StringBuilder eventId = new StringBuilder(MAX_EVENT_ID_CHARS);
    /** ADJUSTED, FORFEITED: who and why; empty otherwise. */
    public final StringBuilder admin = new StringBuilder(64);
    public final StringBuilder reason = new StringBuilder(256);
    /** The wallet's id; empty for the program's points. */
    public final StringBuilder wallet = new StringBuilder(64);
    /**
     * MERGED: the member merged in; its {@link #related} is that member's newest movement (offset
     * + 1), from where its history continues, and {@link #pendingPoints} its pending points.
     */
    public long otherMemberId;
    public int entryCount;
    public int[] entryRule = new int[64];
    public int[] entryLine = new int[64];
    public long[] entryPoints = new long[64];
    public int lineCount;
    public final long[] lineQuantity = new long[MAX_LINES];
    public final long[] linePoints = new long[MAX_LINES];
    public final long[] lineAmountMinor = new long[MAX_LINES];
    public final long[] lineQualifying = new long[MAX_LINES];
    /** A purchase's line amounts as its basket-level rules counted them (0: an excluded line); a return's shares. */
    public final long[] lineBasketAmount = new long[MAX_LINES];

    public Movement clear(Kind kind) {
        this.kind = kind;
        memberId = 0;
        previous = 0;
        sequence = 0;
        occurredAtMillis = 0;
        points = 0;
        pendingPoints = 0;
        pendingUntilMillis = 0;
        expiresAtMillis = 0;
        related = 0;
        relatedPrevious = 0;
        programVersion = 0;
        eventId.setLength(0);
        admin.setLength(0);
        reason.setLength(0);
        wallet.setLength(0);
        otherMemberId = 0;
        entryCount = 0;
        lineCount = 0;
        return this;
    }

    /** Makes this a TIER_CHANGED: the tiers are kept in {@link #related} and {@link #relatedPrevious}, which link nothing for this kind. */
    public Movement tierChange(int before, int after) {
        clear(Kind.TIER_CHANGED);
        related = before;
        relatedPrevious = after;
        return this;
    }

    /** TIER_CHANGED: the tier before. */
    public int tierBefore() {
        return (int) related;
    }

    /** TIER_CHANGED: the tier after. */
    public int tierAfter() {
        return (int) relatedPrevious;
    }

    /**
     * RETURNED: the member's debt and tier the return's receipt told, for a retry's receipt; kept in
     * {@link #pendingUntilMillis} and {@link #expiresAtMillis}, which tell nothing for this kind.
     */
    public Movement returnReceipt(long debtAfter, int tierAfter) {
        pendingUntilMillis = debtAfter;
        expiresAtMillis = tierAfter;
        return this;
    }

    /** RETURNED: the member's debt after the return, as its receipt told. */
    public long debtAfterReturn() {
        return pendingUntilMillis;
    }

    /** RETURNED: the member's tier after the return, as its receipt told. */
    public int tierAfterReturn() {
        return (int) expiresAtMillis;
    }

    /** Makes this an EXPIRING_SOON notice: {@code points} expire at {@code expiresAt}, kept in {@link #pendingPoints}. */
    public Movement expiringSoon(long points, long expiresAt) {
        clear(Kind.EXPIRING_SOON);
        pendingPoints = points;
        expiresAtMillis = expiresAt;
        return this;
    }

    /** EXPIRING_SOON: the points that expire at {@link #expiresAtMillis} unless spent first. */
    public long expiringPoints() {
        return pendingPoints;
    }

    /** Bytes of the id in UTF-8, each char on its own (a surrogate takes three bytes, as in CESU-8). */
    public static int utf8Length(CharSequence chars) {
        int bytes = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }

    /** Room for {@code count} entries; grows rarely (a program with many rules hit at once). */
    public void ensureEntries(int count) {
        if (count > entryRule.length) {
            int size = Math.max(count, 2 * entryRule.length);
            entryRule = java.util.Arrays.copyOf(entryRule, size);
            entryLine = java.util.Arrays.copyOf(entryLine, size);
            entryPoints = java.util.Arrays.copyOf(entryPoints, size);
        }
    }
}
