package dev.accrue.engine.testing;

import dev.accrue.loyalty.v1.MemberEvent;
import dev.accrue.loyalty.v1.SubscribeRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A MemberEvents subscription seen from a test: events are queued as they arrive, and the test
 * takes them in order, each wait bounded. The stream can be paused (a slow reader) and cancelled
 * (a client going away).
 */
public final class EventStream {
    private final GrpcClientRequest<SubscribeRequest, MemberEvent> request;
    private final GrpcClientResponse<SubscribeRequest, MemberEvent> response;
    private final BlockingQueue<MemberEvent> events = new LinkedBlockingQueue<>();
    private final Promise<GrpcTestClient.Reply<Void>> ended = Promise.promise();

    private EventStream(GrpcClientRequest<SubscribeRequest, MemberEvent> request,
                        GrpcClientResponse<SubscribeRequest, MemberEvent> response, boolean paused) {
        this.request = request;
        this.response = response;
        if (paused) {
            response.pause();
        }
        response.handler(events::add);
        response.exceptionHandler(failure -> ended.tryComplete(
                new GrpcTestClient.Reply<>(response.status(), String.valueOf(failure), null)));
        response.endHandler(ignored -> ended.tryComplete(new GrpcTestClient.Reply<>(response.status(), message(), null)));
    }

    /** The status message; after messages it comes in the trailers, where this Vert.x client does not look. */
    private String message() {
        String trailer = response.trailers().get("grpc-message");
        return response.statusMessage() != null ? response.statusMessage()
                : trailer == null ? "" : QueryStringDecoder.decodeComponent(trailer, StandardCharsets.UTF_8);
    }

    static Future<EventStream> start(Future<GrpcClientRequest<SubscribeRequest, MemberEvent>> call,
                                     SubscribeRequest subscribe, boolean paused) {
        return call.compose(request -> request.send(subscribe)
                .map(response -> new EventStream(request, response, paused)));
    }

    /** The next {@code n} events, waiting for each at most {@link GrpcTestClient#TIMEOUT_SECONDS}. */
    public List<MemberEvent> take(int n) {
        List<MemberEvent> taken = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                MemberEvent event = events.poll(GrpcTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(event, "event " + (i + 1) + " of " + n + " did not come; the stream ended with "
                        + (ended.future().isComplete() ? ended.future().result() : "nothing yet"));
                taken.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return taken;
    }

    public MemberEvent next() {
        return take(1).get(0);
    }

    /** Events received and not yet taken, without waiting. */
    public int waiting() {
        return events.size();
    }

    /** Lets up to {@code n} more messages in while paused. */
    public void fetch(long n) {
        response.fetch(n);
    }

    public void resume() {
        response.resume();
    }

    /** The client goes away: the call is cancelled (an HTTP/2 reset). */
    public void cancel() {
        request.cancel();
    }

    /** How the server ended the call (an OK end never comes: the stream is endless). */
    public GrpcTestClient.Reply<Void> awaitEnd() {
        return GrpcTestClient.await(ended.future());
    }

    public GrpcStatus endStatus() {
        return awaitEnd().status();
    }
}
