package dev.accrue.engine.grpc;

import com.google.protobuf.Descriptors;
import dev.accrue.loyalty.v1.MemberEvent;
import dev.accrue.loyalty.v1.MemberEventsGrpcService;
import dev.accrue.loyalty.v1.SubscribeRequest;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;

/**
 * The MemberEvents service on one event loop: validates a subscription and hands it to the
 * {@link EventFeed}. Bound by hand rather than through the generated service base, which hides
 * the call and with it a client's cancel.
 */
public final class MemberEventsEndpoint implements Service {
    private final EventFeed feed;

    public MemberEventsEndpoint(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public ServiceName name() {
        return MemberEventsGrpcService.SERVICE_NAME;
    }

    @Override
    public Descriptors.ServiceDescriptor descriptor() {
        return MemberEventsGrpcService.SERVICE_DESCRIPTOR;
    }

    @Override
    public void bind(GrpcServer server) {
        server.callHandler(MemberEventsGrpcService.Subscribe, call -> {
            boolean[] subscribed = {false};
            call.handler(request -> {
                // One request per call; a client sending more gets the first one's stream only.
                if (!subscribed[0]) {
                    subscribed[0] = true;
                    subscribe(call, request);
                }
            });
        });
    }

    private void subscribe(GrpcServerRequest<SubscribeRequest, MemberEvent> call, SubscribeRequest request) {
        GrpcServerResponse<SubscribeRequest, MemberEvent> response = call.response();
        String error = EventKinds.validate(request.getKindsValueList());
        if (error != null) {
            response.status(GrpcStatus.INVALID_ARGUMENT).statusMessage(error).end();
            return;
        }
        EventSubscription subscription = new EventSubscription(feed, Vertx.currentContext(), response,
                request.getAfter(), EventKinds.wanted(request.getKindsList()));
        call.errorHandler(ignored -> subscription.cancelled());
        call.exceptionHandler(ignored -> subscription.cancelled());
        response.exceptionHandler(ignored -> subscription.cancelled());
        if (!feed.add(subscription)) {
            subscription.cancelled();
            if (feed.isOpen()) {
                response.status(GrpcStatus.RESOURCE_EXHAUSTED).statusMessage("the engine serves at most "
                        + EventFeed.MAX_SUBSCRIPTIONS + " subscriptions at once; retry later").end();
            } else {
                response.status(GrpcStatus.UNAVAILABLE).statusMessage(EventFeed.SHUTTING_DOWN).end();
            }
        }
    }
}
