package dev.accrue.engine.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.Service;
import dev.accrue.engine.grpc.ContextOutbox;

import java.util.List;
import java.util.function.Function;

/**
 * One gRPC server on one event loop. The engine deploys one instance per event loop; Vert.x
 * spreads connections over them, all on the same port. Each instance has its own endpoints and
 * outbox, so replies for its calls come back to its event loop in batches.
 */
final class GrpcVerticle extends VerticleBase {
    private final EngineOptions options;
    private final Function<ContextOutbox, List<Service>> services;
    private HttpServer server;

    GrpcVerticle(EngineOptions options, Function<ContextOutbox, List<Service>> services) {
        this.options = options;
        this.services = services;
    }

    @Override
    public Future<?> start() {
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(options.getMaxMessageBytes()));
        services.apply(new ContextOutbox(context)).forEach(grpc::addService);
        // Vert.x shares a port among the instances only when it is fixed or negative: port 0 would
        // bind each instance to a different random port. -1 is one random port shared by all.
        int port = options.getGrpcPort() == 0 ? -1 : options.getGrpcPort();
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(options.getGrpcHost())
                .setPort(port)
                .setTcpNoDelay(true));
        server.connectionHandler(GrpcVerticle::consolidateFlushes);
        return server.requestHandler(grpc).listen();
    }

    /**
     * Replies reach the event loop in batches (see ContextOutbox) but outside a socket read, where
     * Vert.x flushes every response on its own: one write syscall per reply. Netty's consolidation
     * handler, at the socket end of the pipeline, turns the flushes of one batch into one.
     */
    private static void consolidateFlushes(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().pipeline().addFirst("accrue-flush-consolidation",
                    new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        }
    }

    int actualPort() {
        return server.actualPort();
    }
}
