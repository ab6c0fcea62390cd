package dev.accrue.bench.load;

import java.util.Locale;

/** The load generator's command line: {@code --key=value} options and a few bare flags. */
final class LoadOptions {
    enum Mode {
        /** Unary RecordPurchase. */
        UNARY,
        /** StreamPurchases. */
        STREAM,
        /** Unary Redemptions.Redeem. */
        REDEEM,
        /** Redemptions.RedeemStream. */
        REDEEM_STREAM,
        /** Unary Hold, then Capture of the whole hold, as a till does. */
        HOLD_CAPTURE,
        /** Only enrol (and seed) members. */
        ENROL;

        /** Batches on streams rather than unary calls. */
        boolean streams() {
            return this == STREAM || this == REDEEM_STREAM;
        }

        /** Spends points: members need points first (see {@code --seed-points}). */
        boolean redeems() {
            return this == REDEEM || this == REDEEM_STREAM || this == HOLD_CAPTURE;
        }
    }

    /** Points each member gets before a redemption run when the generator enrols (see {@link #seedPoints()}). */
    static final long DEFAULT_SEED_POINTS = 40_000;

    /** The server's default HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS (Vert.x): calls past it queue in the client. */
    static final int MAX_STREAMS_PER_CONNECTION = 100;

    /**
     * Open loop: connections unless told, two per event loop of the generator and of the server.
     * With the stream limit they bound calls in flight at 400, 20 ms of a 20k/s schedule.
     */
    static final int DEFAULT_OPEN_LOOP_CONNECTIONS = 4;

    Mode mode = Mode.UNARY;
    String host = "127.0.0.1";
    int port = 9090;
    int inFlight = 64;
    /** unary, redeem: calls per second on a fixed schedule (open loop); 0: closed loop of {@link #inFlight}. */
    int rate;
    int streams = 2;
    int batch = 100;
    int batchesInFlight = 4;
    int durationSeconds = 10;
    int warmupSeconds = 5;
    int drainSeconds = 10;
    int members = 10_000;
    boolean enrol = true;
    int enrolInFlight = 64;
    /** 0: unary, enough for at most 100 calls in flight on each, an even number, at least 2; stream, one per stream. */
    int connections;
    int clientEventLoops = 2;
    int poolSize = 20_000;
    /** Stamp a fresh event id on every purchase sent (default) or send the pooled ones as they are. */
    boolean freshEventIds = true;
    long seed = 42;
    /** Points each redemption (or hold, captured whole) spends. */
    long redeemPoints = 10;
    /** Points given to every member before the run, by one purchase each; -1: see {@link #seedPoints()}. */
    long seedPoints = -1;
    /** The server's process id, to report its CPU time per purchase (Linux /proc); 0: not reported. */
    long serverPid;

