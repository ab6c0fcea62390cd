package dev.accrue.engine.command;

import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.ResultCode;

/**
 * One preallocated ring slot. Producers (gRPC threads) copy a validated command into it, the
 * business-logic thread writes the result fields, the reply stage hands it to {@link #reply}.
 * Fields are primitives or references to already-decoded strings: filling a slot allocates nothing.
 */
public final class CommandSlot {
    /** The most line items a purchase may carry; the slot keeps room for all of them. */
    public static final int MAX_LINE_ITEMS = 256;

    // ---- command, written by the producer
    public CommandType type;
    /** The caller's event id: the decoded protobuf string, or any char sequence (benchmarks, replay). */
    public CharSequence eventId;
    /** The member by id, or 0 when named by {@link #memberIdentityKind} and {@link #memberIdentity}. */
    public long memberId;
    public IdentityKind memberIdentityKind;
    public String memberIdentity;
    public String partnerId;
    public String storeId;
    public int channel;
    public long occurredAtMillis;
    public int currency;
    public long totalMinor;
    public int paymentMethod;
    public int lineCount;
    public final String[] lineSku = new String[MAX_LINE_ITEMS];
    public final String[] lineCategory = new String[MAX_LINE_ITEMS];
    /**
     * PURCHASE: {@code Hash64.of} each name, computed once per command with the fingerprint (see
     * {@link CommandFingerprint#stamp}) and reused by the rules' lookups.
     */
    public long partnerHash;
    public long storeHash;
    public final long[] lineSkuHash = new long[MAX_LINE_ITEMS];
    public final long[] lineCategoryHash = new long[MAX_LINE_ITEMS];
    public final long[] lineQuantity = new long[MAX_LINE_ITEMS];
    public final long[] lineAmountMinor = new long[MAX_LINE_ITEMS];
    /** RETURN: the purchase's event id; its lines as (returnLine[k], lineQuantity[k]) for k < lineCount. */
    public String returnOf;
    public final int[] returnLine = new int[MAX_LINE_ITEMS];
    /** CAPTURE, VOID_HOLD: the hold's event id. HOLD: its time to live. */
    public String holdId;
    public int holdTtlSeconds;
    /** HOLD, VOID_HOLD: the hold's points now and its end. */
    public long holdPointsHeld;
    public long holdExpiresAt;
    /** SET_TIER_FLOOR: the tier, until {@link #occurredAtMillis}; who and why (partnerId, storeId hold neither). */
    public int tierFloor;
    public String admin;
    public String reason;
    /** GET_HISTORY: the page wanted (a token a previous page gave; empty = newest) and its size. */
    public String historyToken;
    public int historyPageSize;
    /** GET_HISTORY: the reply message, built by the business-logic thread (a query, not the hot path). */
    public Object replyMessage;
    /** PROGRAM_CHANGE: the program message, serialized; effective from {@link #occurredAtMillis}. */
    public byte[] programBytes;
    /** Enrolment: identities to link, null when not given. */
    public String enrolCard;
    public String enrolEshop;
    public String enrolPhone;
    /** Enrolment: month * 100 + day, or 0 when not given. */
    public int enrolBirthday;
    public String enrolEmailHash;
    /** LINK_IDENTITY, UNLINK_IDENTITY: the identity. */
    public IdentityKind identityKind;
    public String identity;
    /** MERGE_MEMBERS: the member merged into the slot's member, named as {@link #memberId} etc. are. */
    public long otherMemberId;
    public IdentityKind otherIdentityKind;
    public String otherIdentity;
    /** SET_MEMBER_STATUS: a {@code MemberRecord.STATUS_*}. */
    public int memberStatus;
    /** ADJUST_POINTS, REDEEM, HOLD: the wallet's id, null for the program's points. */
    public String wallet;
    /** GET_AUDIT_LOG: where the page starts (a log offset) and its size. */
    public long auditFrom;
    public int auditPageSize;

    // ---- result, written by the business-logic thread
    public ResultCode result;
    /** Content hash of an idempotent command (see CommandFingerprint). */
    public long fingerprint;
    /** Whether {@link #fingerprint} (and the names' hashes) are already computed: stamped before publishing. */
    public boolean fingerprinted;
    /** The event id's two hashes, computed once per command (see {@link CommandFingerprint#stamp}). */
    public long eventIdKey;
    public long eventIdCheck;
    /** Whether {@link #eventIdKey} and {@link #eventIdCheck} are already the event id's, hashed ahead of the command. */
    public boolean eventIdHashed;
    /** The command repeated an applied event: the result is the original reply. */
    public boolean retry;
    /** PROGRAM_CHANGE: the version the program got. */
    public long programVersion;
    /** STATE_DIGEST: the digest of all member records. */
    public long digest;
    public long sequence;
    public long resultMemberId;
    public long pointsEarned;
    public long available;
    public long pending;
    public long lifetimeEarned;
    public long lifetimeRedeemed;
    public long lifetimeExpired;
    public int tier;
    public long lastSequence;
    /** Balance queries: points that expire at or before {@link #expiringBefore}; debt from returns. */
    public long expiringBefore;
    public long expiringPoints;
    public long debt;
    public long lifetimeAdjusted;
    /** The member's status (a {@code MemberRecord.STATUS_*}) and its wallets other than the points. */
    public int resultStatus;
    public int walletCount;
    public final String[] walletIds = new String[dev.accrue.engine.domain.MemberRecord.MAX_WALLETS];
    public final long[] walletBalances = new long[dev.accrue.engine.domain.MemberRecord.MAX_WALLETS];
    /**
     * PURCHASE: the points by rule that gave them, for the receipt ({@link #earnedByRuleCount}
     * entries; rule ids are the program's own strings). Grows, rarely, for a purchase that hits
     * more rules than any before.
     */
    public int earnedByRuleCount;
    public String[] earnedByRuleId = new String[16];
    public long[] earnedByRulePoints = new long[16];

