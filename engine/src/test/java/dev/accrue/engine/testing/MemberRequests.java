package dev.accrue.engine.testing;

import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import dev.accrue.loyalty.v1.GetMemberRequest;
import dev.accrue.loyalty.v1.Identity;
import dev.accrue.loyalty.v1.LinkIdentityRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MergeMembersRequest;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.SetMemberStatusRequest;
import dev.accrue.loyalty.v1.UnlinkIdentityRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import static dev.accrue.engine.testing.TestData.eventId;
import static dev.accrue.engine.testing.TestData.timestamp;

/**
 * Well-formed requests of the member calls (identities, statuses, adjustments, merges) for tests;
 * each test changes only what its scenario is about. Admin changes happen a day after the test
 * purchases, by one admin, for one reason.
 */
public final class MemberRequests {
    public static final Instant ADMIN_AT = TestData.OCCURRED_AT.plusSeconds(86_400);
    public static final String ADMIN = "admin-anna";
    public static final String REASON = "customer service ticket 4711";

    private MemberRequests() {
    }

    /** An e-mail as the API takes it: SHA-256 of the trimmed, lower-cased address, in lowercase hex. */
    public static String emailHash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static MemberRef byEmailHash(String hash) {
        return MemberRef.newBuilder().setEmailHash(hash).build();
    }

    public static Identity card(String card) {
        return Identity.newBuilder().setCardNumber(card).build();
    }

    public static Identity eshop(String eshopCustomerId) {
        return Identity.newBuilder().setEshopCustomerId(eshopCustomerId).build();
    }

    public static Identity phone(String phone) {
        return Identity.newBuilder().setPhone(phone).build();
    }

    public static Identity email(String hash) {
        return Identity.newBuilder().setEmailHash(hash).build();
    }

    public static GetMemberRequest getMember(MemberRef member) {
        return GetMemberRequest.newBuilder().setMember(member).build();
    }

    public static LinkIdentityRequest link(MemberRef member, Identity identity) {
        return LinkIdentityRequest.newBuilder().setEventId(eventId("link")).setMember(member)
                .setIdentity(identity).setOccurredAt(timestamp(ADMIN_AT)).build();
    }

    public static UnlinkIdentityRequest unlink(MemberRef member, Identity identity) {
        return UnlinkIdentityRequest.newBuilder().setEventId(eventId("unlink")).setMember(member)
                .setIdentity(identity).setOccurredAt(timestamp(ADMIN_AT)).build();
    }

    public static SetMemberStatusRequest status(MemberRef member, MemberStatus status) {
        return SetMemberStatusRequest.newBuilder().setEventId(eventId("status")).setMember(member)
                .setStatus(status).setOccurredAt(timestamp(ADMIN_AT)).setAdmin(ADMIN).setReason(REASON).build();
    }

    /** Credits ({@code points > 0}) or debits the member's points. */
    public static AdjustPointsRequest adjust(MemberRef member, long points) {
        return AdjustPointsRequest.newBuilder().setEventId(eventId("adjust")).setMember(member).setPoints(points)
                .setOccurredAt(timestamp(ADMIN_AT)).setAdmin(ADMIN).setReason(REASON).build();
    }

    /** Credits or debits one of the member's wallets. */
    public static AdjustPointsRequest adjust(MemberRef member, String wallet, long units) {
        return adjust(member, units).toBuilder().setWallet(wallet).build();
    }

    public static MergeMembersRequest merge(MemberRef survivor, MemberRef merged) {
        return MergeMembersRequest.newBuilder().setEventId(eventId("merge")).setSurvivor(survivor).setMerged(merged)
                .setOccurredAt(timestamp(ADMIN_AT)).setAdmin(ADMIN).setReason(REASON).build();
    }

    /** Spends the member's points (wallet empty) or a wallet's units. */
    public static RedeemRequest redeem(MemberRef member, long points) {
        return RedeemRequest.newBuilder().setEventId(eventId("redeem")).setMember(member).setPartnerId("partner-1")
                .setStoreId("store-7").setOccurredAt(timestamp(ADMIN_AT)).setPoints(points).build();
    }

    /** Holds points at a till now (engine time) for ten minutes; the hold is named by {@code holdId}. */
    public static HoldRequest hold(MemberRef member, String holdId, long points) {
        return HoldRequest.newBuilder().setEventId(holdId).setMember(member).setPartnerId("partner-1")
                .setStoreId("store-7").setOccurredAt(timestamp(Instant.now())).setPoints(points).setTtlSeconds(600)
                .build();
    }

    /** Captures all of a hold ({@code points} 0) or part of it. */
    public static CaptureRequest capture(MemberRef member, String holdId, long points) {
        return CaptureRequest.newBuilder().setEventId(eventId("capture")).setHoldId(holdId).setMember(member)
                .setOccurredAt(timestamp(Instant.now())).setPoints(points).build();
    }

    public static VoidHoldRequest voidHold(MemberRef member, String holdId) {
        return VoidHoldRequest.newBuilder().setEventId(eventId("void")).setHoldId(holdId).setMember(member)
                .setOccurredAt(timestamp(Instant.now())).build();
    }
}
