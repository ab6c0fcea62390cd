#!/usr/bin/env bash
# Engine against a bare gRPC echo server, same load, one run:
#   1. starts the echo server (dev.accrue.bench.echo.EchoServer) and the engine
#      (engine/target/accrue-engine.jar, fresh data dir), and enrols members in the engine (and, for
#      redemptions, gives them points to spend);
#   2. runs each scenario against the echo server then against the engine, ROUNDS times over, so
#      each engine window is measured right beside its echo window;
#   3. prints a table: per scenario, each server's median throughput over the rounds, the engine's
#      share of the echo's, latencies and server CPU per event (and holds' and captures' latencies).
# Servers and the load generator run as separate JVMs on 127.0.0.1. Every wait is bounded and
# every process and temp dir this script starts is cleaned up on exit.
#
# Usage: benchmarks/run-load.sh [ENGINE_OPTION ...]
#   e.g. benchmarks/run-load.sh --ring.wait-strategy=phased
#   Engine options (--key=value, as accrue-engine.jar takes them) go to the engine only.
#
# Environment (defaults give a run of about 3 minutes):
#   SCENARIOS="purchases"              purchases: unary RecordPurchase at each INFLIGHT, StreamPurchases;
#                                      redemptions: unary Redeem at each INFLIGHT, RedeemStream, and
#                                      Hold then Capture at each HOLD_INFLIGHT; or both, "purchases redemptions"
#   ROUNDS=1                           times each scenario runs on each server (echo, engine, echo, ...);
#                                      the table gives medians over the rounds
#   WARMUP=10 DURATION=10 DRAIN=10     seconds per scenario: warm-up, measured, wait for stragglers
#                                      (each scenario is a new generator JVM: its JIT needs the warm-up)
#   MEMBERS=10000                      members enrolled in the engine and used (ids 1..MEMBERS)
#   MEMBERS_CAPACITY=1000000           the engine's members.capacity
#   EVENT_IDS=12000000                 the engine's idempotency.capacity and returns.capacity: every event of the run
#                                      has a new event id, and a full table refuses events
#                                      (2 GiB of direct memory each at 12M)
#   INFLIGHT="64 256"                  unary scenarios: calls in flight ("" to skip them)
#   HOLD_INFLIGHT="64"                 hold-capture scenarios: hold-then-capture pairs in flight
#   STREAMS=2 BATCH=100 BATCHES_IN_FLIGHT=4   the streaming scenarios ("" STREAMS to skip them)
#   SEED_POINTS=40000 REDEEM_POINTS=10 redemptions: points every member gets before the scenarios (one
#                                      purchase each, not measured), and points per redemption or hold
#   EVENT_LOOPS=2                      server event loops (echo --event-loops, engine grpc.event-loops)
#   CLIENT_EVENT_LOOPS=2               the load generator's event loops
#   ECHO_PORT=9191 ENGINE_PORT=9190    first ports tried; the next free one is used if taken
#   SERVER_JAVA_OPTS="" CLIENT_JAVA_OPTS=""   extra JVM options (e.g. -Xmx2g) for servers / generator
#   SKIP_ECHO=1 / SKIP_ENGINE=1        run one side only
#   OUT_DIR=benchmarks/target/load-<time>   where logs and results.txt go
#   BUILD=1                            build the jars first (mvn -pl benchmarks -am package -DskipTests)
#   ENGINE_JAR=engine/target/accrue-engine.jar   the engine to run (e.g. an older build, side by side)
# The engine runs with checkpoint.interval-seconds=0 (no checkpoint copies the state in the middle
# of a window) unless the arguments say otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCENARIOS="${SCENARIOS:-purchases}"
ROUNDS="${ROUNDS:-1}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-10}"
DRAIN="${DRAIN:-10}"
MEMBERS="${MEMBERS:-10000}"
MEMBERS_CAPACITY="${MEMBERS_CAPACITY:-1000000}"
EVENT_IDS="${EVENT_IDS:-12000000}"
INFLIGHT="${INFLIGHT-64 256}"
HOLD_INFLIGHT="${HOLD_INFLIGHT:-64}"
STREAMS="${STREAMS-2}"
BATCH="${BATCH:-100}"
BATCHES_IN_FLIGHT="${BATCHES_IN_FLIGHT:-4}"
SEED_POINTS="${SEED_POINTS:-40000}"
REDEEM_POINTS="${REDEEM_POINTS:-10}"
EVENT_LOOPS="${EVENT_LOOPS:-2}"
CLIENT_EVENT_LOOPS="${CLIENT_EVENT_LOOPS:-2}"
ECHO_PORT="${ECHO_PORT:-9191}"
ENGINE_PORT="${ENGINE_PORT:-9190}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:-}"
OUT_DIR="${OUT_DIR:-$ROOT/benchmarks/target/load-$(date +%Y%m%d-%H%M%S)}"
ENGINE_ARGS=("$@")

