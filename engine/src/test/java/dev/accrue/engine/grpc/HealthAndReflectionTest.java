package dev.accrue.engine.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.GrpcTestClient.StreamReply;
import dev.accrue.engine.testing.TestEngines;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.health.v1.HealthListRequest;
import io.vertx.grpc.health.v1.HealthListResponse;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standard gRPC health and reflection services, called with the messages their Vert.x modules ship. */
class HealthAndReflectionTest {
    private static final ServiceName HEALTH = ServiceName.create("grpc.health.v1", "Health");
    private static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> CHECK = ServiceMethod.client(
            HEALTH, "Check", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));
    private static final ServiceMethod<HealthListResponse, HealthListRequest> LIST = ServiceMethod.client(
            HEALTH, "List", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthListResponse.newBuilder()));
    private static final ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> REFLECTION = ServiceMethod.client(
            ServiceName.create("grpc.reflection.v1", "ServerReflection"), "ServerReflectionInfo",
            GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));

    @TempDir
    static Path dataDirectory;
    static AccrueEngine engine;
    static GrpcTestClient client;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterAll
    static void stopEngine() {
        if (client != null) {
            client.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static ServingStatus check(String service) {
        Reply<HealthCheckResponse> reply = client.call(CHECK, HealthCheckRequest.newBuilder().setService(service).build());
        return GrpcTestClient.ok(reply).getStatus();
    }

    @Test
    void theServerIsServing() {
        assertEquals(ServingStatus.SERVING, check(""));
    }

    @Test
    void bothLoyaltyServicesAreServing() {
        assertEquals(ServingStatus.SERVING, check("accrue.loyalty.v1.Purchases"));
        assertEquals(ServingStatus.SERVING, check("accrue.loyalty.v1.Members"));
    }

    @Test
    void anUnknownServiceIsNotFound() {
        Reply<HealthCheckResponse> reply = client.call(CHECK, HealthCheckRequest.newBuilder().setService("accrue.loyalty.v1.Nope").build());
        assertEquals(GrpcStatus.NOT_FOUND, reply.status());
    }

    @Test
    void healthListNamesBothLoyaltyServices() {
        Map<String, ServingStatus> statuses = GrpcTestClient.ok(client.call(LIST, HealthListRequest.getDefaultInstance()))
                .getStatusesMap().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getStatus()));

        assertEquals(ServingStatus.SERVING, statuses.get("accrue.loyalty.v1.Purchases"));
        assertEquals(ServingStatus.SERVING, statuses.get("accrue.loyalty.v1.Members"));
    }

    @Test
    void reflectionListsTheLoyaltyServices() {
        StreamReply<ServerReflectionResponse> reply = client.stream(REFLECTION,
                List.of(ServerReflectionRequest.newBuilder().setListServices("").build()));

        assertEquals(GrpcStatus.OK, reply.status(), reply.message());
        assertEquals(1, reply.replies().size());
        List<String> services = reply.replies().get(0).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
        assertTrue(services.contains("accrue.loyalty.v1.Purchases"), services.toString());
        assertTrue(services.contains("accrue.loyalty.v1.Members"), services.toString());
    }

    @Test
    void reflectionDescribesTheStreamingMethod() throws InvalidProtocolBufferException {
        StreamReply<ServerReflectionResponse> reply = client.stream(REFLECTION,
                List.of(ServerReflectionRequest.newBuilder().setFileContainingSymbol("accrue.loyalty.v1.Purchases").build()));

        assertEquals(GrpcStatus.OK, reply.status(), reply.message());
        ServiceDescriptorProto purchases = null;
        for (var bytes : reply.replies().get(0).getFileDescriptorResponse().getFileDescriptorProtoList()) {
            FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
            for (ServiceDescriptorProto service : file.getServiceList()) {
                if (file.getPackage().equals("accrue.loyalty.v1") && service.getName().equals("Purchases")) {
                    purchases = service;
                }
            }
        }
        assertTrue(purchases != null, "the file defining accrue.loyalty.v1.Purchases is returned");
        Map<String, MethodDescriptorProto> methods = purchases.getMethodList().stream()
                .collect(Collectors.toMap(MethodDescriptorProto::getName, m -> m));
        assertEquals(3, methods.size(), methods.keySet().toString());
        assertTrue(methods.get("StreamPurchases").getClientStreaming());
        assertTrue(methods.get("StreamPurchases").getServerStreaming());
        assertEquals(".accrue.loyalty.v1.Purchase", methods.get("RecordPurchase").getInputType());
    }
}