    // ---- where the result goes
    public ReplyTarget reply;
    /** The target's own index for this slot (position in a batch). */
    public int replyIndex;

    /** The member's units in {@code wallet} as the result says (0 if it holds none). */
    public long walletBalance(String wallet) {
        for (int i = 0; i < walletCount; i++) {
            if (wallet.equals(walletIds[i])) {
                return walletBalances[i];
            }
        }
        return 0;
    }

    /** Adds {@code points} to the receipt's entry for rule {@code ruleId}. */
    public void earnedByRule(String ruleId, long points) {
        for (int i = 0; i < earnedByRuleCount; i++) {
            if (earnedByRuleId[i] == ruleId) {
                earnedByRulePoints[i] += points;
                return;
            }
        }
        if (earnedByRuleCount == earnedByRuleId.length) {
            earnedByRuleId = java.util.Arrays.copyOf(earnedByRuleId, 2 * earnedByRuleCount);
            earnedByRulePoints = java.util.Arrays.copyOf(earnedByRulePoints, 2 * earnedByRuleCount);
        }
        earnedByRuleId[earnedByRuleCount] = ruleId;
        earnedByRulePoints[earnedByRuleCount++] = points;
    }

    /**
     * Drops the references to the command's objects (decoded strings, reply target) once the
     * command is answered. Slots live in the old generation; holding a request's objects until the
     * ring wraps would keep them alive through young collections and promote every request's
     * garbage. Primitives stay: they cost the collector nothing.
     */
    public void release() {
        eventId = null;
        memberIdentity = null;
        partnerId = null;
        storeId = null;
        for (int i = 0; i < lineCount; i++) {
            lineSku[i] = null;
            lineCategory[i] = null;
        }
        enrolCard = null;
        enrolEshop = null;
        enrolPhone = null;
        enrolEmailHash = null;
        identity = null;
        otherIdentity = null;
        wallet = null;
        programBytes = null;
        returnOf = null;
        holdId = null;
        historyToken = null;
        replyMessage = null;
        admin = null;
        reason = null;
        reply = null;
    }

    /** Clears the command and result so nothing leaks from the slot's previous use. */
    public void reset(CommandType type) {
        this.type = type;
        eventId = null;
        memberId = 0;
        memberIdentityKind = null;
        memberIdentity = null;
        partnerId = null;
        storeId = null;
        partnerHash = 0;
        storeHash = 0;
        channel = 0;
        occurredAtMillis = 0;
        currency = 0;
        totalMinor = 0;
        paymentMethod = 0;
        for (int i = 0; i < lineCount; i++) {
            lineSku[i] = null;
            lineCategory[i] = null;
        }
        lineCount = 0;
        enrolCard = null;
        enrolEshop = null;
        enrolPhone = null;
        enrolBirthday = 0;
        enrolEmailHash = null;
        identityKind = null;
        identity = null;
        otherMemberId = 0;
        otherIdentityKind = null;
        otherIdentity = null;
        memberStatus = 0;
        wallet = null;
        auditFrom = 0;
        auditPageSize = 0;
        programBytes = null;
        programVersion = 0;
        returnOf = null;
        holdId = null;
        holdTtlSeconds = 0;
        holdPointsHeld = 0;
        holdExpiresAt = 0;
        tierFloor = 0;
        admin = null;
        reason = null;
        historyToken = null;
        historyPageSize = 0;
        replyMessage = null;
        result = null;
        fingerprint = 0;
        fingerprinted = false;
        eventIdKey = 0;
        eventIdCheck = 0;
        eventIdHashed = false;
        retry = false;
        digest = 0;
        sequence = 0;
        resultMemberId = 0;
        pointsEarned = 0;
        available = 0;
        pending = 0;
        lifetimeEarned = 0;
        lifetimeRedeemed = 0;
        lifetimeExpired = 0;
        tier = 0;
        lastSequence = 0;
        expiringBefore = 0;
        expiringPoints = 0;
        debt = 0;
        lifetimeAdjusted = 0;
        resultStatus = 0;
        walletCount = 0;
        earnedByRuleCount = 0;
        reply = null;
        replyIndex = 0;
    }
}
