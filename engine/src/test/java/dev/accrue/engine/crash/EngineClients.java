package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.DiagnosticsGrpcClient;
import dev.accrue.loyalty.v1.GetStateDigestRequest;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** The stubs of one incarnation of the {@link EngineProcess}: a restart needs new ones. */
record EngineClients(PurchasesGrpcClient purchases, MembersGrpcClient members, DiagnosticsGrpcClient diagnostics,
                     ProgramsGrpcClient programs, RedemptionsGrpcClient redemptions, MemberAdminGrpcClient admin) {

    /** Connects once the (re)started engine serves (recovery first replays the journal). */
    static EngineClients connect(Vertx vertx, EngineProcess engine) throws Exception {
        SocketAddress address = SocketAddress.inetSocketAddress(engine.port(), "127.0.0.1");
        GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setHttp2MultiplexingLimit(1_000));
        EngineClients clients = new EngineClients(PurchasesGrpcClient.create(client, address),
                MembersGrpcClient.create(client, address), DiagnosticsGrpcClient.create(client, address),
                ProgramsGrpcClient.create(client, address), RedemptionsGrpcClient.create(client, address),
                MemberAdminGrpcClient.create(client, address));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!engine.alive()) {
                fail("engine died:\n" + engine.logTail());
            }
            try {
                clients.diagnostics.getStateDigest(GetStateDigestRequest.getDefaultInstance()).await(2, TimeUnit.SECONDS);
                return clients;
            } catch (Exception notYet) {
                Thread.sleep(100);
            }
        }
        fail("engine did not serve within 60 s:\n" + engine.logTail());
        return null;
    }

    /** The stubs the admin commands are sent and retried through. */
    AdminCommands.Stubs adminStubs() {
        return new AdminCommands.Stubs(members, admin, redemptions);
    }
}
