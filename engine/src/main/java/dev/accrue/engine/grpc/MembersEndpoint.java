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
        long before = request.getPageToken().isEmpty() ? 0 : Replies.parsePageToken(request.getPageToken());
        if (error == null && before < 0) {
            error = "page_token is not a token this API gave";
        }
        RingCall.submit(publisher, outbox, response, error, CommandType.GET_HISTORY, slot -> {
            MemberRefs.copy(request.getMember(), slot);
            slot.historyBefore = before;
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
}
