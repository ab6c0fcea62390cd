#!/usr/bin/env bash
# Engine against a bare gRPC echo server, same load, one run:
#   1. the echo server (dev.accrue.bench.echo.EchoServer) under unary and streaming load;
#   2. the engine (engine/target/accrue-engine.jar, fresh data dir) under the same load;
#   3. a table: per scenario, each server's throughput, the engine's share of the echo's, latencies
#      and server CPU per purchase.
# Servers and the load generator run as separate JVMs on 127.0.0.1. Every wait is bounded and
# every process and temp dir this script starts is cleaned up on exit.
#
# Usage: benchmarks/run-load.sh [ENGINE_OPTION ...]
#   e.g. benchmarks/run-load.sh --ring.wait-strategy=phased
#   Engine options (--key=value, as accrue-engine.jar takes them) go to the engine only.
#
# Environment (defaults give a run of about 3 minutes):
#   WARMUP=10 DURATION=10 DRAIN=10     seconds per scenario: warm-up, measured, wait for stragglers
#                                      (each scenario is a new generator JVM: its JIT needs the warm-up)
#   MEMBERS=10000                      members enrolled in the engine and bought for (ids 1..MEMBERS)
#   MEMBERS_CAPACITY=1000000           the engine's members.capacity
#   EVENT_IDS=12000000                 the engine's idempotency.capacity and returns.capacity: every purchase of the run
#                                      has a new event id, and a full table refuses purchases
#                                      (2 GiB of direct memory each at 12M)
#   INFLIGHT="64 256"                  unary scenarios: calls in flight
#   STREAMS=2 BATCH=100 BATCHES_IN_FLIGHT=4   the streaming scenario ("" STREAMS to skip it)
#   EVENT_LOOPS=2                      server event loops (echo --event-loops, engine grpc.event-loops)
#   CLIENT_EVENT_LOOPS=2               the load generator's event loops
#   ECHO_PORT=9191 ENGINE_PORT=9190    first ports tried; the next free one is used if taken
#   SERVER_JAVA_OPTS="" CLIENT_JAVA_OPTS=""   extra JVM options (e.g. -Xmx2g) for servers / generator
#   SKIP_ECHO=1 / SKIP_ENGINE=1        run one side only
#   OUT_DIR=benchmarks/target/load-<time>   where logs and results.txt go
#   BUILD=1                            build the jars first (mvn -pl benchmarks -am package -DskipTests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-10}"
DRAIN="${DRAIN:-10}"
MEMBERS="${MEMBERS:-10000}"
MEMBERS_CAPACITY="${MEMBERS_CAPACITY:-1000000}"
EVENT_IDS="${EVENT_IDS:-12000000}"
INFLIGHT="${INFLIGHT:-64 256}"
STREAMS="${STREAMS-2}"
BATCH="${BATCH:-100}"
BATCHES_IN_FLIGHT="${BATCHES_IN_FLIGHT:-4}"
EVENT_LOOPS="${EVENT_LOOPS:-2}"
CLIENT_EVENT_LOOPS="${CLIENT_EVENT_LOOPS:-2}"
ECHO_PORT="${ECHO_PORT:-9191}"
ENGINE_PORT="${ENGINE_PORT:-9190}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:-}"
OUT_DIR="${OUT_DIR:-$ROOT/benchmarks/target/load-$(date +%Y%m%d-%H%M%S)}"
ENGINE_ARGS=("$@")

BENCH_JAR="$ROOT/benchmarks/target/accrue-benchmarks.jar"
ENGINE_JAR="$ROOT/engine/target/accrue-engine.jar"
HOST=127.0.0.1
START_TIMEOUT=90   # seconds for a server to accept connections
STOP_TIMEOUT=15    # seconds for a server to exit after SIGTERM before SIGKILL

