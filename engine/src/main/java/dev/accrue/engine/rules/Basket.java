package dev.accrue.engine.rules;

/**
 * The purchase an {@link EarnCalculator} evaluates: one reusable instance per thread, filled
 * field by field from the ring slot (the strings are the slot's decoded protobuf strings, not
 * copies). A basket without lines earns on {@link #totalMinor} as one line with no SKU or
 * category. Values are assumed validated (amounts 0 .. 1e14, quantities 1 .. 1e6).
 */
public final class Basket {
    /** Room for every line a purchase may carry (equal to {@code CommandSlot.MAX_LINE_ITEMS}). */
    public static final int MAX_LINES = 256;

    /** {@code CurrencyCode.pack} of the purchase's currency. */
    public int currency;
    public long occurredAtMillis;
    /** The {@code Channel} proto number. */
    public int channel;
    /** The {@code PaymentMethod} proto number (0 when not given). */
    public int paymentMethod;
    public CharSequence partnerId;
    public CharSequence storeId;
    /** The amount paid; used only when the basket has no lines. */
    public long totalMinor;
    public int lineCount;
    public final CharSequence[] lineSku = new CharSequence[MAX_LINES];
    /** A line's category; null when the purchase did not name one. */
    public final CharSequence[] lineCategory = new CharSequence[MAX_LINES];
    public final long[] lineQuantity = new long[MAX_LINES];
    public final long[] lineAmountMinor = new long[MAX_LINES];

    /** Appends a line; returns this for chaining. */
    public Basket addLine(CharSequence sku, CharSequence category, long quantity, long amountMinor) {
        lineSku[lineCount] = sku;
        lineCategory[lineCount] = category;
        lineQuantity[lineCount] = quantity;
        lineAmountMinor[lineCount] = amountMinor;
        lineCount++;
        return this;
    }

    /** Empties the basket and drops its references. */
    public void clear() {
        currency = 0;
        occurredAtMillis = 0;
        channel = 0;
        paymentMethod = 0;
        partnerId = null;
        storeId = null;
        totalMinor = 0;
        for (int i = 0; i < lineCount; i++) {
            lineSku[i] = null;
            lineCategory[i] = null;
        }
        lineCount = 0;
    }
}
