package dev.accrue.engine.grpc;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.DiagnosticsGrpcService;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.StateDigest;
import io.vertx.core.Completable;

/** The Diagnostics service on one event loop: state digests, computed in order on the ring. */
public final class DiagnosticsEndpoint extends DiagnosticsGrpcService {
    private final CommandPublisher publisher;
    private final ContextOutbox outbox;

    public DiagnosticsEndpoint(CommandPublisher publisher, ContextOutbox outbox) {
        this.publisher = publisher;
        this.outbox = outbox;
    }

    @Override
    protected void getStateDigest(GetStateDigestRequest request, Completable<StateDigest> response) {
        long sequence = publisher.tryClaim();
        if (sequence == CommandPublisher.RING_FULL) {
            response.fail(Statuses.ringFull());
            return;
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(CommandType.STATE_DIGEST);
        slot.reply = new UnaryReply<>(outbox, response, s -> StateDigest.newBuilder()
                .setDigest(s.digest)
                .setMembers(s.resultMemberId)
                .setLastSequence(s.lastSequence)
                .build());
        publisher.publish(sequence);
    }
}