if [[ "${BUILD:-0}" == 1 ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
for jar in "$BENCH_JAR" "$ENGINE_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "missing $jar; build with: mvn -B -q -pl benchmarks -am package -DskipTests (or BUILD=1)" >&2
    exit 2
  fi
done
mkdir -p "$OUT_DIR"
RESULTS="$OUT_DIR/results.txt"
: > "$RESULTS"

SERVER_PID=""
CHILD_PID=""
DATA_DIR=""
cleanup() {
  if [[ -n "$CHILD_PID" ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true   # timeout(1) passes it on to the generator
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  stop_server || true
  if [[ -n "$DATA_DIR" && -d "$DATA_DIR" ]]; then
    rm -rf -- "$DATA_DIR"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_bounded LIMIT LOG CMD...: runs CMD for at most LIMIT seconds, output to LOG. In the
# background and waited for, so that a signal to this script is handled at once, not after CMD.
run_bounded() {
  local limit="$1" log_file="$2" rc=0
  shift 2
  timeout --kill-after=10 "$limit" "$@" > "$log_file" 2>&1 &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  return "$rc"
}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# The first port from $1 on that nobody listens on.
free_port() {
  local port="$1" tries=0
  while port_open "$port"; do
    port=$((port + 1)); tries=$((tries + 1))
    if (( tries > 50 )); then echo "no free port near $1" >&2; return 1; fi
  done
  echo "$port"
}

# Waits until the server's log says it serves (pattern $1) and port $2 accepts connections; fails
# if the server dies or START_TIMEOUT passes. The log line makes sure it is our server listening.
await_ready() {
  local pattern="$1" port="$2" log_file="$3" deadline=$((SECONDS + START_TIMEOUT))
  until grep -q -- "$pattern" "$log_file" && port_open "$port"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server exited before listening; its log ($log_file):" >&2
      tail -n 30 "$log_file" >&2
      SERVER_PID=""
      return 1
    fi
    if (( SECONDS >= deadline )); then
      echo "server not listening on $port after ${START_TIMEOUT}s; see $log_file" >&2
      return 1
    fi
    sleep 0.2
  done
}

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$SERVER_PID" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server $SERVER_PID ignored SIGTERM for ${STOP_TIMEOUT}s; killing it" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# load SERVER SCENARIO PORT ARGS...: one load-generator run, its RESULT line tagged and kept.
load() {
  local server="$1" scenario="$2" port="$3"
  shift 3
  local log_file="$OUT_DIR/$server-$scenario.log"
  local limit=$((WARMUP + DURATION + DRAIN + 60))
  log "$server / $scenario ..."
  local rc=0
  # shellcheck disable=SC2086
  run_bounded "$limit" "$log_file" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" dev.accrue.bench.load.LoadGenerator \
      --target="$HOST:$port" --members="$MEMBERS" --warmup="$WARMUP" --duration="$DURATION" --drain="$DRAIN" \
      --client-event-loops="$CLIENT_EVENT_LOOPS" --server-pid="$SERVER_PID" "$@" || rc=$?
  if (( rc != 0 )); then
    echo "  load generator failed (exit $rc); see $log_file" >&2
  fi
  local result
  result="$(grep '^RESULT ' "$log_file" | tail -n 1 || true)"
  if [[ -n "$result" ]]; then
    echo "server=$server scenario=$scenario ${result#RESULT }" >> "$RESULTS"
    echo "  $(grep -E '^(throughput|latency per)' "$log_file" | tr '\n' ' ')"
  else
    echo "server=$server scenario=$scenario failed=1" >> "$RESULTS"
  fi
}

# The scenarios, the same for both servers. Members are ids 1..MEMBERS on both.
run_scenarios() {
  local server="$1" port="$2"
  local n
  for n in $INFLIGHT; do
    load "$server" "unary-$n" "$port" --mode=unary --in-flight="$n" --no-enrol
  done
  if [[ -n "$STREAMS" ]]; then
    load "$server" "stream-${STREAMS}x${BATCH}" "$port" --mode=stream --streams="$STREAMS" --batch="$BATCH" \
      --batches-in-flight="$BATCHES_IN_FLIGHT" --no-enrol
  fi
}

log "cores=$(nproc) load average at start: $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT_DIR"

if [[ "${SKIP_ECHO:-0}" != 1 ]]; then
  port="$(free_port "$ECHO_PORT")"
  log "starting echo server on $HOST:$port ($EVENT_LOOPS event loops)"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -cp "$BENCH_JAR" dev.accrue.bench.echo.EchoServer \
    --host="$HOST" --port="$port" --event-loops="$EVENT_LOOPS" > "$OUT_DIR/echo-server.log" 2>&1 &
  SERVER_PID=$!
  await_ready "ECHO READY" "$port" "$OUT_DIR/echo-server.log"
  run_scenarios echo "$port"
  stop_server
fi

if [[ "${SKIP_ENGINE:-0}" != 1 ]]; then
  port="$(free_port "$ENGINE_PORT")"
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/accrue-load.XXXXXX")"
  log "starting engine on $HOST:$port ($EVENT_LOOPS event loops, data in $DATA_DIR) ${ENGINE_ARGS[*]:-}"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -jar "$ENGINE_JAR" --grpc.host="$HOST" --grpc.port="$port" --data.dir="$DATA_DIR" \
    --grpc.event-loops="$EVENT_LOOPS" --demo.seed-members=false --members.capacity="$MEMBERS_CAPACITY" \
    --idempotency.capacity="$EVENT_IDS" --returns.capacity="$EVENT_IDS" \
    ${ENGINE_ARGS[@]+"${ENGINE_ARGS[@]}"} > "$OUT_DIR/engine-server.log" 2>&1 &
  SERVER_PID=$!
  await_ready "serving gRPC on" "$port" "$OUT_DIR/engine-server.log"
  # Enrol once: a fresh store numbers members 1..MEMBERS, the ids every scenario buys for.
  enrol_log="$OUT_DIR/engine-enrol.log"
  log "engine / enrol $MEMBERS members ..."
  # shellcheck disable=SC2086
  run_bounded $((MEMBERS / 1000 + 120)) "$enrol_log" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" \
    dev.accrue.bench.load.LoadGenerator --target="$HOST:$port" --mode=enrol --members="$MEMBERS" \
    --drain="$DRAIN" || { echo "enrolment failed; see $enrol_log" >&2; exit 1; }
  grep '^RESULT ' "$enrol_log" | sed 's/^RESULT /  /'
  if ! grep -q '^RESULT .* errors=0 ' "$enrol_log"; then
    echo "enrolment had errors; see $enrol_log" >&2
    exit 1
  fi
  run_scenarios engine "$port"
  stop_server
  rm -rf -- "$DATA_DIR"
  DATA_DIR=""
fi

log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# The table. Each line of results.txt is key=value fields; look fields up by name.
awk -v cores="$(nproc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
  function field(line, key,   n, i, parts, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) {
      split(parts[i], kv, "=")
      if (kv[1] == key) return substr(parts[i], length(key) + 2)
    }
    return ""
  }
  function lat(line) {
    if (line == "" || field(line, "failed") != "") return "-"
    return sprintf("%.0f/%.0f", field(line, "p50us"), field(line, "p99us"))
  }
  function thr(line) {
    if (line == "" || field(line, "failed") != "") return "-"
    return sprintf("%.0f", field(line, "throughput"))
  }
  function cpu(line,   v) {
    v = field(line, "serverCpuUsPerOp")
    if (line == "" || v == "" || v < 0) return "-"
    return sprintf("%.1f", v)
  }
  {
    s = field($0, "scenario"); srv = field($0, "server")
    if (!(s in seen)) { seen[s] = 1; order[++count] = s }
    row[srv, s] = $0
  }
  END {
    printf "\n%-16s %12s %12s %7s %15s %15s %9s %9s %7s\n", "scenario", "echo/s", "engine/s", "ratio", \
      "echo p50/p99", "engine p50/p99", "echo cpu", "eng cpu", "errors"
    printf "%-16s %12s %12s %7s %15s %15s %9s %9s %7s\n", "", "(purchases)", "(purchases)", "eng/echo", \
      "(us)", "(us)", "us/purch", "us/purch", "eng"
    for (i = 1; i <= count; i++) {
      s = order[i]; e = row["echo", s]; g = row["engine", s]
      ratio = "-"
      if (thr(e) != "-" && thr(g) != "-" && field(e, "throughput") > 0)
        ratio = sprintf("%.0f%%", 100 * field(g, "throughput") / field(e, "throughput"))
      errs = (g == "" ? "-" : (field(g, "failed") != "" ? "fail" : field(g, "errors")))
      printf "%-16s %12s %12s %7s %15s %15s %9s %9s %7s\n", s, thr(e), thr(g), ratio, lat(e), lat(g), cpu(e), cpu(g), errs
    }
    printf "\nthroughput: OK purchases/s over the measured window; latency: per call (unary) or per batch (stream);\n"
    printf "cpu: server CPU time per purchase over the window. Load average now %s on %s cores", load, cores
    if (load + 0 > cores + 0) printf " (busy machine: compare ratios and cpu, not absolute rates)"
    printf ".\n"
  }' "$RESULTS" | tee "$OUT_DIR/table.txt"
