package dev.accrue.engine.grpc;

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
        RingCall.submit(publisher, outbox, response, null, CommandType.STATE_DIGEST, slot -> {
        }, s -> StateDigest.newBuilder()
                .setDigest(s.digest)
                .setMembers(s.resultMemberId)
                .setLastSequence(s.lastSequence)
                .build());
    }
}
