package dev.accrue.engine.command;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.rules.BaseEarnRule;
import dev.accrue.engine.rules.EarnRate;
import dev.accrue.engine.testing.TestData;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byEshop;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PurchaseCommandTest {
    /** A program that takes euros and yen, not Swedish crowns. */
    static final BaseEarnRule EARN = new BaseEarnRule(Map.of("EUR", new EarnRate(1, 100), "JPY", new EarnRate(1, 100)));
    static final long MAX = PurchaseCommand.MAX_AMOUNT_MINOR;

    static Purchase.Builder valid() {
        return TestData.purchase(byId(7), 12_345);
    }

    private static LineItem.Builder line() {
        return LineItem.newBuilder().setSku("SKU").setQuantity(1).setAmountMinor(100);
    }

    private static Arguments bad(String scenario, String field, UnaryOperator<Purchase.Builder> change) {
        return arguments(scenario, field, change);
    }

    /** Every way a purchase can be malformed, and the field its error must name. */
    static Stream<Arguments> badPurchases() {
        return Stream.of(
                bad("missing event_id", "event_id", b -> b.clearEventId()),
                bad("event_id of 129 characters", "event_id", b -> b.setEventId(repeat('e', 129))),
                bad("event_id with a control character", "event_id", b -> b.setEventId("receipt\n1")),
                bad("missing member", "member", b -> b.clearMember()),
                bad("member naming nobody", "member", b -> b.setMember(MemberRef.getDefaultInstance())),
                bad("member_id 0", "member.member_id", b -> b.setMember(byId(0))),
                bad("member_id above 2^63", "member.member_id", b -> b.setMember(byId(-1))),
                bad("empty card_number", "member.card_number", b -> b.setMember(byCard(""))),
                bad("card_number of 65 characters", "member.card_number", b -> b.setMember(byCard(repeat('1', 65)))),
                bad("empty eshop_customer_id", "member.eshop_customer_id", b -> b.setMember(byEshop(""))),
                bad("phone without +", "member.phone", b -> b.setMember(byPhone("420601123456"))),
                bad("phone starting with 0", "member.phone", b -> b.setMember(byPhone("+0601123456"))),
                bad("phone of 6 digits", "member.phone", b -> b.setMember(byPhone("+123456"))),
                bad("phone of 16 digits", "member.phone", b -> b.setMember(byPhone("+1234567890123456"))),
                bad("phone with a letter", "member.phone", b -> b.setMember(byPhone("+42060112345a"))),
                bad("phone with a space", "member.phone", b -> b.setMember(byPhone("+420 601123456"))),
                bad("empty phone", "member.phone", b -> b.setMember(byPhone(""))),
                bad("missing partner_id", "partner_id", b -> b.clearPartnerId()),
                bad("partner_id of 65 characters", "partner_id", b -> b.setPartnerId(repeat('p', 65))),
                bad("missing store_id", "store_id", b -> b.clearStoreId()),
                bad("store_id of 65 characters", "store_id", b -> b.setStoreId(repeat('s', 65))),
                bad("channel unspecified", "channel", b -> b.setChannel(Channel.CHANNEL_UNSPECIFIED)),
                bad("channel unknown to this API version", "channel", b -> b.setChannelValue(42)),
                bad("missing occurred_at", "occurred_at", b -> b.clearOccurredAt()),
                bad("occurred_at before 1970", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(-1))),
                bad("occurred_at after 9999", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(253_402_300_800L))),
                bad("occurred_at with negative nanos", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(1).setNanos(-1))),
                bad("occurred_at with a billion nanos", "occurred_at", b -> b.setOccurredAt(Timestamp.newBuilder().setSeconds(1).setNanos(1_000_000_000))),
                bad("missing currency", "currency", b -> b.clearCurrency()),
                bad("currency EURO", "currency", b -> b.setCurrency("EURO")),
                bad("currency in lower case", "currency", b -> b.setCurrency("eur")),
                bad("currency XXQ, not ISO 4217", "currency", b -> b.setCurrency("XXQ")),
                bad("currency SEK, ISO but not accepted", "currency", b -> b.setCurrency("SEK")),
                bad("negative total", "total_minor", b -> b.setTotalMinor(-1)),
                bad("total above 1e14", "total_minor", b -> b.setTotalMinor(MAX + 1)),
                bad("total of Long.MIN_VALUE", "total_minor", b -> b.setTotalMinor(Long.MIN_VALUE)),
                bad("payment method unknown to this API version", "payment_method", b -> b.setPaymentMethodValue(99)),
                bad("257 line items", "lines", b -> {
                    b.clearLines();
                    for (int i = 0; i < 257; i++) {
                        b.addLines(line());
                    }
                    return b;
                }),
                bad("line without sku", "lines[0].sku", b -> b.setLines(0, line().clearSku())),
                bad("line sku of 65 characters", "lines[0].sku", b -> b.setLines(0, line().setSku(repeat('k', 65)))),
                bad("line category of 65 characters", "lines[0].category", b -> b.setLines(0, line().setCategory(repeat('c', 65)))),
                bad("line with quantity 0", "lines[0].quantity", b -> b.setLines(0, line().setQuantity(0))),
                bad("line with negative quantity", "lines[0].quantity", b -> b.setLines(0, line().setQuantity(-3))),
                bad("line with quantity above a million", "lines[0].quantity", b -> b.setLines(0, line().setQuantity(1_000_001))),
                bad("second line with a negative amount", "lines[1].amount_minor", b -> b.addLines(line().setAmountMinor(-1))),
                bad("line amount above 1e14", "lines[0].amount_minor", b -> b.setLines(0, line().setAmountMinor(MAX + 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPurchases")
    void aBadPurchaseIsRefusedNamingTheField(String scenario, String field, UnaryOperator<Purchase.Builder> change) {
        String error = PurchaseCommand.validate(change.apply(valid()).build(), EARN);

        assertTrue(error != null && error.startsWith(field + " "), () -> scenario + ": expected an error naming "
                + field + ", got " + error);
    }

    @Test
    void unacceptedCurrencyErrorSaysItIsNotAccepted() {
        String error = PurchaseCommand.validate(valid().setCurrency("SEK").build(), EARN);

        assertTrue(error.contains("not accepted"), error);
        assertTrue(error.contains("EUR") && error.contains("JPY"), "lists what is accepted: " + error);
    }

    @Test
    void nonIsoCurrencyErrorQuotesTheCode() {
        String error = PurchaseCommand.validate(valid().setCurrency("XXQ").build(), EARN);

        assertTrue(error.contains("ISO 4217") && error.contains("'XXQ'"), error);
    }

    @Test
    void aWellFormedPurchaseIsValid() {
        assertNull(PurchaseCommand.validate(valid().build(), EARN));
    }

    static Stream<Arguments> validBoundaries() {
        return Stream.of(
                arguments("event_id of 128 characters", (UnaryOperator<Purchase.Builder>) b -> b.setEventId(repeat('e', 128))),
                arguments("zero total", (UnaryOperator<Purchase.Builder>) b -> b.setTotalMinor(0)),
                arguments("total of exactly 1e14", (UnaryOperator<Purchase.Builder>) b -> b.setTotalMinor(MAX)),
                arguments("no lines", (UnaryOperator<Purchase.Builder>) Purchase.Builder::clearLines),
                arguments("256 lines", (UnaryOperator<Purchase.Builder>) b -> {
                    b.clearLines();
                    for (int i = 0; i < 256; i++) {
                        b.addLines(line());
                    }
                    return b;
                }),
                arguments("quantity of a million", (UnaryOperator<Purchase.Builder>) b -> b.setLines(0, line().setQuantity(1_000_000))),
                arguments("line amount zero", (UnaryOperator<Purchase.Builder>) b -> b.setLines(0, line().setAmountMinor(0))),
                arguments("no payment method", (UnaryOperator<Purchase.Builder>) Purchase.Builder::clearPaymentMethod),
                arguments("e-shop channel", (UnaryOperator<Purchase.Builder>) b -> b.setChannel(Channel.CHANNEL_ESHOP)),
                arguments("yen", (UnaryOperator<Purchase.Builder>) b -> b.setCurrency("JPY")),
                arguments("occurred_at at the epoch", (UnaryOperator<Purchase.Builder>) b -> b.setOccurredAt(Timestamp.getDefaultInstance())),
                arguments("occurred_at at the last instant of 9999", (UnaryOperator<Purchase.Builder>) b -> b.setOccurredAt(
                        Timestamp.newBuilder().setSeconds(253_402_300_799L).setNanos(999_999_999))),
                arguments("phone of 7 digits", (UnaryOperator<Purchase.Builder>) b -> b.setMember(byPhone("+4201234"))),
                arguments("phone of 15 digits", (UnaryOperator<Purchase.Builder>) b -> b.setMember(byPhone("+420123456789012"))),
                arguments("card of 64 characters", (UnaryOperator<Purchase.Builder>) b -> b.setMember(byCard(repeat('9', 64)))),
                arguments("largest member id", (UnaryOperator<Purchase.Builder>) b -> b.setMember(byId(Long.MAX_VALUE))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validBoundaries")
    void purchasesAtTheLimitsAreValid(String scenario, UnaryOperator<Purchase.Builder> change) {
        assertNull(PurchaseCommand.validate(change.apply(valid()).build(), EARN), scenario);
    }

    @Test
    void copyFillsTheSlotWithEveryField() {
        Purchase purchase = valid()
                .setEventId("till-3/receipt-88")
                .setMember(byId(42))
                .setChannel(Channel.CHANNEL_ESHOP)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(1_773_483_330L).setNanos(250_999_999))
                .setCurrency("JPY")
                .setTotalMinor(5_400)
                .setPaymentMethod(PaymentMethod.PAYMENT_METHOD_MOBILE_WALLET)
                .clearLines()
                .addLines(LineItem.newBuilder().setSku("A").setCategory("fruit").setQuantity(3).setAmountMinor(900))
                .addLines(LineItem.newBuilder().setSku("B").setQuantity(1).setAmountMinor(4_500))
                .build();
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.PURCHASE);

        PurchaseCommand.copy(purchase, slot);

        assertEquals(CommandType.PURCHASE, slot.type);
        assertEquals("till-3/receipt-88", slot.eventId);
        assertEquals(42, slot.memberId);
        assertNull(slot.memberIdentityKind);
        assertNull(slot.memberIdentity);
        assertEquals("partner-1", slot.partnerId);
        assertEquals("store-7", slot.storeId);
        assertEquals(Channel.CHANNEL_ESHOP_VALUE, slot.channel);
        assertEquals(1_773_483_330_250L, slot.occurredAtMillis, "milliseconds, nanos truncated");
        assertEquals(CurrencyCode.pack("JPY"), slot.currency);
        assertEquals(5_400, slot.totalMinor);
        assertEquals(PaymentMethod.PAYMENT_METHOD_MOBILE_WALLET_VALUE, slot.paymentMethod);
        assertEquals(2, slot.lineCount);
        assertEquals("A", slot.lineSku[0]);
        assertEquals("fruit", slot.lineCategory[0]);
        assertEquals(3, slot.lineQuantity[0]);
        assertEquals(900, slot.lineAmountMinor[0]);
        assertEquals("B", slot.lineSku[1]);
        assertEquals("", slot.lineCategory[1]);
        assertEquals(1, slot.lineQuantity[1]);
        assertEquals(4_500, slot.lineAmountMinor[1]);
    }

    @Test
    void copyOfAMemberNamedByAnIdentityCarriesItsKindAndValue() {
        CommandSlot slot = new CommandSlot();
        for (var entry : Map.of(
                IdentityKind.CARD, byCard("CARD-9"),
                IdentityKind.ESHOP, byEshop("shopper-9"),
                IdentityKind.PHONE, byPhone("+420601999999")).entrySet()) {
            slot.reset(CommandType.PURCHASE);
            slot.memberId = 123; // left over from an earlier use of the slot

            PurchaseCommand.copy(valid().setMember(entry.getValue()).build(), slot);

            assertEquals(0, slot.memberId, entry.getKey().toString());
            assertEquals(entry.getKey(), slot.memberIdentityKind);
            String expected = switch (entry.getKey()) {
                case CARD -> "CARD-9";
                case ESHOP -> "shopper-9";
                case PHONE -> "+420601999999";
            };
            assertEquals(expected, slot.memberIdentity);
        }
    }

    @Test
    void aReusedSlotKeepsNothingFromItsPreviousPurchase() {
        CommandSlot slot = new CommandSlot();
        Purchase.Builder big = valid().setMember(byCard("OLD")).clearLines();
        for (int i = 0; i < 5; i++) {
            big.addLines(line().setSku("OLD-" + i).setCategory("old"));
        }
        slot.reset(CommandType.PURCHASE);
        PurchaseCommand.copy(big.build(), slot);
        slot.result = dev.accrue.engine.domain.ResultCode.OK;
        slot.pointsEarned = 77;

        slot.reset(CommandType.PURCHASE);
        PurchaseCommand.copy(valid().setMember(byId(5)).build(), slot);

        assertEquals(1, slot.lineCount);
        assertEquals("SKU-1", slot.lineSku[0]);
        for (int i = 1; i < 5; i++) {
            assertNull(slot.lineSku[i], "line " + i);
            assertNull(slot.lineCategory[i], "line " + i);
        }
        assertNull(slot.memberIdentityKind);
        assertNull(slot.memberIdentity);
        assertNull(slot.result);
        assertEquals(0, slot.pointsEarned);
    }
}
