package dev.accrue.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;

/** gRPC clients over one cleartext HTTP/2 connection each (the pool's default size for HTTP/2). */
final class Clients {
    /** The engine's default max message size, so large batch acks are never refused by the client. */
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private Clients() {
    }

    /** Call from the worker's own context: the connection then lives on that worker's event loop. */
    static GrpcClient create(Vertx vertx) {
        return GrpcClient.builder(vertx)
                .with(new GrpcClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES))
                .with(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false)
                        .setTcpNoDelay(true))
                .build();
    }
}
