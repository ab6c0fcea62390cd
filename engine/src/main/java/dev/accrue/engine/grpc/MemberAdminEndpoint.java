package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.FieldRules;
import dev.accrue.engine.command.MemberRefs;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberAdminGrpcService;
import dev.accrue.loyalty.v1.SetTierFloorRequest;
import io.vertx.core.Completable;

/** The MemberAdmin service on one event loop: validate, copy into a ring slot, publish. */
public final class MemberAdminEndpoint extends MemberAdminGrpcService {
    static final int MAX_REASON_CHARS = 256;

    private final CommandPublisher publisher;
    private final ContextOutbox outbox;

    public MemberAdminEndpoint(CommandPublisher publisher, ContextOutbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    @Override
    protected void setTierFloor(SetTierFloorRequest request, Completable<Balance> response) {
        String error = FieldRules.requiredText("event_id", request.getEventId(), FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = MemberRefs.validate("member", request.hasMember(), request.getMember());
        }
        if (error == null && request.getTier() != 0) {
            error = FieldRules.timestamp("until", request.hasUntil(), request.getUntil());
        }
        if (error == null) {
            error = FieldRules.requiredText("admin", request.getAdmin(), FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("reason", request.getReason(), MAX_REASON_CHARS);
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.SET_TIER_FLOOR, slot -> {
            slot.eventId = request.getEventId();
            MemberRefs.copy(request.getMember(), slot);
            slot.tierFloor = request.getTier();
            slot.occurredAtMillis = request.hasUntil() ? FieldRules.toMillis(request.getUntil()) : 0;
            slot.admin = request.getAdmin();
            slot.reason = request.getReason();
        }, Replies::balance);
    }
}
