package dev.accrue.engine.testing;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.command.PurchaseCommand;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.Purchase;
import org.junit.jupiter.params.provider.Arguments;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.accrue.engine.testing.MemberRequests.byEmailHash;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byEshop;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.repeat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The malformed requests every layer must refuse, shared by the validation unit tests and the gRPC
 * tests. The programs under test accept EUR and JPY but not SEK.
 */
public final class BadInput {
    private static final long MAX = PurchaseCommand.MAX_AMOUNT_MINOR;
    private static final String EMAIL_HASH = MemberRequests.emailHash("anna@example.com");

    private BadInput() {
    }

    private static LineItem.Builder line() {
        return LineItem.newBuilder().setSku("SKU").setQuantity(1).setAmountMinor(100);
    }

    private static Arguments badPurchase(String scenario, String field, UnaryOperator<Purchase.Builder> change) {
        return arguments(scenario, field, change);
    }

    /**
     * Every way a purchase can be malformed: (scenario, the field its error must name, the change that
     * breaks a valid purchase).
     */
    public static Stream<Arguments> purchases() {
        return Stream.of(
                badPurchase("missing event_id", "event_id", b -> b.clearEventId()),
                badPurchase("event_id of 129 characters", "event_id", b -> b.setEventId(repeat('e', 129))),
                badPurchase("event_id with a control character", "event_id", b -> b.setEventId("receipt\n1")),
                badPurchase("missing member", "member", b -> b.clearMember()),
                badPurchase("member naming nobody", "member", b -> b.setMember(MemberRef.getDefaultInstance())),
                badPurchase("member_id 0", "member.member_id", b -> b.setMember(byId(0))),
                badPurchase("member_id above 2^63", "member.member_id", b -> b.setMember(byId(-1))),
                badPurchase("empty card_number", "member.card_number", b -> b.setMember(byCard(""))),
                badPurchase("card_number of 65 characters", "member.card_number", b -> b.setMember(byCard(repeat('1', 65)))),
                badPurchase("empty eshop_customer_id", "member.eshop_customer_id", b -> b.setMember(byEshop(""))),
                badPurchase("phone without +", "member.phone", b -> b.setMember(byPhone("420601123456"))),
                badPurchase("phone starting with 0", "member.phone", b -> b.setMember(byPhone("+0601123456"))),
                badPurchase("phone of 6 digits", "member.phone", b -> b.setMember(byPhone("+123456"))),
                badPurchase("phone of 16 digits", "member.phone", b -> b.setMember(byPhone("+1234567890123456"))),
                badPurchase("phone with a letter", "member.phone", b -> b.setMember(byPhone("+42060112345a"))),
                badPurchase("phone with a space", "member.phone", b -> b.setMember(byPhone("+420 601123456"))),
                badPurchase("empty phone", "member.phone", b -> b.setMember(byPhone(""))),
                badPurchase("missing partner_id", "partner_id", b -> b.clearPartnerId()),
                badPurchase("partner_id of 65 characters", "partner_id", b -> b.setPartnerId(repeat('p', 65))),
                badPurchase("missing store_id", "store_id", b -> b.clearStoreId()),
                badPurchase("store_id of 65 characters", "store_id", b -> b.setStoreId(repeat('s', 65))),
                badPurchase("channel unspecified", "channel", b -> b.setChannel(Channel.CHANNEL_UNSPECIFIED)),
                badPurchase("channel unknown to this API version", "channel", b -> b.setChannelValue(42)),
                badPurchase("missing occurred_at", "occurred_at", b -> b.clearOccurredAt()),
                badPurchase("occurred_at before 1970", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(-1))),
                badPurchase("occurred_at after 9999", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(253_402_300_800L))),
                badPurchase("occurred_at with negative nanos", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(1).setNanos(-1))),
                badPurchase("occurred_at with a billion nanos", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(1).setNanos(1_000_000_000))),
                badPurchase("missing currency", "currency", b -> b.clearCurrency()),
                badPurchase("currency EURO", "currency", b -> b.setCurrency("EURO")),
                badPurchase("currency in lower case", "currency", b -> b.setCurrency("eur")),
                badPurchase("currency XXQ, not ISO 4217", "currency", b -> b.setCurrency("XXQ")),
                badPurchase("currency SEK, ISO but not accepted", "currency", b -> b.setCurrency("SEK")),
                badPurchase("negative total", "total_minor", b -> b.setTotalMinor(-1)),
                badPurchase("total above 1e14", "total_minor", b -> b.setTotalMinor(MAX + 1)),
                badPurchase("total of Long.MIN_VALUE", "total_minor", b -> b.setTotalMinor(Long.MIN_VALUE)),
                badPurchase("payment method unknown to this API version", "payment_method", b -> b.setPaymentMethodValue(99)),
                badPurchase("257 line items", "lines", b -> {
                    b.clearLines();
                    for (int i = 0; i < 257; i++) {
                        b.addLines(line());
                    }
                    return b;
                }),
                badPurchase("line without sku", "lines[0].sku", b -> b.setLines(0, line().clearSku())),
                badPurchase("line sku of 65 characters", "lines[0].sku", b -> b.setLines(0, line().setSku(repeat('k', 65)))),
                badPurchase("line category of 65 characters", "lines[0].category", b -> b.setLines(0, line().setCategory(repeat('c', 65)))),
                badPurchase("line with quantity 0", "lines[0].quantity", b -> b.setLines(0, line().setQuantity(0))),
                badPurchase("line with negative quantity", "lines[0].quantity", b -> b.setLines(0, line().setQuantity(-3))),
                badPurchase("line with quantity above a million", "lines[0].quantity", b -> b.setLines(0, line().setQuantity(1_000_001))),
                badPurchase("second line with a negative amount", "lines[1].amount_minor", b -> b.addLines(line().setAmountMinor(-1))),
                badPurchase("line amount above 1e14", "lines[0].amount_minor", b -> b.setLines(0, line().setAmountMinor(MAX + 1))));
    }

    private static Arguments badEnrolment(String scenario, String field, UnaryOperator<EnrolRequest.Builder> change) {
        return arguments(scenario, field, change);
    }

    /** Every way an enrolment can be malformed: (scenario, field, change), as for purchases. */
    public static Stream<Arguments> enrolments() {
        return Stream.of(
                badEnrolment("missing event_id", "event_id", EnrolRequest.Builder::clearEventId),
                badEnrolment("event_id of 129 characters", "event_id", b -> b.setEventId(repeat('e', 129))),
                badEnrolment("missing enrolled_at", "enrolled_at", EnrolRequest.Builder::clearEnrolledAt),
                badEnrolment("enrolled_at before 1970", "enrolled_at", b -> b.setEnrolledAt(Timestamp.newBuilder().setSeconds(-86_400))),
                badEnrolment("card_number of 65 characters", "card_number", b -> b.setCardNumber(repeat('1', 65))),
                badEnrolment("card_number with a control character", "card_number", b -> b.setCardNumber("CARD\u0000")),
                badEnrolment("eshop_customer_id of 65 characters", "eshop_customer_id", b -> b.setEshopCustomerId(repeat('x', 65))),
                badEnrolment("phone without +", "phone", b -> b.setPhone("00420601123456")),
                badEnrolment("phone of 6 digits", "phone", b -> b.setPhone("+420601")),
                badEnrolment("phone of 16 digits", "phone", b -> b.setPhone("+4206011234567890")),
                badEnrolment("phone starting with 0", "phone", b -> b.setPhone("+0420601123")),
                badEnrolment("phone with a dash", "phone", b -> b.setPhone("+420-601-123")),
                badEnrolment("phone of a + alone", "phone", b -> b.setPhone("+")),
                badEnrolment("birth_month 13", "birth_month", b -> b.setBirthMonth(13).setBirthDay(1)),
                badEnrolment("birth_day without birth_month", "birth_month", b -> b.setBirthDay(5)),
                badEnrolment("30 February", "birth_day", b -> b.setBirthMonth(2).setBirthDay(30)),
                badEnrolment("birth_day 0", "birth_day", b -> b.setBirthMonth(4).setBirthDay(0)),
                badEnrolment("email_hash of 65 digits", "email_hash", b -> b.setEmailHash(EMAIL_HASH + "0")),
                badEnrolment("email_hash with a letter past f", "email_hash", b -> b.setEmailHash(EMAIL_HASH.substring(1) + "g")),
                badEnrolment("email_hash in upper case", "email_hash", b -> b.setEmailHash(EMAIL_HASH.toUpperCase())));
    }

    /** Every way a member reference can be malformed: (scenario, field, reference). */
    public static Stream<Arguments> memberRefs() {
        return Stream.of(
                arguments("member naming nobody", "member", MemberRef.getDefaultInstance()),
                arguments("member_id 0", "member.member_id", byId(0)),
                arguments("member_id above 2^63", "member.member_id", byId(-1)),
                arguments("empty card_number", "member.card_number", byCard("")),
                arguments("card_number of 65 characters", "member.card_number", byCard(repeat('1', 65))),
                arguments("eshop_customer_id with a control character", "member.eshop_customer_id", byEshop("a\tb")),
                arguments("phone without +", "member.phone", byPhone("420601123456")),
                arguments("email_hash of 63 digits", "member.email_hash", byEmailHash(EMAIL_HASH.substring(1))),
                arguments("email_hash in upper case", "member.email_hash", byEmailHash(EMAIL_HASH.toUpperCase())),
                arguments("email_hash as the address", "member.email_hash", byEmailHash("anna@example.com")));
    }
}
