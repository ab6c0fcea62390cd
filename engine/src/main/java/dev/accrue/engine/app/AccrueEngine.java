package dev.accrue.engine.app;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.grpc.ContextOutbox;
import dev.accrue.engine.grpc.DiagnosticsEndpoint;
import dev.accrue.engine.grpc.EventFeed;
import dev.accrue.engine.grpc.MemberEventsEndpoint;
import dev.accrue.engine.journal.JournalHandler;
import dev.accrue.engine.journal.JournalWriter;
import dev.accrue.engine.grpc.MembersEndpoint;
import dev.accrue.engine.grpc.PurchasesEndpoint;
import dev.accrue.engine.pipeline.CommandPipeline;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.engine.pipeline.LoyaltyProcessor;
import dev.accrue.engine.rules.ProgramVersions;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.engine.state.EngineState;
import dev.accrue.loyalty.v1.DiagnosticsGrpcService;
import dev.accrue.loyalty.v1.MemberEventsGrpcService;
import dev.accrue.loyalty.v1.MembersGrpcService;
import dev.accrue.loyalty.v1.ProgramsGrpcService;
import dev.accrue.loyalty.v1.MemberAdminGrpcService;
import dev.accrue.loyalty.v1.RedemptionsGrpcService;
import dev.accrue.engine.grpc.RedemptionsEndpoint;
import dev.accrue.engine.grpc.MemberAdminEndpoint;
import dev.accrue.engine.grpc.ProgramsEndpoint;
import dev.accrue.loyalty.v1.PurchasesGrpcService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: recovers the state from the journal, starts the pipeline, then serves
 * gRPC. Closing undoes it in reverse: stop taking calls, drain the ring (its replies still reach
 * their event loops), close the journal, stop Vert.x, close the stores, and mark the data clean.
 */
