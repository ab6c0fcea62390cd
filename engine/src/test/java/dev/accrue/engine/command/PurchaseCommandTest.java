package dev.accrue.engine.command;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.rules.BaseEarnRule;
import dev.accrue.engine.rules.EarnRate;
import dev.accrue.engine.testing.BadInput;
import dev.accrue.engine.testing.TestData;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.MemberRef;
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

    /** Every way a purchase can be malformed, and the field its error must name. */
    static Stream<Arguments> badPurchases() {
        return BadInput.purchases();
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

    private static final String EMAIL_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void copyOfAMemberNamedByAnIdentityCarriesItsKindAndValue() {
        CommandSlot slot = new CommandSlot();
        for (var entry : Map.of(
                IdentityKind.CARD, byCard("CARD-9"),
                IdentityKind.ESHOP, byEshop("shopper-9"),
                IdentityKind.PHONE, byPhone("+420601999999"),
                IdentityKind.EMAIL_HASH, MemberRef.newBuilder().setEmailHash(EMAIL_HASH).build()).entrySet()) {
            slot.reset(CommandType.PURCHASE);
            slot.memberId = 123; // left over from an earlier use of the slot

            PurchaseCommand.copy(valid().setMember(entry.getValue()).build(), slot);

            assertEquals(0, slot.memberId, entry.getKey().toString());
            assertEquals(entry.getKey(), slot.memberIdentityKind);
            String expected = switch (entry.getKey()) {
                case CARD -> "CARD-9";
                case ESHOP -> "shopper-9";
                case PHONE -> "+420601999999";
                case EMAIL_HASH -> EMAIL_HASH;
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
