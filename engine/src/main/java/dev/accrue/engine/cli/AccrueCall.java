package dev.accrue.engine.cli;

import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.GetProgramRequest;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.ListProgramVersionsRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.accrue.loyalty.v1.DiagnosticsGrpcClient;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.MemberEventsGrpcClient;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.SubscribeRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A small grpcurl for Accrue's unary calls: the request as JSON in, the reply (or the status and
 * its message) out. Bundled so the quick start needs nothing but the JDK. {@code MemberEvents/Subscribe}
 * (or {@code subscribe}) prints the member events as they come, one JSON object a line, until the
 * stream ends or the process is stopped.
 *
 * <pre>
 * java -cp engine/target/accrue-engine.jar dev.accrue.engine.cli.AccrueCall [--target=HOST:PORT] METHOD JSON
 * </pre>
 */
public final class AccrueCall {
    private record Method(ServiceMethod<? extends Message, ? extends Message> method, Supplier<Message.Builder> request) {
    }

    private static final Map<String, Method> METHODS = Map.ofEntries(
            Map.entry("Purchases/RecordPurchase", new Method(PurchasesGrpcClient.RecordPurchase, Purchase::newBuilder)),
            Map.entry("Members/Enrol", new Method(MembersGrpcClient.Enrol, EnrolRequest::newBuilder)),
            Map.entry("Members/GetBalance", new Method(MembersGrpcClient.GetBalance, GetBalanceRequest::newBuilder)),
            Map.entry("Members/GetHistory", new Method(MembersGrpcClient.GetHistory, dev.accrue.loyalty.v1.GetHistoryRequest::newBuilder)),
            Map.entry("Purchases/RecordReturn", new Method(PurchasesGrpcClient.RecordReturn, dev.accrue.loyalty.v1.Return::newBuilder)),
            Map.entry("MemberAdmin/SetTierFloor", new Method(dev.accrue.loyalty.v1.MemberAdminGrpcClient.SetTierFloor,
                    dev.accrue.loyalty.v1.SetTierFloorRequest::newBuilder)),
            Map.entry("Redemptions/Redeem", new Method(dev.accrue.loyalty.v1.RedemptionsGrpcClient.Redeem,
                    dev.accrue.loyalty.v1.RedeemRequest::newBuilder)),
            Map.entry("Redemptions/Hold", new Method(dev.accrue.loyalty.v1.RedemptionsGrpcClient.Hold,
                    dev.accrue.loyalty.v1.HoldRequest::newBuilder)),
            Map.entry("Redemptions/Capture", new Method(dev.accrue.loyalty.v1.RedemptionsGrpcClient.Capture,
                    dev.accrue.loyalty.v1.CaptureRequest::newBuilder)),
            Map.entry("Redemptions/VoidHold", new Method(dev.accrue.loyalty.v1.RedemptionsGrpcClient.VoidHold,
                    dev.accrue.loyalty.v1.VoidHoldRequest::newBuilder)),
            Map.entry("Members/GetMember", new Method(MembersGrpcClient.GetMember,
                    dev.accrue.loyalty.v1.GetMemberRequest::newBuilder)),
            Map.entry("Members/LinkIdentity", new Method(MembersGrpcClient.LinkIdentity,
                    dev.accrue.loyalty.v1.LinkIdentityRequest::newBuilder)),
            Map.entry("Members/UnlinkIdentity", new Method(MembersGrpcClient.UnlinkIdentity,
                    dev.accrue.loyalty.v1.UnlinkIdentityRequest::newBuilder)),
            Map.entry("MemberAdmin/SetMemberStatus", new Method(dev.accrue.loyalty.v1.MemberAdminGrpcClient.SetMemberStatus,
                    dev.accrue.loyalty.v1.SetMemberStatusRequest::newBuilder)),
            Map.entry("MemberAdmin/AdjustPoints", new Method(dev.accrue.loyalty.v1.MemberAdminGrpcClient.AdjustPoints,
                    dev.accrue.loyalty.v1.AdjustPointsRequest::newBuilder)),
            Map.entry("MemberAdmin/MergeMembers", new Method(dev.accrue.loyalty.v1.MemberAdminGrpcClient.MergeMembers,
                    dev.accrue.loyalty.v1.MergeMembersRequest::newBuilder)),
            Map.entry("MemberAdmin/ListAuditLog", new Method(dev.accrue.loyalty.v1.MemberAdminGrpcClient.ListAuditLog,
                    dev.accrue.loyalty.v1.ListAuditLogRequest::newBuilder)),
            Map.entry("Diagnostics/GetStateDigest", new Method(DiagnosticsGrpcClient.GetStateDigest, GetStateDigestRequest::newBuilder)),
            Map.entry("Programs/GetProgram", new Method(ProgramsGrpcClient.GetProgram, GetProgramRequest::newBuilder)),
            Map.entry("Programs/ValidateProgram", new Method(ProgramsGrpcClient.ValidateProgram, Program::newBuilder)),
            Map.entry("Programs/ApplyProgram", new Method(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest::newBuilder)),
            Map.entry("Programs/ListProgramVersions", new Method(ProgramsGrpcClient.ListProgramVersions,
                    ListProgramVersionsRequest::newBuilder)));

