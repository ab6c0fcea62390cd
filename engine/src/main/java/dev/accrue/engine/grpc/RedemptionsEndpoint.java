package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.FieldRules;
import dev.accrue.engine.command.MemberRefs;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcService;
import io.vertx.core.Completable;

/** The Redemptions service on one event loop: validate, copy into a ring slot, publish. */
public final class RedemptionsEndpoint extends RedemptionsGrpcService {
    /** Far above any real redemption, far below overflow. */
    static final long MAX_POINTS = 1_000_000_000_000_000L;

    private final CommandPublisher publisher;
    private final ContextOutbox outbox;

    public RedemptionsEndpoint(CommandPublisher publisher, ContextOutbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    @Override
    protected void redeem(RedeemRequest request, Completable<RedemptionReceipt> response) {
        String error = FieldRules.requiredText("event_id", request.getEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = MemberRefs.validate("member", request.hasMember(), request.getMember());
        }
        if (error == null) {
            error = FieldRules.requiredText("partner_id", request.getPartnerId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("store_id", request.getStoreId(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", request.hasOccurredAt(), request.getOccurredAt());
        }
        if (error == null && (request.getPoints() < 1 || request.getPoints() > MAX_POINTS)) {
            error = "points must be 1 .. " + MAX_POINTS + ", not " + request.getPoints();
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.REDEEM, slot -> {
            slot.eventId = request.getEventId();
            MemberRefs.copy(request.getMember(), slot);
            slot.partnerId = request.getPartnerId();
            slot.storeId = request.getStoreId();
            slot.occurredAtMillis = FieldRules.toMillis(request.getOccurredAt());
            slot.totalMinor = request.getPoints();
        }, Replies::redemption);
    }
}
