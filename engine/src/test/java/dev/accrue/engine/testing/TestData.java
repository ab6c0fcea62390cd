package dev.accrue.engine.testing;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.RedeemRequest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Well-formed API messages for tests; each test changes only what its scenario is about. */
public final class TestData {
    public static final Instant OCCURRED_AT = Instant.parse("2026-03-14T10:15:30.250Z");
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    private TestData() {
    }

    /** A new, unique event id with the given prefix. */
    public static String eventId(String prefix) {
        return prefix + "-" + EVENT_IDS.incrementAndGet();
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static MemberRef byId(long memberId) {
        return MemberRef.newBuilder().setMemberId(memberId).build();
    }

    public static MemberRef byCard(String card) {
        return MemberRef.newBuilder().setCardNumber(card).build();
    }

    public static MemberRef byEshop(String eshopCustomerId) {
        return MemberRef.newBuilder().setEshopCustomerId(eshopCustomerId).build();
    }

    public static MemberRef byPhone(String phone) {
        return MemberRef.newBuilder().setPhone(phone).build();
    }

    /** A valid EUR purchase at a till, with one line for the whole total. */
    public static Purchase.Builder purchase(MemberRef member, long totalMinor) {
        return Purchase.newBuilder()
                .setEventId(eventId("purchase"))
                .setMember(member)
                .setPartnerId("partner-1")
                .setStoreId("store-7")
                .setChannel(Channel.CHANNEL_POS)
                .setOccurredAt(timestamp(OCCURRED_AT))
                .setCurrency("EUR")
                .setTotalMinor(totalMinor)
                .setPaymentMethod(PaymentMethod.PAYMENT_METHOD_CARD)
                .addLines(LineItem.newBuilder().setSku("SKU-1").setCategory("groceries")
                        .setQuantity(1).setAmountMinor(totalMinor));
    }

    /** A valid redemption at a till, a minute after {@link #OCCURRED_AT}. */
    public static RedeemRequest.Builder redeem(MemberRef member, long points) {
        return RedeemRequest.newBuilder()
                .setEventId(eventId("redeem"))
                .setMember(member)
                .setPartnerId("partner-1")
                .setStoreId("store-7")
                .setOccurredAt(timestamp(OCCURRED_AT.plusSeconds(60)))
                .setPoints(points);
    }

    /** A valid enrolment with no identities. */
    public static EnrolRequest.Builder enrol() {
        return EnrolRequest.newBuilder()
                .setEventId(eventId("enrol"))
                .setEnrolledAt(timestamp(Instant.parse("2026-01-02T03:04:05Z")));
    }

    public static EnrolRequest.Builder enrolWithCard(String card) {
        return enrol().setCardNumber(card);
    }

    public static GetBalanceRequest balance(MemberRef member) {
        return GetBalanceRequest.newBuilder().setMember(member).build();
    }

    /** A string of {@code n} copies of {@code c}. */
    public static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}
