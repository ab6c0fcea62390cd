package dev.accrue.bench.echo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;

/**
 * One gRPC server on one event loop, set up as the engine's GrpcVerticle is (max message size,
 * tcpNoDelay, default HTTP/2 settings), so the echo differs from the engine only behind the service.
 */
final class EchoVerticle extends VerticleBase {
    /** The engine's default (EngineOptions.DEFAULT_MAX_MESSAGE_BYTES). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private HttpServer server;

    EchoVerticle(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(MAX_MESSAGE_BYTES));
        grpc.addService(new EchoPurchases()).addService(new EchoRedemptions());
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true));
        return server.requestHandler(grpc).listen();
    }

    int actualPort() {
        return server.actualPort();
    }
}