BENCH_JAR="$ROOT/benchmarks/target/accrue-benchmarks.jar"
ENGINE_JAR="${ENGINE_JAR:-$ROOT/engine/target/accrue-engine.jar}"
HOST=127.0.0.1
START_TIMEOUT=90   # seconds for a server to accept connections
STOP_TIMEOUT=90    # seconds for a server to exit after SIGTERM before SIGKILL (the engine saves its tables)

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

source "$ROOT/benchmarks/lib.sh"

# load SERVER SCENARIO ROUND PORT PID ARGS...: one load-generator run, its RESULT line tagged and kept.
load() {
  local server="$1" scenario="$2" round="$3" port="$4" pid="$5"
  shift 5
  local log_file="$OUT_DIR/$server-$scenario-$round.log"
  local limit=$((WARMUP + DURATION + DRAIN + 60))
  log "$server / $scenario / round $round ..."
  local rc=0
  # shellcheck disable=SC2086
  run_bounded "$limit" "$log_file" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" dev.accrue.bench.load.LoadGenerator \
      --target="$HOST:$port" --members="$MEMBERS" --warmup="$WARMUP" --duration="$DURATION" --drain="$DRAIN" \
      --client-event-loops="$CLIENT_EVENT_LOOPS" --server-pid="$pid" --no-enrol "$@" || rc=$?
  if (( rc != 0 )); then
    echo "  load generator failed (exit $rc); see $log_file" >&2
  fi
  local result
  result="$(grep '^RESULT ' "$log_file" | tail -n 1 || true)"
  if [[ -n "$result" ]]; then
    echo "server=$server scenario=$scenario round=$round ${result#RESULT }" >> "$RESULTS"
    echo "  $(grep -E '^(throughput|latency per|refused)' "$log_file" | tr '\n' ' ')"
  else
    echo "server=$server scenario=$scenario round=$round failed=1" >> "$RESULTS"
  fi
}

# The scenarios, "name|generator arguments", the same for both servers. Members are ids 1..MEMBERS.
SCENARIO_LIST=()
for suite in $SCENARIOS; do
  case "$suite" in
    purchases)
      for n in $INFLIGHT; do SCENARIO_LIST+=("unary-$n|--mode=unary --in-flight=$n"); done
      if [[ -n "$STREAMS" ]]; then
        SCENARIO_LIST+=("stream-${STREAMS}x${BATCH}|--mode=stream --streams=$STREAMS --batch=$BATCH --batches-in-flight=$BATCHES_IN_FLIGHT")
      fi
      ;;
    redemptions)
      for n in $INFLIGHT; do
        SCENARIO_LIST+=("redeem-$n|--mode=redeem --in-flight=$n --redeem-points=$REDEEM_POINTS")
      done
      if [[ -n "$STREAMS" ]]; then
        SCENARIO_LIST+=("redeem-stream-${STREAMS}x${BATCH}|--mode=redeem-stream --streams=$STREAMS --batch=$BATCH --batches-in-flight=$BATCHES_IN_FLIGHT --redeem-points=$REDEEM_POINTS")
      fi
      for n in $HOLD_INFLIGHT; do
        SCENARIO_LIST+=("hold-capture-$n|--mode=hold-capture --in-flight=$n --redeem-points=$REDEEM_POINTS")
      done
      ;;
    *) echo "SCENARIOS holds purchases and/or redemptions, not '$suite'" >&2; exit 2 ;;
  esac
done
SEED=0
if [[ " $SCENARIOS " == *" redemptions "* ]]; then SEED="$SEED_POINTS"; fi

log "cores=$(nproc) load average at start: $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT_DIR"

