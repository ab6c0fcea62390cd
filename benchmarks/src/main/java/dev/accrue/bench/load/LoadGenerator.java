package dev.accrue.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Drives a Purchases and Redemptions server (the engine or the echo server) from a JVM of its own
 * and reports throughput, latency percentiles and errors. Closed loop: a fixed number of calls
 * (unary), hold-then-capture pairs, or batches per stream (stream) in flight, each answer sending
 * the next, so the figure is what the server sustains at that concurrency. Open loop ({@code
 * --rate}, unary and redeem): calls sent on a fixed schedule, latency from each one's due time, so
 * the figure is the latency a given load sees (see {@link UnaryWorker}). Redemption runs first
 * give members points to spend ({@code --seed-points}), outside the measured window.
 *
 * <pre>
 * java -cp benchmarks/target/accrue-benchmarks.jar dev.accrue.bench.load.LoadGenerator \
 *     --target=127.0.0.1:9090 --mode=unary --in-flight=64 --warmup=5 --duration=10 --members=10000
 * </pre>
 *
 * Prints progress once a second and ends with a {@code RESULT ...} line for scripts. Every phase
 * is bounded in time: enrolment by {@link #enrolSeconds}, the run by warm-up + duration + drain.
 * Exits 0 when at least one purchase (or redemption) was recorded.
 */
public final class LoadGenerator {
    private static final long SECOND = 1_000_000_000L;

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("load: " + e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.clientEventLoops));
        int exit;
        try {
            exit = run(vertx, options, Long.toString(System.currentTimeMillis(), 36));
        } catch (Exception e) {
            e.printStackTrace();
            exit = 1;
        }
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Exiting anyway.
        }
        System.exit(exit);
    }

    private static int run(Vertx vertx, LoadOptions o, String nonce) throws Exception {
        long[] memberIds;
        if (o.enrol || o.mode == LoadOptions.Mode.ENROL) {
            memberIds = enrol(vertx, o, nonce);
            if (memberIds == null) {
                return 1;
            }
        } else {
            memberIds = new long[o.members];
            for (int i = 0; i < memberIds.length; i++) {
                memberIds[i] = i + 1;
            }
        }
        if (o.seedPoints() > 0 && !seed(vertx, o, memberIds, nonce)) {
            return 1;
        }
        if (o.mode == LoadOptions.Mode.ENROL) {
            return 0;
        }

        long building = System.nanoTime();
        boolean redeems = o.mode.redeems();
        PurchasePool purchases = redeems ? null : PurchasePool.build(o.poolSize, memberIds, "ld-" + nonce + "-pool-", o.seed);
        RedemptionPool redemptions = redeems
                ? RedemptionPool.build(o.poolSize, memberIds, o.redeemPoints, "ld-" + nonce + "-pool-", o.seed) : null;
        String unit = redeems ? "redemptions" : "purchases";
        System.out.printf("built %,d %s in %.1f s; event ids %s%n", o.poolSize, unit,
                (System.nanoTime() - building) / 1e9, o.freshEventIds ? "fresh per event" : "pooled");

        int connections = o.effectiveConnections();
        String call = switch (o.mode) {
            case UNARY -> "unary RecordPurchase";
            case STREAM -> "StreamPurchases";
            case REDEEM -> "unary Redeem";
            case REDEEM_STREAM -> "RedeemStream";
            case HOLD_CAPTURE -> "unary Hold then Capture";
            case ENROL -> throw new IllegalStateException();
        };
        String mode = o.mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String headline;
        String prefix;
        if (o.mode.streams()) {
            headline = String.format("%s on %s: %d streams over %d connections, batches of %d, %d batches in flight per stream, %d s measured after %d s warm-up",
                    call, o.target(), o.streams, connections, o.batch, o.batchesInFlight, o.durationSeconds, o.warmupSeconds);
            prefix = String.format("mode=%s target=%s streams=%d batch=%d batchesInFlight=%d connections=%d duration=%d",
                    mode, o.target(), o.streams, o.batch, o.batchesInFlight, connections, o.durationSeconds);
        } else if (o.openLoop()) {
            headline = String.format("%s on %s: open loop at %,d calls/s over %d connections, %d s measured after %d s warm-up",
                    call, o.target(), o.rate, connections, o.durationSeconds, o.warmupSeconds);
            prefix = String.format("mode=%s target=%s rate=%d connections=%d duration=%d",
                    mode, o.target(), o.rate, connections, o.durationSeconds);
        } else {
            headline = String.format("%s on %s: %d %s in flight over %d connections, %d s measured after %d s warm-up",
                    call, o.target(), o.inFlight, o.mode == LoadOptions.Mode.HOLD_CAPTURE ? "pairs" : "calls",
                    connections, o.durationSeconds, o.warmupSeconds);
            prefix = String.format("mode=%s target=%s inflight=%d connections=%d duration=%d",
                    mode, o.target(), o.inFlight, connections, o.durationSeconds);
        }
        System.out.println(headline);

        RunWindow window = RunWindow.startingNow(o.warmupSeconds, o.durationSeconds);
        Progress progress = new Progress();
        RateSchedule schedule = o.openLoop() ? new RateSchedule(window.start, o.rate, connections) : null;
        DueCalls[] due = new DueCalls[connections]; // each connection's share of the schedule; none in a closed loop
        for (int i = 0; schedule != null && i < connections; i++) {
            due[i] = new DueCalls(schedule, i);
        }
        List<LoadWorker> workers = deploy(vertx, connections, i -> switch (o.mode) {
            case UNARY -> new PurchaseWorker(o, window, progress, i, share(o.inFlight, connections, i), due[i],
                    purchases, nonce);
            case STREAM -> new PurchaseStreamWorker(o, window, progress, i, share(o.streams, connections, i), purchases, nonce);
            case REDEEM -> new RedeemWorker(o, window, progress, i, share(o.inFlight, connections, i), due[i],
                    redemptions, nonce);
            case REDEEM_STREAM -> new RedeemStreamWorker(o, window, progress, i, share(o.streams, connections, i),
                    redemptions, nonce);
            case HOLD_CAPTURE -> new HoldCaptureWorker(o, window, progress, i, share(o.inFlight, connections, i),
                    redemptions, nonce);
            case ENROL -> throw new IllegalStateException();
        });
        if (schedule != null) {
            // After deployment: every worker has attached its event loop to its share.
            new RatePacer(schedule, List.of(due), window.end).start();
        }
        CpuWindow cpu = new CpuWindow(o.serverPid);
        PerSecond perSecond = new PerSecond();
        List<WorkerStats> stats = watch(workers, window, progress, cpu, perSecond, unit,
                window.end + o.drainSeconds * SECOND);

        LoadReport report = new LoadReport(stats, window.measuredSeconds());
        report.clientCpuNanos = cpu.selfNanos();
        report.serverCpuNanos = cpu.serverNanos();
        report.perSecondMedian = perSecond.median();
        report.targetRate = o.rate;
        String latencyOf = o.mode.streams() ? "batch" : o.mode == LoadOptions.Mode.HOLD_CAPTURE ? "hold" : "call";
        report.print(headline, unit, latencyOf, prefix);
        return report.ok > 0 ? 0 : 1;
    }

    /**
     * Gives every member {@code --seed-points} points before the run (not measured): one purchase
     * each. False if none could be given.
     */
    private static boolean seed(Vertx vertx, LoadOptions o, long[] memberIds, String nonce) throws Exception {
        int connections = 2;
        RunWindow window = RunWindow.startingNow(0, enrolSeconds(memberIds.length));
        Progress progress = new Progress();
        System.out.printf("seeding %,d members with %,d points each (one purchase of %,d EUR; at most %d s)%n",
                memberIds.length, o.seedPoints(), o.seedPoints(), enrolSeconds(memberIds.length));
        List<LoadWorker> workers = deploy(vertx, connections, i -> new SeedWorker(o, window, progress, memberIds,
                (int) ((long) memberIds.length * i / connections), (int) ((long) memberIds.length * (i + 1) / connections),
                Math.max(1, share(o.enrolInFlight, connections, i)), o.seedPoints(), nonce));
        List<WorkerStats> stats = watch(workers, window, progress, null, null, "members",
                window.end + o.drainSeconds * SECOND);
        LoadReport report = new LoadReport(stats, (System.nanoTime() - window.start) / 1e9);
        report.print(String.format("seed: RecordPurchase on %s for %,d members", o.target(), memberIds.length),
                "members", "call", String.format("mode=seed target=%s members=%d points=%d", o.target(),
                        memberIds.length, o.seedPoints()));
        if (report.ok == 0) {
            System.err.println("load: no member could be given points");
            return false;
        }
        return true;
    }

    /** Enrols {@code --members} members; their ids, or null if none could be enrolled. */
    private static long[] enrol(Vertx vertx, LoadOptions o, String nonce) throws Exception {
        long[] ids = new long[o.members];
        int connections = 2;
        RunWindow window = RunWindow.startingNow(0, enrolSeconds(o.members));
        Progress progress = new Progress();
        System.out.printf("enrolling %,d members on %s (%d calls in flight, at most %d s)%n",
                o.members, o.target(), o.enrolInFlight, enrolSeconds(o.members));
        List<LoadWorker> workers = deploy(vertx, connections, i -> new EnrolWorker(o, window, progress, ids,
                (int) ((long) o.members * i / connections), (int) ((long) o.members * (i + 1) / connections),
                Math.max(1, share(o.enrolInFlight, connections, i)), nonce));
        List<WorkerStats> stats = watch(workers, window, progress, null, null, "members",
                window.end + o.drainSeconds * SECOND);
        double seconds = (System.nanoTime() - window.start) / 1e9;
        LoadReport report = new LoadReport(stats, seconds);
        report.print(String.format("Members.Enrol on %s: %,d members", o.target(), o.members), "members", "call",
                String.format("mode=enrol target=%s members=%d", o.target(), o.members));
        long enrolled = java.util.Arrays.stream(ids).filter(id -> id != 0).count();
        if (enrolled == 0) {
            System.err.println("load: no member could be enrolled");
            return null;
        }
        if (enrolled < ids.length) {
            System.err.printf("load: only %,d of %,d members enrolled; buying for those%n", enrolled, ids.length);
            return java.util.Arrays.stream(ids).filter(id -> id != 0).toArray();
        }
        return ids;
    }

    /** Time allowed for enrolment: generous (at least 1,000 members/s), and never unbounded. */
    static int enrolSeconds(int members) {
        return Math.max(60, members / 1_000);
    }

    /** {@code total} split over {@code parts}: the first ones get one more when it does not divide. */
    private static int share(int total, int parts, int index) {
        return total / parts + (index < total % parts ? 1 : 0);
    }

    private static List<LoadWorker> deploy(Vertx vertx, int count, IntFunction<LoadWorker> create) throws Exception {
        List<LoadWorker> workers = new ArrayList<>();
        List<Future<String>> deployed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LoadWorker worker = create.apply(i);
            workers.add(worker);
            deployed.add(vertx.deployVerticle(worker));
        }
        Future.all(deployed).await(30, TimeUnit.SECONDS);
        return workers;
    }

    /**
     * Prints a progress line once a second until every worker is done or {@code deadline} passes,
     * then abandons what is still in flight. Returns every worker's stats.
     */
    private static List<WorkerStats> watch(List<LoadWorker> workers, RunWindow window, Progress progress,
                                           CpuWindow cpu, PerSecond perSecond, String unit, long deadline)
            throws Exception {
        List<Future<WorkerStats>> dones = workers.stream().map(LoadWorker::done).toList();
        CompletableFuture<?> all = Future.all(dones).toCompletionStage().toCompletableFuture();
        long tick = window.start + SECOND;
        long last = 0;
        if (cpu != null) {
            cpu.sample(System.nanoTime(), window);
        }
        while (!all.isDone()) {
            long now = System.nanoTime();
            if (now >= deadline) {
                System.out.println("drain timed out: abandoning what is still in flight");
                workers.forEach(LoadWorker::abandon);
                all.get(10, TimeUnit.SECONDS);
                break;
            }
            try {
                all.get(Math.max(1, Math.min(tick, deadline) - now), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // A second went by.
            }
            now = System.nanoTime();
            if (cpu != null) {
                cpu.sample(now, window);
            }
            if (now >= tick) {
                long ok = progress.ok.sum();
                String phase = now < window.measureStart ? "warm-up" : window.sending(now) ? "measure" : "drain";
                System.out.printf("[%4ds %-7s] %,10d %s/s   total %,d   errors %,d%n",
                        (now - window.start) / SECOND, phase, ok - last, unit, ok, progress.errors.sum());
                if (perSecond != null && tick - SECOND >= window.measureStart && tick <= window.end) {
                    perSecond.add(ok - last);
                }
                last = ok;
                tick += SECOND;
            }
        }
        List<WorkerStats> stats = new ArrayList<>();
        for (Future<WorkerStats> done : dones) {
            stats.add(done.toCompletionStage().toCompletableFuture().get());
        }
        return stats;
    }
}
