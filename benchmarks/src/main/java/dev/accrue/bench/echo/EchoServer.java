package dev.accrue.bench.echo;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.TimeUnit;

/**
 * A bare Vert.x gRPC server for the Purchases and Redemptions services: the ceiling the engine is
 * compared with.
 * Deployed like the engine: one verticle per event loop, all on one port.
 *
 * <pre>
 * java -cp benchmarks/target/accrue-benchmarks.jar dev.accrue.bench.echo.EchoServer \
 *     [--host=127.0.0.1] [--port=9191] [--event-loops=2]
 * </pre>
 *
 * Prints {@code ECHO READY port=N} once it listens; stops on SIGTERM/SIGINT.
 */
public final class EchoServer {
    private static final long START_TIMEOUT_SECONDS = 60;

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 9191;
        int eventLoops = 2;
        for (String arg : args) {
            if (arg.startsWith("--host=")) {
                host = arg.substring("--host=".length());
            } else if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--event-loops=")) {
                eventLoops = Integer.parseInt(arg.substring("--event-loops=".length()));
            } else {
                System.err.println("usage: EchoServer [--host=127.0.0.1] [--port=9191] [--event-loops=2]; not: " + arg);
                System.exit(2);
            }
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        String listenHost = host;
        int listenPort = port;
        EchoVerticle[] first = new EchoVerticle[1];
        vertx.deployVerticle(() -> {
                    EchoVerticle verticle = new EchoVerticle(listenHost, listenPort);
                    if (first[0] == null) {
                        first[0] = verticle;
                    }
                    return verticle;
                }, new DeploymentOptions().setInstances(eventLoops))
                .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Exiting anyway.
            }
        }, "echo-shutdown"));
        System.out.println("ECHO READY host=" + host + " port=" + first[0].actualPort() + " eventLoops=" + eventLoops);
    }
}