echo_port=""
engine_port=""
if [[ "${SKIP_ECHO:-0}" != 1 ]]; then
  echo_port="$(free_port "$ECHO_PORT")"
  log "starting echo server on $HOST:$echo_port ($EVENT_LOOPS event loops)"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -cp "$BENCH_JAR" dev.accrue.bench.echo.EchoServer \
    --host="$HOST" --port="$echo_port" --event-loops="$EVENT_LOOPS" > "$OUT_DIR/echo-server.log" 2>&1 &
  ECHO_PID=$!
  await_ready "$ECHO_PID" "ECHO READY" "$echo_port" "$OUT_DIR/echo-server.log"
fi

if [[ "${SKIP_ENGINE:-0}" != 1 ]]; then
  engine_port="$(free_port "$ENGINE_PORT")"
  if [[ "$engine_port" == "$echo_port" ]]; then engine_port="$(free_port $((echo_port + 1)))"; fi
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/accrue-load.XXXXXX")"
  log "starting engine on $HOST:$engine_port ($EVENT_LOOPS event loops, data in $DATA_DIR) ${ENGINE_ARGS[*]:-}"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -jar "$ENGINE_JAR" --grpc.host="$HOST" --grpc.port="$engine_port" --data.dir="$DATA_DIR" \
    --grpc.event-loops="$EVENT_LOOPS" --demo.seed-members=false --members.capacity="$MEMBERS_CAPACITY" \
    --idempotency.capacity="$EVENT_IDS" --returns.capacity="$EVENT_IDS" --checkpoint.interval-seconds=0 \
    ${ENGINE_ARGS[@]+"${ENGINE_ARGS[@]}"} > "$OUT_DIR/engine-server.log" 2>&1 &
  ENGINE_PID=$!
  await_ready "$ENGINE_PID" "serving gRPC on" "$engine_port" "$OUT_DIR/engine-server.log"
  # Enrol once: a fresh store numbers members 1..MEMBERS, the ids every scenario uses. For
  # redemptions, give each of them points to spend, once, before any scenario.
  enrol_log="$OUT_DIR/engine-enrol.log"
  log "engine / enrol $MEMBERS members$( (( SEED > 0 )) && echo ", $SEED points each") ..."
  # shellcheck disable=SC2086
  run_bounded $((2 * MEMBERS / 1000 + 300)) "$enrol_log" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" \
    dev.accrue.bench.load.LoadGenerator --target="$HOST:$engine_port" --mode=enrol --members="$MEMBERS" \
    --seed-points="$SEED" --drain="$DRAIN" || { echo "enrolment failed; see $enrol_log" >&2; exit 1; }
  grep '^RESULT ' "$enrol_log" | sed 's/^RESULT /  /'
  if grep '^RESULT ' "$enrol_log" | grep -qv ' errors=0 '; then
    echo "enrolment had errors; see $enrol_log" >&2
    exit 1
  fi
fi

# Side by side: every round of a scenario runs on the echo server, then on the engine.
for entry in "${SCENARIO_LIST[@]}"; do
  name="${entry%%|*}"
  read -r -a args <<< "${entry#*|}"
  for ((round = 1; round <= ROUNDS; round++)); do
    if [[ -n "$echo_port" ]]; then load echo "$name" "$round" "$echo_port" "$ECHO_PID" "${args[@]}"; fi
    if [[ -n "$engine_port" ]]; then load engine "$name" "$round" "$engine_port" "$ENGINE_PID" "${args[@]}"; fi
  done
done

log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_server "$ECHO_PID"
ECHO_PID=""
stop_server "$ENGINE_PID"
ENGINE_PID=""
if [[ -n "$DATA_DIR" ]]; then
  grep -o 'journal records=.*' "$OUT_DIR/engine-server.log" | sed 's/^/engine /' || true
  rm -rf -- "$DATA_DIR"
  DATA_DIR=""
fi