    static LoadOptions parse(String... args) {
        LoadOptions o = new LoadOptions();
        for (String arg : args) {
            if (arg.equals("--no-enrol")) {
                o.enrol = false;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments look like --key=value or --no-enrol, not '" + arg + "'");
            }
            String key = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (key) {
                case "mode" -> o.mode = Mode.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
                case "target" -> {
                    int colon = value.lastIndexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException("--target is host:port, not " + value);
                    }
                    o.host = value.substring(0, colon);
                    o.port = Integer.parseInt(value.substring(colon + 1));
                }
                case "in-flight" -> o.inFlight = positive(key, value);
                case "rate" -> o.rate = positive(key, value);
                case "streams" -> o.streams = positive(key, value);
                case "batch" -> o.batch = positive(key, value);
                case "batches-in-flight" -> o.batchesInFlight = positive(key, value);
                case "duration" -> o.durationSeconds = positive(key, value);
                case "warmup" -> o.warmupSeconds = notNegative(key, value);
                case "drain" -> o.drainSeconds = positive(key, value);
                case "members" -> o.members = positive(key, value);
                case "enrol-in-flight" -> o.enrolInFlight = positive(key, value);
                case "connections" -> o.connections = positive(key, value);
                case "client-event-loops" -> o.clientEventLoops = positive(key, value);
                case "pool" -> o.poolSize = positive(key, value);
                case "event-ids" -> o.freshEventIds = switch (value) {
                    case "fresh" -> true;
                    case "pooled" -> false;
                    default -> throw new IllegalArgumentException("--event-ids is fresh or pooled, not " + value);
                };
                case "seed" -> o.seed = Long.parseLong(value);
                case "redeem-points" -> o.redeemPoints = positive(key, value);
                case "seed-points" -> o.seedPoints = notNegative(key, value);
                case "server-pid" -> o.serverPid = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        if (o.rate > 0 && o.mode != Mode.UNARY && o.mode != Mode.REDEEM) {
            throw new IllegalArgumentException("--rate is for --mode=unary or redeem, not " + o.mode);
        }
        return o;
    }

    /** Calls sent on a schedule rather than in answer to each other. */
    boolean openLoop() {
        return rate > 0;
    }

    /** Connections (one worker verticle each): enough that no connection carries more than the server's stream limit. */
    int effectiveConnections() {
        if (mode.streams()) {
            return connections > 0 ? Math.min(connections, streams) : streams;
        }
        if (openLoop()) {
            return connections > 0 ? connections : DEFAULT_OPEN_LOOP_CONNECTIONS;
        }
        int needed = (inFlight + MAX_STREAMS_PER_CONNECTION - 1) / MAX_STREAMS_PER_CONNECTION;
        if (connections > 0) {
            return Math.max(connections, needed);
        }
        // An even count, so that the server's (default two) event loops get the same share.
        int count = Math.max(2, needed);
        return count % 2 == 0 ? count : count + 1;
    }

    /**
     * Points to seed every member with before the run: as given, or by default {@link
     * #DEFAULT_SEED_POINTS} when the generator enrols the members of a redemption run itself, else none.
     */
    long seedPoints() {
        if (seedPoints >= 0) {
            return seedPoints;
        }
        return enrol && mode.redeems() ? DEFAULT_SEED_POINTS : 0;
    }

    String target() {
        return host + ":" + port;
    }

    private static int positive(String key, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("--" + key + " must be at least 1: " + value);
        }
        return n;
    }

    private static int notNegative(String key, String value) {
        int n = Integer.parseInt(value);
        if (n < 0) {
            throw new IllegalArgumentException("--" + key + " must not be negative: " + value);
        }
        return n;
    }

    static final String USAGE = """
            usage: java -cp accrue-benchmarks.jar dev.accrue.bench.load.LoadGenerator [options]
              --target=HOST:PORT        server (default 127.0.0.1:9090)
              --mode=MODE               unary: RecordPurchase; stream: StreamPurchases;
                                        redeem: Redemptions.Redeem; redeem-stream: RedeemStream;
                                        hold-capture: Hold then Capture (latency of each reported);
                                        enrol: only enrol (and seed, with --seed-points) members
              --members=M               members to enrol first and buy for (default 10000)
              --no-enrol                do not enrol; use member ids 1..M (echo server, or already enrolled)
              --seed-points=P           before the run, give every member P points by one purchase of P EUR
                                        each, not measured (default 40000 in redemption modes when the
                                        generator enrols, else 0); the program's caps limit what it earns
              --redeem-points=N         points per redemption or hold (default 10)
              --enrol-in-flight=N       enrol calls in flight (default 64)
              --in-flight=N             unary, redeem: calls in flight; each completion sends the next;
                                        hold-capture: pairs in flight (default 64)
              --rate=R                  unary, redeem: open loop instead: R calls per second in all, each sent
                                        when due whatever the answers do (a pacing thread releases them to the
                                        connections' event loops); latency counts from each call's due time,
                                        so stalls show as latency (no coordinated omission); in flight is
                                        bounded only by 100 streams per connection (reported if reached)
              --streams=S               stream, redeem-stream: streams (default 2)
              --batch=B                 stream, redeem-stream: events per batch (default 100)
              --batches-in-flight=K     stream, redeem-stream: unacknowledged batches per stream (default 4)
              --warmup=W                seconds before measuring (default 5)
              --duration=D              seconds measured (default 10)
              --drain=S                 seconds to wait for calls in flight at the end (default 10)
              --connections=C           HTTP/2 connections (default unary: 2, or the even number that keeps
                                        each under 100 calls in flight, the server's stream limit; with --rate: 4;
                                        stream: one per stream)
              --client-event-loops=N    the generator's event loops (default 2)
              --pool=P                  purchases or redemptions pre-built before the run and reused (default 20000)
              --event-ids=fresh|pooled  fresh: a unique event id stamped on each event sent (default);
                                        pooled: pooled events sent as built (ids repeat every P events,
                                        so the engine answers repeats as retries); hold-capture: always fresh
              --seed=N                  random seed for members and amounts (default 42)
              --server-pid=PID          also report the server's CPU time per event (same machine, Linux)
            """;
}
