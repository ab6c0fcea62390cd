package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.FieldRules;
import dev.accrue.engine.command.MemberRefs;
import dev.accrue.engine.pipeline.CommandPublisher;
import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.CaptureRequest;
import dev.accrue.loyalty.v1.HoldReceipt;
import dev.accrue.loyalty.v1.HoldRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.VoidHoldRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcService;
import io.vertx.core.Completable;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/** The Redemptions service on one event loop: validate, copy into ring slots, publish. */
public final class RedemptionsEndpoint extends RedemptionsGrpcService {
    /** Far above any real redemption, far below overflow. */
    static final long MAX_POINTS = 1_000_000_000_000_000L;
    /** A hold covers a sale at a till: a day at most. */
    static final int MAX_TTL_SECONDS = 86_400;

    private final CommandPublisher publisher;
    private final int streamWindowEvents;
    private final ContextOutbox outbox;

    public RedemptionsEndpoint(CommandPublisher publisher, int streamWindowEvents, ContextOutbox outbox) {
        this.publisher = publisher;
        this.streamWindowEvents = streamWindowEvents;
        this.outbox = outbox;
    }

    @Override
    protected void redeem(RedeemRequest request, Completable<RedemptionReceipt> response) {
        RingCall.submit(publisher, outbox, response, validate(request), CommandType.REDEEM,
                slot -> copy(request, slot), Replies::redemption);
    }

    @Override
    protected void redeemStream(ReadStream<RedeemBatch> batches, WriteStream<RedeemBatchAck> acks) {
        new BatchStream<>(outbox, publisher, RedeemBatches.INSTANCE, batches, acks, streamWindowEvents).start();
    }

    /** A message naming the redemption's first bad field, or null; Redeem and RedeemStream alike. */
    static String validate(RedeemRequest request) {
        String error = common(request.getEventId(), request.hasMember(), request.getMember(), request.getPartnerId(),
                request.getStoreId(), request.hasOccurredAt(), request.getOccurredAt());
        if (error == null) {
            error = points(request.getPoints(), 1);
        }
        if (error == null) {
            error = FieldRules.optionalText("wallet", request.getWallet(), FieldRules.MAX_ID_CHARS);
        }
        return error;
    }

    /** Copies a valid redemption into a slot reset to REDEEM. */
    static void copy(RedeemRequest request, CommandSlot slot) {
        slot.eventId = request.getEventId();
        MemberRefs.copy(request.getMember(), slot);
        slot.partnerId = request.getPartnerId();
        slot.storeId = request.getStoreId();
        slot.occurredAtMillis = FieldRules.toMillis(request.getOccurredAt());
        slot.totalMinor = request.getPoints();
        slot.wallet = request.getWallet().isEmpty() ? null : request.getWallet();
    }

    @Override
    protected void hold(HoldRequest request, Completable<HoldReceipt> response) {
        String error = common(request.getEventId(), request.hasMember(), request.getMember(), request.getPartnerId(),
                request.getStoreId(), request.hasOccurredAt(), request.getOccurredAt());
        if (error == null) {
            error = points(request.getPoints(), 1);
        }
        if (error == null && (request.getTtlSeconds() < 1 || request.getTtlSeconds() > MAX_TTL_SECONDS)) {
            error = "ttl_seconds must be 1 .. " + MAX_TTL_SECONDS + ", not " + request.getTtlSeconds();
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.HOLD, slot -> {
            slot.eventId = request.getEventId();
            MemberRefs.copy(request.getMember(), slot);
            slot.partnerId = request.getPartnerId();
            slot.storeId = request.getStoreId();
            slot.occurredAtMillis = FieldRules.toMillis(request.getOccurredAt());
            slot.totalMinor = request.getPoints();
            slot.holdTtlSeconds = request.getTtlSeconds();
        }, Replies::hold);
    }

    @Override
    protected void capture(CaptureRequest request, Completable<RedemptionReceipt> response) {
        String error = holdCall(request.getEventId(), request.getHoldId(), request.hasMember(), request.getMember(),
                request.hasOccurredAt(), request.getOccurredAt());
        if (error == null) {
            error = points(request.getPoints(), 0);
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.CAPTURE, slot -> {
            slot.eventId = request.getEventId();
            slot.holdId = request.getHoldId();
            MemberRefs.copy(request.getMember(), slot);
            slot.occurredAtMillis = FieldRules.toMillis(request.getOccurredAt());
            slot.totalMinor = request.getPoints();
        }, Replies::redemption);
    }

    @Override
    protected void voidHold(VoidHoldRequest request, Completable<HoldReceipt> response) {
        String error = holdCall(request.getEventId(), request.getHoldId(), request.hasMember(), request.getMember(),
                request.hasOccurredAt(), request.getOccurredAt());
        RingCall.submit(publisher, outbox, response, error, CommandType.VOID_HOLD, slot -> {
            slot.eventId = request.getEventId();
            slot.holdId = request.getHoldId();
            MemberRefs.copy(request.getMember(), slot);
            slot.occurredAtMillis = FieldRules.toMillis(request.getOccurredAt());
        }, Replies::hold);
    }

    private static String common(String eventId, boolean hasMember, MemberRef member, String partnerId, String storeId,
                                 boolean hasOccurredAt, Timestamp occurredAt) {
        String error = FieldRules.requiredText("event_id", eventId, FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = MemberRefs.validate("member", hasMember, member);
        }
        if (error == null) {
            error = FieldRules.requiredText("partner_id", partnerId, FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("store_id", storeId, FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", hasOccurredAt, occurredAt);
        }
        return error;
    }

    private static String holdCall(String eventId, String holdId, boolean hasMember, MemberRef member,
                                   boolean hasOccurredAt, Timestamp occurredAt) {
        String error = FieldRules.requiredText("event_id", eventId, FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = FieldRules.requiredText("hold_id", holdId, FieldRules.MAX_EVENT_ID_CHARS);
        }
        if (error == null) {
            error = MemberRefs.validate("member", hasMember, member);
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", hasOccurredAt, occurredAt);
        }
        return error;
    }

    private static String points(long points, long min) {
        return points < min || points > MAX_POINTS ? "points must be " + min + " .. " + MAX_POINTS + ", not " + points : null;
    }
}
