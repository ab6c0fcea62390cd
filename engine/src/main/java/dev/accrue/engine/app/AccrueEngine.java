package dev.accrue.engine.app;

import dev.accrue.engine.grpc.ContextOutbox;
import dev.accrue.engine.grpc.MembersEndpoint;
import dev.accrue.engine.grpc.PurchasesEndpoint;
import dev.accrue.engine.pipeline.CommandPipeline;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.rules.BaseEarnRule;
import dev.accrue.engine.rules.LoyaltyProgram;
import dev.accrue.engine.state.EngineState;
import dev.accrue.loyalty.v1.MembersGrpcService;
import dev.accrue.loyalty.v1.PurchasesGrpcService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: opens the state, starts the pipeline, then serves gRPC. Closing undoes it
 * in reverse: stop taking calls, drain the ring (its replies still reach their event loops), stop
 * Vert.x, close the stores — so every command accepted is applied before the files close.
 */
public final class AccrueEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccrueEngine.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final EngineState state;
    private final CommandPipeline pipeline;
    private final Vertx vertx;
    private final int grpcPort;

    private AccrueEngine(EngineState state, CommandPipeline pipeline, Vertx vertx, int grpcPort) {
        this.state = state;
        this.pipeline = pipeline;
        this.vertx = vertx;
        this.grpcPort = grpcPort;
    }

    /** Starts the engine and returns once it serves gRPC. */
    public static AccrueEngine start(EngineOptions options) throws Exception {
        EngineOptions opts = new EngineOptions(options);
        LoyaltyProgram program = new LoyaltyProgram(opts.getProgramName(), new BaseEarnRule(opts.getEarnRates()));
        EngineState state = EngineState.open(opts.getDataDirectory().toFile(), opts.getMemberCapacity());
        CommandPipeline pipeline = new CommandPipeline(opts.getRingSize(), opts.getWaitStrategy(),
                new LoyaltyProcessor(state, program)).start();
        if (opts.isSeedDemoMembers() && state.counters().memberCount() == 0) {
            try {
                DemoMembers.enrol(pipeline.publisher());
            } catch (Exception e) {
                pipeline.close();
                state.close();
                throw e;
            }
            LOG.info("enrolled {} demo members (cards DEMO-0001..DEMO-{})", DemoMembers.MEMBERS.size(),
                    String.format("%04d", DemoMembers.MEMBERS.size()));
        }

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(opts.getEventLoops()));
        HealthService health = HealthService.create(vertx)
                .register(PurchasesGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(MembersGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true));
        Function<ContextOutbox, List<Service>> services = outbox -> List.of(
                new PurchasesEndpoint(pipeline.publisher(), program.baseEarn(), opts.getStreamWindowEvents(), outbox),
                new MembersEndpoint(pipeline.publisher(), outbox),
                health,
                ReflectionService.v1());
        GrpcVerticle[] first = new GrpcVerticle[1];
        try {
            vertx.deployVerticle(() -> {
                        GrpcVerticle verticle = new GrpcVerticle(opts, services);
                        if (first[0] == null) {
                            first[0] = verticle;
                        }
                        return verticle;
                    }, new DeploymentOptions().setInstances(opts.getEventLoops()))
                    .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            pipeline.close();
            state.close();
            throw e;
        }
        AccrueEngine engine = new AccrueEngine(state, pipeline, vertx, first[0].actualPort());
        LOG.info("{} serving gRPC on {}:{} with {} event loops; data in {}; {} members; earn rates {}",
                program.name(), opts.getGrpcHost(), engine.grpcPort, opts.getEventLoops(),
                opts.getDataDirectory().toAbsolutePath(), state.counters().memberCount(), program.baseEarn().rates());
        return engine;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public EngineState state() {
        return state;
    }

    @Override
    public void close() {
        try {
            for (String deployment : vertx.deploymentIDs()) {
                vertx.undeploy(deployment).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("gRPC servers did not stop cleanly", e);
        }
        pipeline.close();
        try {
            vertx.close().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not stop cleanly", e);
        }
        state.close();
        LOG.info("engine stopped");
    }
}
