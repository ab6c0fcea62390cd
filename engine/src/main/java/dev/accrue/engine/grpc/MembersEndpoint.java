package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
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
        String error = EnrolCommand.validate(request);
        if (error != null) {
            response.fail(Statuses.invalid(error));
            return;
        }
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            response.fail(Statuses.ringFull());
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.ENROL);
        EnrolCommand.copy(request, slot);
        slot.reply = new UnaryReply<>(outbox, response, Replies::enrolment);
        publisher.publish(sequence);
    }

    @Override
    protected void getHistory(GetHistoryRequest request, Completable<History> response) {
        String error = MemberRefs.validate("member", request.hasMember(), request.getMember());
        if (error == null && request.getPageSize() > HISTORY_MAX_PAGE) {
            error = "page_size must be at most " + HISTORY_MAX_PAGE + ", not " + request.getPageSize();
        }
        long before = 0;
        if (error == null && !request.getPageToken().isEmpty()) {
            before = Replies.parsePageToken(request.getPageToken());
            if (before <= 0) {
                error = "page_token is not a token this API gave";
            }
        }
        if (error != null) {
            response.fail(Statuses.invalid(error));
            return;
        }
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            response.fail(Statuses.ringFull());
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.GET_HISTORY);
        MemberRefs.copy(request.getMember(), slot);
        slot.historyBefore = before;
        slot.historyPageSize = request.getPageSize() == 0 ? HISTORY_DEFAULT_PAGE : request.getPageSize();
        slot.reply = new UnaryReply<>(outbox, response, Replies::history);
        publisher.publish(sequence);
    }

    @Override
    protected void getBalance(GetBalanceRequest request, Completable<Balance> response) {
        String error = MemberRefs.validate("member", request.hasMember(), request.getMember());
        if (error == null && request.hasExpiringBefore()) {
            error = FieldRules.timestamp("expiring_before", true, request.getExpiringBefore());
        }
        if (error != null) {
            response.fail(Statuses.invalid(error));
            return;
        }
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            response.fail(Statuses.ringFull());
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.GET_BALANCE);
        MemberRefs.copy(request.getMember(), slot);
        slot.expiringBefore = request.hasExpiringBefore() ? FieldRules.toMillis(request.getExpiringBefore()) : 0;
        slot.reply = new UnaryReply<>(outbox, response, Replies::balance);
        publisher.publish(sequence);
    }
}