public final class AccrueEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccrueEngine.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final DataDirectory data;
    private final DiscardedFiles discarded;
    private final Checkpoints checkpoints;
    private final EngineState state;
    private final JournalHandler journal;
    private final PeriodicCommands timer;
    private final CommandPipeline pipeline;
    private final EventFeed events;
    private final Vertx vertx;
    private final int grpcPort;

    private AccrueEngine(DataDirectory data, DiscardedFiles discarded, Checkpoints checkpoints, EngineState state,
                         JournalHandler journal, PeriodicCommands timer, CommandPipeline pipeline, EventFeed events,
                         Vertx vertx, int grpcPort) {
        this.data = data;
        this.discarded = discarded;
        this.checkpoints = checkpoints;
        this.state = state;
        this.journal = journal;
        this.timer = timer;
        this.pipeline = pipeline;
        this.events = events;
        this.vertx = vertx;
        this.grpcPort = grpcPort;
    }

    /** Starts the engine and returns once it serves gRPC. */
    public static AccrueEngine start(EngineOptions options) throws Exception {
        EngineOptions opts = new EngineOptions(options);
        Program programFile = ProgramFileLoader.read(opts.getProgramFile());
        DataDirectory data = DataDirectory.open(opts.getDataDirectory());
        EarlyVertx vertx = EarlyVertx.start(opts.getEventLoops());
        try {
            return start(opts, programFile, data, vertx);
        } catch (Exception | Error e) {
            vertx.close(); // everything else the start opened, it closed
            data.unlock();
            throw e;
        }
    }

    private static AccrueEngine start(EngineOptions opts, Program programFile, DataDirectory data,
                                      EarlyVertx earlyVertx) throws Exception {
        EngineState state = Recovery.recover(data, opts);
        PhaseTimes started = new PhaseTimes();
        JournalHandler journal;
        try {
            long last = state.counters().lastSequence();
            journal = new JournalHandler(JournalWriter.open(data.journal(), last, opts.getJournalSegmentBytes(),
                    opts.getJournalFsync()));
        } catch (Exception e) {
            state.close();
            throw e;
        }
        DiscardedFiles discarded = new DiscardedFiles(data.discarded());
        if (!opts.isCheckpointCopyInMemory()) {
            state.copyNothingInMemoryAtCheckpoints();
        }
        Checkpoints checkpoints = new Checkpoints(data, state, discarded);
        LoyaltyProcessor processor = new LoyaltyProcessor(state, journal, opts.eventIdRetentionMillis(),
                opts.purchaseRetentionMillis(), checkpoints);
        ProgramVersions programs = processor.programs();
        if (opts.isMembersWriteAhead()) {
            journal.readyingWritesWith(processor.writeAhead());
        }
        CommandPipeline pipeline = new CommandPipeline(opts.getRingSize(), opts.getWaitStrategy(), journal, processor)
                .start();
        PeriodicCommands timer = new PeriodicCommands(pipeline.publisher(), System::currentTimeMillis)
                .now(CommandType.CLOCK_TICK)
                .every(opts.getClockTickMillis(), CommandType.CLOCK_TICK)
                .every(opts.getCheckpointIntervalSeconds() * 1_000L, CommandType.CHECKPOINT);
        started.mark("journal and ring");
        // What a failure from here until the servers are up must close, last started first.
        AutoCloseable closeStarted = () -> {
            timer.close();
            pipeline.close();
            checkpoints.close();
            journal.close();
            state.close();
        };
        try {
            // Wall-clock time is read here, in the app, and journaled with the change.
            ProgramFileLoader.apply(pipeline.publisher(), programs, programFile, System.currentTimeMillis());
        } catch (Exception e) {
            closeStarted.close();
            throw e;
        }
        if (opts.isSeedDemoMembers() && state.counters().memberCount() == 0) {
            try {
                DemoMembers.enrol(pipeline.publisher());
            } catch (Exception e) {
                closeStarted.close();
                throw e;
            }
            LOG.info("enrolled {} demo members (cards DEMO-0001..DEMO-{})", DemoMembers.MEMBERS.size(),
                    String.format("%04d", DemoMembers.MEMBERS.size()));
        }

        started.mark("program file");
        Vertx vertx;
        try {
            vertx = earlyVertx.await();
        } catch (Exception e) {
            closeStarted.close();
            throw e;
        }
        started.mark("Vert.x (created during recovery)");
        HealthService health = HealthService.create(vertx)
                .register(PurchasesGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(MembersGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(DiagnosticsGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(ProgramsGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(MemberAdminGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(RedemptionsGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true))
                .register(MemberEventsGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true));
        EventFeed events = new EventFeed(state.movements(), programs);
        Function<ContextOutbox, List<Service>> services = outbox -> List.of(
                new PurchasesEndpoint(pipeline.publisher(), programs, opts.getStreamWindowEvents(), outbox),
                new MembersEndpoint(pipeline.publisher(), outbox),
                new DiagnosticsEndpoint(pipeline.publisher(), outbox),
                new ProgramsEndpoint(pipeline.publisher(), programs, outbox),
                new MemberAdminEndpoint(pipeline.publisher(), outbox),
                new RedemptionsEndpoint(pipeline.publisher(), opts.getStreamWindowEvents(), outbox),
                new MemberEventsEndpoint(events),
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
            events.close();
            closeStarted.close();
            throw e;
        }
        started.mark("gRPC servers");
        AccrueEngine engine = new AccrueEngine(data, discarded, checkpoints, state, journal, timer, pipeline, events,
                vertx, first[0].actualPort());
        earlyVertx.handOver();
        // What recovery set aside goes now, while the engine serves.
        discarded.deleteAll();
        if (opts.getCheckpointIntervalSeconds() > 0 && opts.isCheckpointCopyInMemory()) {
            checkpoints.prepare();
        }
        ProgramVersions.Version inForce = programs.published().get(programs.published().size() - 1);
        LOG.info("{} (program version {}) serving gRPC on {}:{} with {} event loops; data in {}; {} members of {}; "
                        + "after recovery {}; JVM up {} ms", inForce.program().name(), inForce.number(), opts.getGrpcHost(),
                engine.grpcPort, opts.getEventLoops(), opts.getDataDirectory().toAbsolutePath(),
                state.counters().memberCount(), state.members().capacity(), started,
                ManagementFactory.getRuntimeMXBean().getUptime());
        if (state.members().capacity() != opts.getMemberCapacity()) {
            LOG.warn("members.capacity={} ignored: the state was created for {} members (rebuild the data "
                    + "directory to change it)", opts.getMemberCapacity(), state.members().capacity());
        }
        return engine;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public EngineState state() {
        return state;
    }

    /** The ring, for in-process producers (tools that feed commands in bulk, bypassing gRPC). */
    public CommandPublisher publisher() {
        return pipeline.publisher();
    }

    @Override
    public void close() {
        // Subscribers first, while their event loops run: they are told to resume elsewhere or later.
        events.close();
        try {
            for (String deployment : vertx.deploymentIDs()) {
                vertx.undeploy(deployment).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("gRPC servers did not stop cleanly", e);
        }
        timer.close();
        pipeline.close();
        checkpoints.close();
        discarded.close();
        boolean journalClosed = false;
        try {
            journal.close();
            journalClosed = true;
        } catch (Exception e) {
            LOG.error("journal did not close cleanly; the next start rebuilds the state from it", e);
        }
        try {
            vertx.close().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not stop cleanly", e);
        }
        state.close();
        if (journalClosed) {
            try {
                data.markClean();
            } catch (Exception e) {
                LOG.error("could not mark the data clean; the next start rebuilds the state from the journal", e);
            }
        }
        data.unlock();
        LOG.info("engine stopped; journal {}", journal.stats());
    }

    /** Takes a checkpoint now, between two commands, and returns once it is durable. */
    public void checkpoint() throws InterruptedException {
        startCheckpoint();
        checkpoints.awaitDurable();
    }

    /**
     * Takes a checkpoint now, between two commands, and returns once the business thread has copied
     * the state: commands are applied again while the copy is made durable in the background.
     */
    void startCheckpoint() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        long sequence;
        while ((sequence = pipeline.publisher().tryClaim()) == CommandPublisher.RING_FULL) {
            Thread.onSpinWait();
        }
        CommandSlot slot = pipeline.publisher().slot(sequence);
        slot.reset(CommandType.CHECKPOINT);
        slot.reply = finished -> done.countDown();
        pipeline.publisher().publish(sequence);
        if (!done.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("checkpoint did not complete");
        }
    }

    /** Returns once the last checkpoint taken is durable (or has failed). */
    void awaitCheckpointDurable() {
        checkpoints.awaitDurable();
    }
}