# The tables. Each line of results.txt is key=value fields; look fields up by name; medians over rounds.
awk -v cores="$(nproc)" -v load="$(cut -d' ' -f1 /proc/loadavg)" "$RESULTS_AWK"'
  {
    s = field($0, "scenario"); srv = field($0, "server"); r = field($0, "round")
    if (!(s in seen)) { seen[s] = 1; order[++count] = s }
    rounds[s] = r > rounds[s] ? r : rounds[s]
    if (field($0, "failed") != "") { failed[srv, s]++; next }
    t = field($0, "throughput"); thr[srv, s, r] = t
    add(srv SUBSEP s SUBSEP "thr", t)
    add(srv SUBSEP s SUBSEP "p50", field($0, "p50us")); add(srv SUBSEP s SUBSEP "p99", field($0, "p99us"))
    add(srv SUBSEP s SUBSEP "p999", field($0, "p999us"))
    c = field($0, "serverCpuUsPerOp"); if (c != "" && c >= 0) add(srv SUBSEP s SUBSEP "cpu", c)
    errs[srv, s] += field($0, "errors"); refused[srv, s] += field($0, "refused")
    if (field($0, "captureP50us") != "") {
      holds[s] = 1
      add(srv SUBSEP s SUBSEP "c50", field($0, "captureP50us")); add(srv SUBSEP s SUBSEP "c99", field($0, "captureP99us"))
      add(srv SUBSEP s SUBSEP "c999", field($0, "captureP999us"))
    }
  }
  function m(srv, s, what) { return median(vals[srv SUBSEP s SUBSEP what]) }
  function lat(srv, s,   a, b) {
    a = m(srv, s, "p50"); b = m(srv, s, "p99")
    return a == "" ? "-" : sprintf("%.0f/%.0f", a, b)
  }
  END {
    printf "\n%-22s %6s %11s %11s %7s %-17s %15s %15s %8s %8s %8s %7s\n", "scenario", "rounds", "echo/s", "engine/s", "ratio", \
      "ratio by round", "echo p50/p99", "engine p50/p99", "echo cpu", "eng cpu", "refused", "errors"
    printf "%-22s %6s %11s %11s %7s %-17s %15s %15s %8s %8s %8s %7s\n", "", "", "(median)", "(median)", "eng/echo", \
      "", "(us)", "(us)", "us/event", "us/event", "eng", "eng"
    for (i = 1; i <= count; i++) {
      s = order[i]; e = m("echo", s, "thr"); g = m("engine", s, "thr")
      ratio = (e != "" && g != "" && e > 0) ? sprintf("%.0f%%", 100 * g / e) : "-"
      byRound = ""
      for (r = 1; r <= rounds[s]; r++) {
        if ((("echo", s, r) in thr) && (("engine", s, r) in thr) && thr["echo", s, r] > 0)
          byRound = byRound (byRound == "" ? "" : " ") sprintf("%.0f", 100 * thr["engine", s, r] / thr["echo", s, r])
      }
      if (byRound == "") byRound = "-"
      ge = (failed["engine", s] ? "fail" : errs["engine", s] + 0)
      printf "%-22s %6s %11s %11s %7s %-17s %15s %15s %8s %8s %8s %7s\n", s, rounds[s], fmt(e, "%.0f"), fmt(g, "%.0f"), ratio, \
        byRound, lat("echo", s), lat("engine", s), fmt(m("echo", s, "cpu"), "%.1f"), fmt(m("engine", s, "cpu"), "%.1f"), \
        refused["engine", s] + 0, ge
    }
    held = 0
    for (i = 1; i <= count; i++) if (order[i] in holds) held = 1
    if (held) {
      printf "\n%-22s %-7s %25s %25s\n", "hold then capture", "server", "hold p50/p99/p99.9 (us)", "capture p50/p99/p99.9 (us)"
      for (i = 1; i <= count; i++) {
        s = order[i]
        if (!(s in holds)) continue
        for (k = 1; k <= 2; k++) {
          srv = k == 1 ? "echo" : "engine"
          if (m(srv, s, "p50") == "") continue
          printf "%-22s %-7s %25s %25s\n", s, srv, \
            sprintf("%.0f/%.0f/%.0f", m(srv, s, "p50"), m(srv, s, "p99"), m(srv, s, "p999")), \
            sprintf("%.0f/%.0f/%.0f", m(srv, s, "c50"), m(srv, s, "c99"), m(srv, s, "c999"))
        }
      }
    }
    printf "\nthroughput: OK events/s over the measured window (purchases, redemptions, or captured holds), median\n"
    printf "over the rounds; ratio: of the medians, and per round (engine and echo windows side by side);\n"
    printf "latency: per call (unary, hold, capture) or per batch (stream), medians over the rounds; cpu: server CPU\n"
    printf "time per event over the window; refused: events refused as FAILED_PRECONDITION (too few points), all rounds.\n"
    printf "Load average now %s on %s cores", load, cores
    if (load + 0 > cores + 0) printf " (busy machine: compare ratios and cpu, not absolute rates)"
    printf ".\n"
  }' "$RESULTS" | tee "$OUT_DIR/table.txt"
