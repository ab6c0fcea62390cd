package dev.accrue.engine.command;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IsoCurrencies;
import dev.accrue.engine.rules.AcceptedCurrencies;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;

/** Validation of a {@link Purchase} and its translation into a ring slot. */
public final class PurchaseCommand {
    /** 1e14 minor units: a trillion euros, far above any receipt, far below overflow. */
    public static final long MAX_AMOUNT_MINOR = 100_000_000_000_000L;
    public static final long MAX_QUANTITY = 1_000_000;

    private PurchaseCommand() {
    }

    /** Null if the purchase is well-formed for the program, else the INVALID_ARGUMENT message. */
    public static String validate(Purchase p, AcceptedCurrencies earnRule) {
        String error = FieldRules.requiredText("event_id", p.getEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = MemberRefs.validate("member", p.hasMember(), p.getMember());
        }
        if (error == null) {
            error = FieldRules.requiredText("partner_id", p.getPartnerId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("store_id", p.getStoreId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null && (p.getChannel() == Channel.CHANNEL_UNSPECIFIED || p.getChannel() == Channel.UNRECOGNIZED)) {
            error = "channel is required (CHANNEL_POS or CHANNEL_ESHOP)";
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", p.hasOccurredAt(), p.getOccurredAt());
        }
        if (error == null) {
            error = currency(p.getCurrency(), earnRule);
        }
        if (error == null) {
            error = amount("total_minor", p.getTotalMinor());
        }
        if (error == null && p.getPaymentMethod() == PaymentMethod.UNRECOGNIZED) {
            error = "payment_method is not a known payment method";
        }
        if (error == null) {
            error = lines(p);
        }
        return error;
    }

    /** Copies a validated purchase into the slot (which the caller has reset). */
    public static void copy(Purchase p, CommandSlot slot) {
        slot.eventId = p.getEventId();
        MemberRefs.copy(p.getMember(), slot);
        slot.partnerId = p.getPartnerId();
        slot.storeId = p.getStoreId();
        slot.channel = p.getChannelValue();
        slot.occurredAtMillis = FieldRules.toMillis(p.getOccurredAt());
        slot.currency = CurrencyCode.pack(p.getCurrency());
        slot.totalMinor = p.getTotalMinor();
        slot.paymentMethod = p.getPaymentMethodValue();
        int count = p.getLinesCount();
        for (int i = 0; i < count; i++) {
            LineItem line = p.getLines(i);
            slot.lineSku[i] = line.getSku();
            slot.lineCategory[i] = line.getCategory();
            slot.lineQuantity[i] = line.getQuantity();
            slot.lineAmountMinor[i] = line.getAmountMinor();
        }
        slot.lineCount = count;
    }

    private static String currency(String code, AcceptedCurrencies earnRule) {
        int packed = CurrencyCode.pack(code);
        if (code.isEmpty()) {
            return "currency is required";
        }
        if (packed == CurrencyCode.INVALID || !IsoCurrencies.isKnown(packed)) {
            return "currency must be an ISO 4217 code such as EUR, not '" + code + "'";
        }
        if (!earnRule.accepts(packed)) {
            return "currency " + code + " is not accepted by the program (accepted: " + earnRule.describe() + ")";
        }
        return null;
    }

    private static String amount(String field, long value) {
        if (value < 0) {
            return field + " must not be negative";
        }
        if (value > MAX_AMOUNT_MINOR) {
            return field + " must be at most " + MAX_AMOUNT_MINOR;
        }
        return null;
    }

    private static String lines(Purchase p) {
        int count = p.getLinesCount();
        if (count > CommandSlot.MAX_LINE_ITEMS) {
            return "lines must hold at most " + CommandSlot.MAX_LINE_ITEMS + " items, not " + count;
        }
        for (int i = 0; i < count; i++) {
            LineItem line = p.getLines(i);
            // The field names are built only for an error: a valid purchase allocates nothing here.
            String error = FieldRules.requiredText("sku", line.getSku(), FieldRules.MAX_ID_CHARS);
            if (error == null) {
                error = FieldRules.optionalText("category", line.getCategory(), FieldRules.MAX_ID_CHARS);
            }
            if (error == null && (line.getQuantity() < 1 || line.getQuantity() > MAX_QUANTITY)) {
                error = "quantity must be between 1 and " + MAX_QUANTITY;
            }
            if (error == null) {
                error = amount("amount_minor", line.getAmountMinor());
            }
            if (error != null) {
                return "lines[" + i + "]." + error;
            }
        }
        return null;
    }
}
