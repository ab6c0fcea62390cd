package dev.accrue.bench.load;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import io.vertx.core.net.SocketAddress;

/**
 * Enrols members {@code from .. to-1} (indexes into {@code memberIds}) through Members.Enrol, a
 * few calls in flight, and keeps the id the engine assigns to each. Each member gets a card number
 * and an e-shop id, unique to the run, so enrolment also exercises the identity store.
 */
final class EnrolWorker extends LoadWorker {
    private final long[] memberIds;
    private final int to;
    private final int calls;
    private final String runNonce;
    private final Timestamp enrolledAt;
    private int next;
    private int inFlight;
    private MembersGrpcClient members;

    EnrolWorker(LoadOptions options, RunWindow window, Progress progress, long[] memberIds, int from, int to,
                int calls, String runNonce) {
        super(options, window, progress);
        this.memberIds = memberIds;
        this.next = from;
        this.to = to;
        this.calls = calls;
        this.runNonce = runNonce;
        this.enrolledAt = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000 - 30 * 86_400).build();
    }

    @Override
    void begin() {
        members = MembersGrpcClient.create(client, SocketAddress.inetSocketAddress(options.port, options.host));
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
        EnrolRequest request = EnrolRequest.newBuilder()
                .setEventId("ld-enrol-" + runNonce + "-" + index)
                .setEnrolledAt(enrolledAt)
                .setCardNumber("LC-" + runNonce + "-" + index)
                .setEshopCustomerId("shop-" + runNonce + "-" + index)
                .build();
        inFlight++;
        long sentAt = System.nanoTime();
        members.enrol(request).onComplete((reply, failure) -> {
            inFlight--;
            if (finished()) {
                return;
            }
            if (failure == null) {
                memberIds[index] = reply.getMemberId();
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
