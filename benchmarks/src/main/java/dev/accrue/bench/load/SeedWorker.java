package dev.accrue.bench.load;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.core.net.SocketAddress;

/**
 * Gives members {@code from .. to-1} (indexes into {@code memberIds}) points to spend before a
 * redemption run: one RecordPurchase each of {@code points} EUR at a till, a minute ago, which
 * earns at least that many points under a program of a point per euro (up to its caps). A few
 * calls in flight; not measured.
 */
final class SeedWorker extends LoadWorker {
    private final long[] memberIds;
    private final int to;
    private final int calls;
    private final String runNonce;
    private final long points;
    private final Timestamp occurredAt;
    private int next;
    private int inFlight;
    private PurchasesGrpcClient purchases;

    SeedWorker(LoadOptions options, RunWindow window, Progress progress, long[] memberIds, int from, int to,
               int calls, long points, String runNonce) {
        super(options, window, progress);
        this.memberIds = memberIds;
        this.next = from;
        this.to = to;
        this.calls = calls;
        this.points = points;
        this.runNonce = runNonce;
        this.occurredAt = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000 - 60).build();
    }

    @Override
    void begin() {
        purchases = PurchasesGrpcClient.create(client, SocketAddress.inetSocketAddress(options.port, options.host));
        for (int i = 0; i < calls && next < to; i++) {
            send();
        }
        if (inFlight == 0) {
            finish();
        }
    }

    @Override
    int inFlight() {
        return inFlight;
    }

    private void send() {
        int index = next++;
        long totalMinor = points * 100;
        Purchase purchase = Purchase.newBuilder()
                .setEventId("ld-seed-" + runNonce + "-" + index)
                .setMember(MemberRef.newBuilder().setMemberId(memberIds[index]))
                .setPartnerId("partner-00")
                .setStoreId("store-0000")
                .setChannel(Channel.CHANNEL_POS)
                .setOccurredAt(occurredAt)
                .setCurrency("EUR")
                .setTotalMinor(totalMinor)
                .setPaymentMethod(PaymentMethod.PAYMENT_METHOD_CARD)
                .addLines(LineItem.newBuilder().setSku("SEED-1").setCategory("household").setQuantity(1)
                        .setAmountMinor(totalMinor))
                .build();
        inFlight++;
        long sentAt = System.nanoTime();
        purchases.recordPurchase(purchase).onComplete((receipt, failure) -> {
            inFlight--;
            if (finished()) {
                return;
            }
            if (failure == null) {
                progress.ok.increment();
                stats.okMeasured++;
                stats.answeredMeasured++;
                stats.recordLatency(System.nanoTime() - sentAt);
            } else {
                progress.errors.increment();
                stats.error(GrpcErrors.statusOf(failure));
                stats.answeredMeasured++;
            }
            if (next < to && window.sending(System.nanoTime())) {
                send();
            } else if (inFlight == 0) {
                finish();
            }
        });
    }
}
