package dev.accrue.engine.rules;

import dev.accrue.engine.domain.Hash64;

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
    // Names travel with their Hash64.of, set together (at, addLine, category), so a lookup by
    // hash always matches the string it stands for.
    private CharSequence partnerId;
    private CharSequence storeId;
    private long partnerHash;
    private long storeHash;
    /** The amount paid; used only when the basket has no lines. */
    public long totalMinor;
    public int lineCount;
    private final CharSequence[] lineSku = new CharSequence[MAX_LINES];
    private final CharSequence[] lineCategory = new CharSequence[MAX_LINES];
    private final long[] lineSkuHash = new long[MAX_LINES];
    private final long[] lineCategoryHash = new long[MAX_LINES];
    public final long[] lineQuantity = new long[MAX_LINES];
    public final long[] lineAmountMinor = new long[MAX_LINES];

    /** Names the partner and store; returns this for chaining. */
    public Basket at(CharSequence partner, CharSequence store) {
        return at(partner, Hash64.of(partner), store, Hash64.of(store));
    }

    /** As {@link #at(CharSequence, CharSequence)}, with the ids' hashes computed before. */
    public Basket at(CharSequence partner, long partnerHash, CharSequence store, long storeHash) {
        this.partnerId = partner;
        this.partnerHash = partnerHash;
        this.storeId = store;
        this.storeHash = storeHash;
        return this;
    }

    /** Appends a line; returns this for chaining. */
    public Basket addLine(CharSequence sku, CharSequence category, long quantity, long amountMinor) {
        return addLine(sku, Hash64.of(sku), category, Hash64.of(category), quantity, amountMinor);
    }

    /** Appends a line whose SKU's and category's hashes were computed before. */
    public Basket addLine(CharSequence sku, long skuHash, CharSequence category, long categoryHash, long quantity,
                          long amountMinor) {
        lineSku[lineCount] = sku;
        lineSkuHash[lineCount] = skuHash;
        lineCategory[lineCount] = category;
        lineCategoryHash[lineCount] = categoryHash;
        lineQuantity[lineCount] = quantity;
        lineAmountMinor[lineCount] = amountMinor;
        lineCount++;
        return this;
    }

    /** Gives line {@code i} another category (null for none). */
    public Basket category(int i, CharSequence category) {
        lineCategory[i] = category;
        lineCategoryHash[i] = Hash64.of(category);
        return this;
    }

    public CharSequence partnerId() {
        return partnerId;
    }

    public long partnerHash() {
        return partnerHash;
    }

    public CharSequence storeId() {
        return storeId;
    }

    public long storeHash() {
        return storeHash;
    }

    public CharSequence sku(int i) {
        return lineSku[i];
    }

    public long skuHash(int i) {
        return lineSkuHash[i];
    }

    /** A line's category; null when the purchase did not name one. */
    public CharSequence category(int i) {
        return lineCategory[i];
    }

    public long categoryHash(int i) {
        return lineCategoryHash[i];
    }

    /** Empties the basket and drops its references. */
    public void clear() {
        currency = 0;
        occurredAtMillis = 0;
        channel = 0;
        paymentMethod = 0;
        at(null, 0, null, 0);
        totalMinor = 0;
        for (int i = 0; i < lineCount; i++) {
            lineSku[i] = null;
            lineCategory[i] = null;
        }
        lineCount = 0;
    }
}