    private static final java.util.Set<String> SUBSCRIBE = java.util.Set.of("MemberEvents/Subscribe", "subscribe");

    private AccrueCall() {
    }

    public static void main(String[] args) throws Exception {
        String target = "localhost:9090";
        int first = 0;
        if (args.length > 0 && args[0].startsWith("--target=")) {
            target = args[0].substring("--target=".length());
            first = 1;
        }
        boolean subscribe = args.length == first + 2 && SUBSCRIBE.contains(args[first]);
        Method method = subscribe ? new Method(MemberEventsGrpcClient.Subscribe, SubscribeRequest::newBuilder)
                : args.length == first + 2 ? METHODS.get(args[first]) : null;
        if (method == null) {
            System.err.println("usage: AccrueCall [--target=HOST:PORT] METHOD JSON");
            System.err.println("methods: " + METHODS.keySet() + " and MemberEvents/Subscribe (or subscribe)");
            System.exit(2);
        }
        Message.Builder request = method.request().get();
        try {
            JsonFormat.parser().merge(args[first + 1], request);
        } catch (InvalidProtocolBufferException e) {
            System.err.println("bad request JSON: " + e.getMessage());
            System.exit(2);
        }
        int colon = target.lastIndexOf(':');
        SocketAddress address = SocketAddress.inetSocketAddress(Integer.parseInt(target.substring(colon + 1)),
                target.substring(0, colon));
        Vertx vertx = Vertx.vertx();
        try {
            GrpcClient client = GrpcClient.client(vertx);
            System.exit(subscribe ? subscribe(client, address, (SubscribeRequest) request.build())
                    : call(client, address, method.method(), request.build()));
        } finally {
            vertx.close();
        }
    }

    /** Prints every event as it comes until the stream ends, which it does only on an error or a shutdown. */
    private static int subscribe(GrpcClient client, SocketAddress address, SubscribeRequest request) throws Exception {
        JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
        Promise<Void> ended = Promise.promise();
        // Handlers are set on the event loop as the response arrives, before any event or the end.
        var response = client.request(address, MemberEventsGrpcClient.Subscribe)
                .compose(req -> req.send(request))
                .onSuccess(events -> events
                        .handler(event -> {
                            try {
                                System.out.println(printer.print(event));
                            } catch (InvalidProtocolBufferException e) {
                                ended.tryFail(e);
                            }
                        })
                        .exceptionHandler(ended::tryFail)
                        .endHandler(ended::tryComplete))
                .await(30, TimeUnit.SECONDS);
        try {
            ended.future().await();
        } catch (Exception e) {
            // the status below says why
        }
        GrpcStatus status = response.status();
        // After events the message is in the trailers, where this Vert.x client does not look.
        String message = response.statusMessage() != null ? response.statusMessage()
                : QueryStringDecoder.decodeComponent(String.valueOf(response.trailers().get("grpc-message")),
                StandardCharsets.UTF_8);
        System.out.println("ERROR " + (status != null ? status.name() : "UNKNOWN") + ": " + message);
        return 1;
    }

    @SuppressWarnings("unchecked")
    private static <Req extends Message, Resp extends Message> int call(GrpcClient client, SocketAddress address,
            ServiceMethod<?, ?> method, Message request) throws Exception {
        ServiceMethod<Resp, Req> typed = (ServiceMethod<Resp, Req>) method;
        var response = client.request(address, typed)
                .compose(req -> req.send((Req) request))
                .await(30, TimeUnit.SECONDS);
        Future<Resp> reply = response.last();
        try {
            Resp message = reply.await(30, TimeUnit.SECONDS);
            System.out.println(JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(message));
            return 0;
        } catch (Exception e) {
            GrpcStatus status = response.status();
            System.out.println("ERROR " + (status != null ? status.name() : "UNKNOWN") + ": "
                    + (response.statusMessage() != null ? response.statusMessage() : e.getMessage()));
            return 1;
        }
    }
}
