package dev.accrue.bench.load;

import java.util.Locale;

/** The load generator's command line: {@code --key=value} options and a few bare flags. */
final class LoadOptions {
    enum Mode { UNARY, STREAM, ENROL }

    /** The server's default HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS (Vert.x): calls past it queue in the client. */
    static final int MAX_STREAMS_PER_CONNECTION = 100;

    Mode mode = Mode.UNARY;
    String host = "127.0.0.1";
    int port = 9090;
    int inFlight = 64;
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
                case "mode" -> o.mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                case "target" -> {
                    int colon = value.lastIndexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException("--target is host:port, not " + value);
                    }
                    o.host = value.substring(0, colon);
                    o.port = Integer.parseInt(value.substring(colon + 1));
                }
                case "in-flight" -> o.inFlight = positive(key, value);
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
                case "server-pid" -> o.serverPid = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        return o;
    }

    /** Connections (one worker verticle each): enough that no connection carries more than the server's stream limit. */
    int effectiveConnections() {
        if (mode == Mode.STREAM) {
            return connections > 0 ? Math.min(connections, streams) : streams;
        }
        int needed = (inFlight + MAX_STREAMS_PER_CONNECTION - 1) / MAX_STREAMS_PER_CONNECTION;
        if (connections > 0) {
            return Math.max(connections, needed);
        }
        // An even count, so that the server's (default two) event loops get the same share.
        int count = Math.max(2, needed);
        return count % 2 == 0 ? count : count + 1;
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
              --mode=unary|stream|enrol unary RecordPurchase, StreamPurchases, or only enrol members
              --members=M               members to enrol first and buy for (default 10000)
              --no-enrol                do not enrol; buy for member ids 1..M (echo server, or already enrolled)
              --enrol-in-flight=N       enrol calls in flight (default 64)
              --in-flight=N             unary: calls in flight; each completion sends the next (default 64)
              --streams=S               stream: streams (default 2)
              --batch=B                 stream: purchases per batch (default 100)
              --batches-in-flight=K     stream: unacknowledged batches per stream (default 4)
              --warmup=W                seconds before measuring (default 5)
              --duration=D              seconds measured (default 10)
              --drain=S                 seconds to wait for calls in flight at the end (default 10)
              --connections=C           HTTP/2 connections (default unary: 2, or the even number that keeps
                                        each under 100 calls in flight, the server's stream limit; stream: one per stream)
              --client-event-loops=N    the generator's event loops (default 2)
              --pool=P                  purchases pre-built before the run and reused (default 20000)
              --event-ids=fresh|pooled  fresh: a unique event id stamped on each purchase sent (default);
                                        pooled: pooled purchases sent as built (ids repeat every P purchases)
              --seed=N                  random seed for members and amounts (default 42)
              --server-pid=PID          also report the server's CPU time per purchase (same machine, Linux)
            """;
}
