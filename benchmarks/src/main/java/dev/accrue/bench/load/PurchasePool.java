package dev.accrue.bench.load;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;

import java.util.SplittableRandom;

/**
 * Purchases built before the run and reused, so the generator spends its CPU on calls rather than
 * on building messages. Each looks like a till's: a random member by id, one of 20 partners and
 * 500 stores, POS, EUR, two or three lines whose amounts add up to the total.
 *
 * <p>With fresh event ids, each purchase sent is a pooled one with a new event id stamped on it:
 * a shallow copy (strings and lines are shared), cheap next to encoding the call.
 */
final class PurchasePool {
    private static final String[] CATEGORIES = {"groceries", "drinks", "household", "bakery", "dairy", "frozen"};
    private static final PaymentMethod[] PAYMENTS = {PaymentMethod.PAYMENT_METHOD_CARD,
            PaymentMethod.PAYMENT_METHOD_CARD, PaymentMethod.PAYMENT_METHOD_CASH, PaymentMethod.PAYMENT_METHOD_MOBILE_WALLET};

    private final Purchase[] purchases;

    private PurchasePool(Purchase[] purchases) {
        this.purchases = purchases;
    }

    /** {@code size} purchases by members drawn from {@code memberIds}, with event ids {@code prefix + index}. */
    static PurchasePool build(int size, long[] memberIds, String prefix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long startSeconds = System.currentTimeMillis() / 1000 - 86_400;
        Purchase[] purchases = new Purchase[size];
        for (int i = 0; i < size; i++) {
            Purchase.Builder p = Purchase.newBuilder()
                    .setEventId(prefix + i)
                    .setMember(MemberRef.newBuilder().setMemberId(memberIds[random.nextInt(memberIds.length)]))
                    .setPartnerId(String.format("partner-%02d", random.nextInt(20)))
                    .setStoreId(String.format("store-%04d", random.nextInt(500)))
                    .setChannel(Channel.CHANNEL_POS)
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(startSeconds + i).setNanos(random.nextInt(1000) * 1_000_000))
                    .setCurrency("EUR")
                    .setPaymentMethod(PAYMENTS[random.nextInt(PAYMENTS.length)]);
            int lines = 2 + random.nextInt(2);
            long total = 0;
            for (int l = 0; l < lines; l++) {
                long quantity = 1 + random.nextInt(3);
                long amount = quantity * (49 + random.nextInt(2_000));
                total += amount;
                p.addLines(LineItem.newBuilder()
                        .setSku(String.format("SKU-%06d", random.nextInt(50_000)))
                        .setCategory(CATEGORIES[random.nextInt(CATEGORIES.length)])
                        .setQuantity(quantity)
                        .setAmountMinor(amount));
            }
            purchases[i] = p.setTotalMinor(total).build();
        }
        return new PurchasePool(purchases);
    }

    int size() {
        return purchases.length;
    }

    Purchase get(int index) {
        return purchases[index];
    }

    /** The pooled purchase at {@code index} with {@code eventId} in place of its own. */
    Purchase withEventId(int index, String eventId) {
        return purchases[index].toBuilder().setEventId(eventId).build();
    }
}
