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
 * Drives a Purchases server (the engine or the echo server) from a JVM of its own and reports
 * throughput, latency percentiles and errors. Closed loop: a fixed number of calls (unary) or
 * batches per stream (stream) in flight, each answer sending the next, so the figure is what the
 * server sustains at that concurrency.
 *
 * <pre>
 * java -cp benchmarks/target/accrue-benchmarks.jar dev.accrue.bench.load.LoadGenerator \
 *     --target=127.0.0.1:9090 --mode=unary --in-flight=64 --warmup=5 --duration=10 --members=10000
 * </pre>
 *
 * Prints progress once a second and ends with a {@code RESULT ...} line for scripts. Every phase
 * is bounded in time: enrolment by {@link #enrolSeconds}, the run by warm-up + duration + drain.
 * Exits 0 when at least one purchase was recorded.
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
        if (o.mode == LoadOptions.Mode.ENROL) {
            return 0;
        }

        long building = System.nanoTime();
        PurchasePool pool = PurchasePool.build(o.poolSize, memberIds, "ld-" + nonce + "-pool-", o.seed);
        System.out.printf("built %,d purchases in %.1f s; event ids %s%n", pool.size(),
                (System.nanoTime() - building) / 1e9, o.freshEventIds ? "fresh per purchase" : "pooled");

        int connections = o.effectiveConnections();
        boolean unary = o.mode == LoadOptions.Mode.UNARY;
        String headline;
        String prefix;
        if (unary) {
            headline = String.format("unary RecordPurchase on %s: %d in flight over %d connections, %d s measured after %d s warm-up",
                    o.target(), o.inFlight, connections, o.durationSeconds, o.warmupSeconds);
            prefix = String.format("mode=unary target=%s inflight=%d connections=%d duration=%d",
                    o.target(), o.inFlight, connections, o.durationSeconds);
        } else {
            headline = String.format("StreamPurchases on %s: %d streams over %d connections, batches of %d, %d batches in flight per stream, %d s measured after %d s warm-up",
                    o.target(), o.streams, connections, o.batch, o.batchesInFlight, o.durationSeconds, o.warmupSeconds);
            prefix = String.format("mode=stream target=%s streams=%d batch=%d batchesInFlight=%d connections=%d duration=%d",
                    o.target(), o.streams, o.batch, o.batchesInFlight, connections, o.durationSeconds);
        }
        System.out.println(headline);

        RunWindow window = RunWindow.startingNow(o.warmupSeconds, o.durationSeconds);
        Progress progress = new Progress();
        List<LoadWorker> workers = deploy(vertx, connections, i -> unary
                ? new UnaryWorker(o, window, progress, i, share(o.inFlight, connections, i), pool, nonce)
                : new StreamWorker(o, window, progress, i, share(o.streams, connections, i), pool, nonce));
        CpuWindow cpu = new CpuWindow(o.serverPid);
        List<WorkerStats> stats = watch(workers, window, progress, cpu, "purchases",
                window.end + o.drainSeconds * SECOND);

        LoadReport report = new LoadReport(stats, window.measuredSeconds());
        report.clientCpuNanos = cpu.selfNanos();
        report.serverCpuNanos = cpu.serverNanos();
        report.print(headline, "purchases", unary ? "call" : "batch", prefix);
        return report.ok > 0 ? 0 : 1;
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
        List<WorkerStats> stats = watch(workers, window, progress, null, "members",
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
                                           CpuWindow cpu, String unit, long deadline) throws Exception {
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
