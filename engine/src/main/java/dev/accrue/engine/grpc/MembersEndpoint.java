package dev.accrue.engine.grpc;

import dev.accrue.engine.command.FieldRules;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.EnrolCommand;
import dev.accrue.engine.command.MemberRefs;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.MembersGrpcService;
import com.google.protobuf.Timestamp;
import dev.accrue.engine.command.IdentityRefs;
import dev.accrue.loyalty.v1.GetMemberRequest;
import dev.accrue.loyalty.v1.Identity;
import dev.accrue.loyalty.v1.LinkIdentityRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.UnlinkIdentityRequest;
import io.vertx.core.Completable;

/**
 * The Members service on one event loop: validate, copy into a ring slot, publish; the reply stage
 * answers through the event loop's outbox.
 */
public final class MembersEndpoint extends MembersGrpcService {
    private static final int HISTORY_DEFAULT_PAGE = 20;
    private static final int HISTORY_MAX_PAGE = 100;

    private final CommandPublisher publisher;
    private final ContextOutbox outbox;

    public MembersEndpoint(CommandPublisher publisher, ContextOutbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    @Override
    protected void enrol(EnrolRequest request, Completable<EnrolReply> response) {
        RingCall.submit(publisher, outbox, response, EnrolCommand.validate(request), CommandType.ENROL,
                slot -> EnrolCommand.copy(request, slot), Replies::enrolment);
    }

    @Override
    protected void getHistory(GetHistoryRequest request, Completable<History> response) {
        String error = MemberRefs.validate("member", request.hasMember(), request.getMember());
        if (error == null && request.getPageSize() > HISTORY_MAX_PAGE) {
            error = "page_size must be at most " + HISTORY_MAX_PAGE + ", not " + request.getPageSize();
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.GET_HISTORY, slot -> {
            MemberRefs.copy(request.getMember(), slot);
            slot.historyToken = request.getPageToken();
            slot.historyPageSize = request.getPageSize() == 0 ? HISTORY_DEFAULT_PAGE : request.getPageSize();
        }, Replies::history);
    }

    @Override
    protected void getBalance(GetBalanceRequest request, Completable<Balance> response) {
        String error = MemberRefs.validate("member", request.hasMember(), request.getMember());
        if (error == null && request.hasExpiringBefore()) {
            error = FieldRules.timestamp("expiring_before", true, request.getExpiringBefore());
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.GET_BALANCE, slot -> {
            MemberRefs.copy(request.getMember(), slot);
            slot.expiringBefore = request.hasExpiringBefore() ? FieldRules.toMillis(request.getExpiringBefore()) : 0;
        }, Replies::balance);
    }

    @Override
    protected void getMember(GetMemberRequest request, Completable<Member> response) {
        RingCall.submit(publisher, outbox, response,
                MemberRefs.validate("member", request.hasMember(), request.getMember()), CommandType.GET_MEMBER,
                slot -> MemberRefs.copy(request.getMember(), slot), Replies::member);
    }

    @Override
    protected void linkIdentity(LinkIdentityRequest request, Completable<Member> response) {
        identityChange(CommandType.LINK_IDENTITY, request.getEventId(), request.hasMember(), request.getMember(),
                request.hasIdentity(), request.getIdentity(), request.hasOccurredAt(), request.getOccurredAt(),
                response);
    }

    @Override
    protected void unlinkIdentity(UnlinkIdentityRequest request, Completable<Member> response) {
        identityChange(CommandType.UNLINK_IDENTITY, request.getEventId(), request.hasMember(), request.getMember(),
                request.hasIdentity(), request.getIdentity(), request.hasOccurredAt(), request.getOccurredAt(),
                response);
    }

    private void identityChange(CommandType type, String eventId, boolean hasMember, MemberRef member,
                                boolean hasIdentity, Identity identity, boolean hasOccurredAt, Timestamp occurredAt,
                                Completable<Member> response) {
        String error = FieldRules.requiredText("event_id", eventId, FieldRules.MAX_EVENT_ID_CHARS);
        if (error == null) {
            error = MemberRefs.validate("member", hasMember, member);
        }
        if (error == null) {
            error = IdentityRefs.validate("identity", hasIdentity, identity);
        }
        if (error == null) {
            error = FieldRules.timestamp("occurred_at", hasOccurredAt, occurredAt);
        }
        RingCall.submit(publisher, outbox, response, error, type, slot -> {
            slot.eventId = eventId;
            MemberRefs.copy(member, slot);
            IdentityRefs.copy(identity, slot);
            slot.occurredAtMillis = FieldRules.toMillis(occurredAt);
        }, Replies::member);
    }
}
