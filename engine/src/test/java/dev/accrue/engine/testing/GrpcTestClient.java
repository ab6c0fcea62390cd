package dev.accrue.engine.testing;

import dev.accrue.loyalty.v1.AuditEntry;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.GetMemberRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.ListAuditLogRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberEventsGrpcClient;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseBatch;
import dev.accrue.loyalty.v1.PurchaseBatchAck;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.SubscribeRequest;
import dev.accrue.loyalty.v1.RedeemBatch;
import dev.accrue.loyalty.v1.RedeemBatchAck;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real Vert.x gRPC client on its own Vert.x instance, with blocking helpers for tests (called
 * from the test thread, never from an event loop). Every wait is bounded so a broken server fails
 * the test instead of hanging it.
 */
public final class GrpcTestClient implements AutoCloseable {
    public static final long TIMEOUT_SECONDS = 60;

    /** The outcome of a unary call: its status, the status message, and the reply when OK. */
    public record Reply<T>(GrpcStatus status, String message, T value) {
    }

    /** The outcome of a streaming call: its final status and message, and every reply received. */
    public record StreamReply<T>(GrpcStatus status, String message, List<T> replies) {
    }

    private final Vertx vertx;
    private final GrpcClient client;
    private final SocketAddress address;
    private final PurchasesGrpcClient purchases;
    private final MembersGrpcClient members;

    public GrpcTestClient(int port) {
        vertx = Vertx.vertx();
        client = GrpcClient.client(vertx);
        address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
        purchases = PurchasesGrpcClient.create(client, address);
        members = MembersGrpcClient.create(client, address);
    }

    public PurchasesGrpcClient purchases() {
        return purchases;
    }

    public MembersGrpcClient members() {
        return members;
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Calls a unary method and returns the status whatever it is. */
    public <Req, Resp> Reply<Resp> call(ServiceMethod<Resp, Req> method, Req request) {
        return await(callAsync(method, request));
    }

    /** Starts a unary call without waiting; the future completes with the status whatever it is. */
    public <Req, Resp> Future<Reply<Resp>> callAsync(ServiceMethod<Resp, Req> method, Req request) {
        return client.request(address, method).compose(req -> req.send(request)).compose(resp ->
                resp.last().transform(ar -> Future.succeededFuture(
                        new Reply<>(resp.status(), resp.statusMessage(), ar.succeeded() ? ar.result() : null))));
    }

    /** Calls a streaming method: writes every request (respecting the write queue), ends, collects every reply. */
    public <Req, Resp> StreamReply<Resp> stream(ServiceMethod<Resp, Req> method, List<Req> requests) {
        return await(streamAsync(method, requests));
    }

    /** Starts a streaming call without waiting; the future completes when the call ends, whatever its status. */
    public <Req, Resp> Future<StreamReply<Resp>> streamAsync(ServiceMethod<Resp, Req> method, List<Req> requests) {
        Promise<StreamReply<Resp>> done = Promise.promise();
        client.request(address, method).onComplete((req, failure) -> {
            if (failure != null) {
                done.fail(failure);
                return;
            }
            req.exceptionHandler(done::tryFail);
            req.response().onComplete((resp, responseFailure) -> {
                if (responseFailure != null) {
                    done.tryFail(responseFailure);
                    return;
                }
                List<Resp> replies = new ArrayList<>();
                resp.handler(replies::add);
                resp.exceptionHandler(done::tryFail);
                resp.endHandler(ignored -> done.tryComplete(new StreamReply<>(resp.status(), resp.statusMessage(), replies)));
            });
            writeAll(req, requests.iterator());
        });
        return done.future();
    }

    private static <T> void writeAll(WriteStream<T> stream, Iterator<T> messages) {
        while (messages.hasNext()) {
            if (stream.writeQueueFull()) {
                stream.drainHandler(ignored -> writeAll(stream, messages));
                return;
            }
            stream.write(messages.next());
        }
        stream.end();
    }

    // ---- shorthands that expect success

    public EnrolReply enrol(EnrolRequest request) {
        return ok(call(MembersGrpcClient.Enrol, request));
    }

    public Balance balance(MemberRef member) {
        return ok(call(MembersGrpcClient.GetBalance, TestData.balance(member)));
    }

    public PurchaseReceipt purchase(Purchase request) {
        return ok(call(PurchasesGrpcClient.RecordPurchase, request));
    }

    /** Subscribes to member events; the stream collects them for the test to take. */
    public EventStream subscribe(SubscribeRequest request) {
        return await(EventStream.start(client.request(address, MemberEventsGrpcClient.Subscribe), request, false));
    }

    public EventStream subscribe(SubscribeRequest.Builder request) {
        return subscribe(request.build());
    }

    /** Subscribes, but reads nothing until the test fetches or resumes: a slow client. */
    public EventStream subscribePaused(SubscribeRequest.Builder request) {
        return await(EventStream.start(client.request(address, MemberEventsGrpcClient.Subscribe), request.build(), true));
    }

    /** Subscribes and returns how the server ended the call: for requests it refuses. */
    public Reply<Void> subscribeRefused(SubscribeRequest.Builder request) {
        return subscribe(request).awaitEnd();
    }

    /** Sends the batches on one StreamPurchases call and returns the acks; the call must end OK. */
    public List<PurchaseBatchAck> streamPurchases(List<PurchaseBatch> batches) {
        return acks(stream(PurchasesGrpcClient.StreamPurchases, batches));
    }

    /** Sends the batches on one RedeemStream call and returns the acks; the call must end OK. */
    public List<RedeemBatchAck> streamRedemptions(List<RedeemBatch> batches) {
        return acks(stream(RedemptionsGrpcClient.RedeemStream, batches));
    }

    /** The acks of a streaming call that must have ended OK. */
    public static <T> List<T> acks(StreamReply<T> reply) {
        assertEquals(GrpcStatus.OK, reply.status(), () -> "stream ended with " + reply.status() + ": " + reply.message());
        return reply.replies();
    }

    public Member member(MemberRef member) {
        return ok(call(MembersGrpcClient.GetMember, GetMemberRequest.newBuilder().setMember(member).build()));
    }

    /** The member's whole history, newest first, read a page of {@code pageSize} at a time. */
    public List<MemberMovement> history(MemberRef member, int pageSize) {
        List<MemberMovement> movements = new ArrayList<>();
        String token = "";
        do {
            History page = ok(call(MembersGrpcClient.GetHistory, GetHistoryRequest.newBuilder()
                    .setMember(member).setPageSize(pageSize).setPageToken(token).build()));
            movements.addAll(page.getMovementsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return movements;
    }

    public List<MemberMovement> history(MemberRef member) {
        return history(member, 100);
    }

    /** The whole audit log, oldest first. */
    public List<AuditEntry> auditLog() {
        return ok(call(MemberAdminGrpcClient.ListAuditLog, ListAuditLogRequest.newBuilder().setPageSize(500).build()))
                .getEntriesList();
    }

    public static <T> T ok(Reply<T> reply) {
        assertEquals(GrpcStatus.OK, reply.status(), () -> "call failed with " + reply.status() + ": " + reply.message());
        return reply.value();
    }

    @Override
    public void close() {
        try {
            client.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing Vert.x below releases everything anyway
        }
        try {
            vertx.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("client Vert.x did not close", e);
        }
    }
}
