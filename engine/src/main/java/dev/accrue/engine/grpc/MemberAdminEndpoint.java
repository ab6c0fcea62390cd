package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.FieldRules;
import dev.accrue.engine.command.MemberRefs;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberAdminGrpcService;
import dev.accrue.loyalty.v1.SetTierFloorRequest;
import com.google.protobuf.Timestamp;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.AuditLog;
import dev.accrue.loyalty.v1.ListAuditLogRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MergeMembersRequest;
import dev.accrue.loyalty.v1.SetMemberStatusRequest;
import io.vertx.core.Completable;

/** The MemberAdmin service on one event loop: validate, copy into a ring slot, publish. */
public final class MemberAdminEndpoint extends MemberAdminGrpcService {
    static final int MAX_REASON_CHARS = 256;
    static final long MAX_ADJUSTMENT = 1_000_000_000_000L;
    static final int DEFAULT_AUDIT_PAGE = 100;
    static final int MAX_AUDIT_PAGE = 500;

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

    @Override
    protected void setMemberStatus(SetMemberStatusRequest request, Completable<Member> response) {
        String error = common(request.getEventId(), request.hasMember(), request.getMember(), request.hasOccurredAt(),
                request.getOccurredAt(), request.getAdmin(), request.getReason());
        int status = switch (request.getStatus()) {
            case MEMBER_STATUS_ACTIVE -> MemberRecord.STATUS_ACTIVE;
            case MEMBER_STATUS_SUSPENDED -> MemberRecord.STATUS_SUSPENDED;
            case MEMBER_STATUS_CLOSED -> MemberRecord.STATUS_CLOSED;
            default -> -1;
        };
        if (error == null && status < 0) {
            error = "status must be MEMBER_STATUS_ACTIVE, MEMBER_STATUS_SUSPENDED or MEMBER_STATUS_CLOSED";
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.SET_MEMBER_STATUS, slot -> {
            copyCommon(slot, request.getEventId(), request.getMember(), request.getOccurredAt(), request.getAdmin(),
                    request.getReason());
            slot.memberStatus = status;
        }, Replies::member);
    }

    @Override
    protected void adjustPoints(AdjustPointsRequest request, Completable<Balance> response) {
        String error = common(request.getEventId(), request.hasMember(), request.getMember(), request.hasOccurredAt(),
                request.getOccurredAt(), request.getAdmin(), request.getReason());
        if (error == null && (request.getPoints() == 0 || Math.abs(request.getPoints()) > MAX_ADJUSTMENT)) {
            error = "points must be a credit (> 0) or a debit (< 0) of at most " + MAX_ADJUSTMENT + ", not "
                    + request.getPoints();
        }
        if (error == null) {
            error = FieldRules.optionalText("wallet", request.getWallet(), FieldRules.MAX_ID_CHARS);
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.ADJUST_POINTS, slot -> {
            copyCommon(slot, request.getEventId(), request.getMember(), request.getOccurredAt(), request.getAdmin(),
                    request.getReason());
            slot.totalMinor = request.getPoints();
            slot.wallet = request.getWallet().isEmpty() ? null : request.getWallet();
        }, Replies::balance);
    }

    @Override
    protected void mergeMembers(MergeMembersRequest request, Completable<Member> response) {
        String error = common(request.getEventId(), request.hasSurvivor(), request.getSurvivor(),
                request.hasOccurredAt(), request.getOccurredAt(), request.getAdmin(), request.getReason());
        if (error != null && error.startsWith("member")) {
            error = "survivor" + error.substring("member".length());
        }
        if (error == null) {
            error = MemberRefs.validate("merged", request.hasMerged(), request.getMerged());
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.MERGE_MEMBERS, slot -> {
            copyCommon(slot, request.getEventId(), request.getSurvivor(), request.getOccurredAt(), request.getAdmin(),
                    request.getReason());
            MemberRefs.copyOther(request.getMerged(), slot);
        }, Replies::member);
    }

    @Override
    protected void listAuditLog(ListAuditLogRequest request, Completable<AuditLog> response) {
        String error = null;
        if (request.getPageSize() > MAX_AUDIT_PAGE) {
            error = "page_size must be at most " + MAX_AUDIT_PAGE + ", not " + request.getPageSize();
        }
        long from = 0;
        if (!request.getPageToken().isEmpty()) {
            try {
                from = Long.parseLong(request.getPageToken(), 36);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (error == null && from < 0) {
                error = "page_token is not a token this API gave";
            }
        }
        long start = from;
        RingCall.submit(publisher, outbox, response, error, CommandType.GET_AUDIT_LOG, slot -> {
            slot.auditFrom = start;
            slot.auditPageSize = request.getPageSize() == 0 ? DEFAULT_AUDIT_PAGE : request.getPageSize();
        }, Replies::auditLog);
    }

    /** The fields every admin change has; null if they are fine, else the message naming the field. */
    private static String common(String eventId, boolean hasMember, MemberRef member, boolean hasOccurredAt,
                                 Timestamp occurredAt, String admin, String reason) {
        String error = FieldRules.requiredText("event_id", eventId, FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = MemberRefs.validate("member", hasMember, member);
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", hasOccurredAt, occurredAt);
        }
        if (error == null) {
            error = FieldRules.requiredText("admin", admin, FieldRules.MAX_ID_CHARS);
        }
        if (error == null) {
            error = FieldRules.requiredText("reason", reason, MAX_REASON_CHARS);
        }
        return error;
    }

    private static void copyCommon(CommandSlot slot, String eventId, MemberRef member, Timestamp occurredAt,
                                   String admin, String reason) {
        slot.eventId = eventId;
        MemberRefs.copy(member, slot);
        slot.occurredAtMillis = FieldRules.toMillis(occurredAt);
        slot.admin = admin;
        slot.reason = reason;
    }
}
