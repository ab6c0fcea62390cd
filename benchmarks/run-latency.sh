#!/usr/bin/env bash
# Unary latency at a fraction of the maximum unary rate (issue 3: "unary p99 <= 2 ms at half of the
# maximum unary rate, durable"), engine and echo server, one run:
#   1. starts the echo server and the engine (engine/target/accrue-engine.jar, fresh data dir,
#      durable: the default journal.fsync=every-batch) and enrols members in the engine, as
#      run-load.sh does;
#   2. each round: measures the engine's maximum rate, closed loop (MAX_INFLIGHT RecordPurchase
#      calls in flight, as run-load.sh's unary scenario); then, for each FRACTION of that rate, an
#      open-loop run at that rate (calls sent on a fixed schedule, latency from each call's due
#      time) against the echo server and right after against the engine;
#   3. prints per fraction the medians over the rounds: rate asked and achieved, p50/p90/p99/p99.9/
#      max, the generator's send lag and whether the connections' stream limit was reached; and
#      whether the engine's p99 at 50% is within 2 ms.
# Servers and the load generator run as separate JVMs on 127.0.0.1. Every wait is bounded and
# every process and temp dir this script starts is cleaned up on exit.
#
# Usage: benchmarks/run-latency.sh [ENGINE_OPTION ...]
#   Engine options (--key=value, as accrue-engine.jar takes them) go to the engine only.
#
# Environment (defaults give a run of about 8 minutes):
#   ROUNDS=3                    rounds of (maximum, then every fraction on echo and engine); medians over them
#   FRACTIONS="25 50 75"        open-loop rates, in percent of the round's maximum
#   RATES=""                    fixed open-loop rates in calls/s instead (e.g. "12000 19000"): no maximum measured
#   MAX_INFLIGHT=256            closed-loop calls in flight for the maximum
#   MAX_WARMUP=10 MAX_DURATION=10   seconds for each maximum run
#   WARMUP=10 DURATION=20 DRAIN=10  seconds for each open-loop run (each is a new generator JVM: its JIT needs the warm-up)
#   CONNECTIONS=4               the open loop's HTTP/2 connections (100 streams each: calls in flight beyond
#                               4 x 100 wait in the generator, reported as heldAtCap, their wait in their latency)
#   MEMBERS=10000 MEMBERS_CAPACITY=1000000 EVENT_IDS=12000000   as in run-load.sh
#   EVENT_LOOPS=2 CLIENT_EVENT_LOOPS=2                          server and generator event loops
#   ECHO_PORT=9491 ENGINE_PORT=9490   first ports tried; the next free one is used if taken
#   SERVER_JAVA_OPTS="" CLIENT_JAVA_OPTS=""   extra JVM options for servers / generator
#   SKIP_ECHO=1                 engine only
#   ENGINE_JFR=1                a JFR recording of the engine over each of its open-loop windows (the profile
#                               settings, and every journal fsync: jdk.FileForce with no threshold), kept in
#                               OUT_DIR; printed after each run: the window's fsyncs, the wait they alone
#                               impose, and the CPU each engine thread used (from /proc)
#   OUT_DIR=benchmarks/target/latency-<time>   where logs, results.txt and table.txt go
# The engine runs with checkpoint.interval-seconds=0 (no checkpoint copies the state in the middle
# of a window) unless the arguments say otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ROUNDS="${ROUNDS:-3}"
FRACTIONS="${FRACTIONS:-25 50 75}"
RATES="${RATES:-}"
MAX_INFLIGHT="${MAX_INFLIGHT:-256}"
MAX_WARMUP="${MAX_WARMUP:-10}"
MAX_DURATION="${MAX_DURATION:-10}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
DRAIN="${DRAIN:-10}"
CONNECTIONS="${CONNECTIONS:-4}"
MEMBERS="${MEMBERS:-10000}"
MEMBERS_CAPACITY="${MEMBERS_CAPACITY:-1000000}"
EVENT_IDS="${EVENT_IDS:-12000000}"
EVENT_LOOPS="${EVENT_LOOPS:-2}"
CLIENT_EVENT_LOOPS="${CLIENT_EVENT_LOOPS:-2}"
ECHO_PORT="${ECHO_PORT:-9491}"
ENGINE_PORT="${ENGINE_PORT:-9490}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}"
CLIENT_JAVA_OPTS="${CLIENT_JAVA_OPTS:-}"
OUT_DIR="${OUT_DIR:-$ROOT/benchmarks/target/latency-$(date +%Y%m%d-%H%M%S)}"
ENGINE_ARGS=("$@")

BENCH_JAR="$ROOT/benchmarks/target/accrue-benchmarks.jar"
ENGINE_JAR="$ROOT/engine/target/accrue-engine.jar"
HOST=127.0.0.1
START_TIMEOUT=90   # seconds for a server to accept connections
STOP_TIMEOUT=90    # seconds for a server to exit after SIGTERM before SIGKILL (the engine saves its tables)

for jar in "$BENCH_JAR" "$ENGINE_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "missing $jar; build with: mvn -B -q -pl benchmarks -am package -DskipTests" >&2
    exit 2
  fi
done
for n in $FRACTIONS $RATES; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then echo "FRACTIONS and RATES are positive integers, not '$n'" >&2; exit 2; fi
done
mkdir -p "$OUT_DIR"
RESULTS="$OUT_DIR/results.txt"
: > "$RESULTS"

source "$ROOT/benchmarks/lib.sh"

# load TAG PORT PID WARMUP DURATION ARGS...: one generator run; its RESULT line, tagged with TAG
# and the load average at its end, goes to results.txt and is echoed. Nothing on failure.
load() {
  local tag="$1" port="$2" pid="$3" warmup="$4" duration="$5"
  shift 5
  local log_file="$OUT_DIR/$(echo "$tag" | tr ' =' '-_').log"
  local rc=0 result
  # shellcheck disable=SC2086
  run_bounded $((warmup + duration + DRAIN + 60)) "$log_file" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" \
      dev.accrue.bench.load.LoadGenerator --target="$HOST:$port" --members="$MEMBERS" --warmup="$warmup" \
      --duration="$duration" --drain="$DRAIN" --client-event-loops="$CLIENT_EVENT_LOOPS" --server-pid="$pid" \
      --no-enrol "$@" || rc=$?
  if (( rc != 0 )); then
    echo "  load generator failed (exit $rc); see $log_file" >&2
  fi
  result="$(grep '^RESULT ' "$log_file" | tail -n 1 || true)"
  if [[ -z "$result" ]]; then
    echo "$tag failed=1" >> "$RESULTS"
    return 0
  fi
  echo "$tag load1=$(load1) ${result#RESULT }" >> "$RESULTS"
  grep -E '^(throughput|latency per|open loop|in flight|warm-up|errors)' "$log_file" | sed 's/^/  /'
}

# record_engine NAME: starts a JFR recording of the engine's next measured window into
# OUT_DIR/NAME.jfr, with every journal force recorded. The generator takes a second or two to build
# its pool before its warm-up starts: the recording starts 2 s late and stops 2 s early to stay inside.
record_engine() {
  local jfc="$OUT_DIR/fsync.jfc" java_home
  if [[ ! -f "$jfc" ]]; then
    java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    awk '/<event name="jdk.FileForce">/ { inside = 1 }
         inside && /name="threshold"/ { sub(/>[^<]*</, ">0 ms<"); inside = 0 }
         { print }' "$java_home/lib/jfr/profile.jfc" > "$jfc"
  fi
  timeout 30 jcmd "$ENGINE_PID" JFR.start name="$1" settings="$jfc" delay="$((WARMUP + 2))s" duration="$(jfr_seconds)s" \
    filename="$OUT_DIR/$1.jfr" > /dev/null || echo "  could not start JFR on the engine" >&2
}

# thread_cpu_snapshot PID: one line per thread: its id, CPU ticks (user + system), its name.
thread_cpu_snapshot() {
  local task
  for task in /proc/"$1"/task/*; do
    # The name is in parentheses and may hold spaces: the other fields are counted after the last ')'.
    awk -v tid="${task##*/}" '{
      opening = index($0, "("); closing = match($0, /\) [A-Z] /)
      split(substr($0, closing + 2), f, " ")
      print tid, f[12] + f[13], substr($0, opening + 1, closing - opening - 1)
    }' "$task/stat" 2>/dev/null || true
  done
}

# thread_cpu_window NAME: in the background, snapshots the engine's threads as the JFR window
# (record_engine) opens and as it closes, into OUT_DIR/NAME.cpu-start and NAME.cpu-end.
thread_cpu_window() {
  ( sleep $((WARMUP + 2)); thread_cpu_snapshot "$ENGINE_PID" > "$OUT_DIR/$1.cpu-start"
    sleep "$(jfr_seconds)"; thread_cpu_snapshot "$ENGINE_PID" > "$OUT_DIR/$1.cpu-end" ) &
}

# thread_cpu_summary NAME: cores each kind of engine thread kept busy in the window (threads that
# differ only by a number, such as the event loops, added up), busiest first.
thread_cpu_summary() {
  local deadline=$((SECONDS + 30))
  while [[ ! -s "$OUT_DIR/$1.cpu-end" ]] && (( SECONDS < deadline )); do sleep 0.5; done
  [[ -s "$OUT_DIR/$1.cpu-start" && -s "$OUT_DIR/$1.cpu-end" ]] || return 0
  awk -v seconds="$(jfr_seconds)" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { before[$1] = $2; next }
    {
      name = $0; sub(/^[0-9]+ [0-9]+ /, "", name); sub(/[-#]?[0-9]+$/, "", name)
      used[name] += $2 - before[$1]
    }
    END {
      for (n in used) if (used[n] > 0) printf "%.2f %s\n", used[n] / hz / seconds, n
    }' "$OUT_DIR/$1.cpu-start" "$OUT_DIR/$1.cpu-end" | sort -rn | awk '
    { line = line sprintf("%s %s=%s", NR > 1 ? "," : "", substr($0, index($0, " ") + 1), $1); total += $1 }
    END { printf "  engine CPU in the window, cores: %.2f:%s\n", total, line }'
}

jfr_seconds() { echo $((DURATION > 6 ? DURATION - 4 : DURATION)); }

# fsync_summary NAME: the journal's forces in OUT_DIR/NAME.jfr: how many and how long, and what
# they alone make commands wait. A command published while batch i is being forced joins batch i+1
# and is answered only once that batch's force ends. With forces at [s_i, e_i] and commands arriving
# evenly in time (an open loop sends them so), arrivals in [s_i, s_i+1) join batch i+1, so:
#   - "own force": every command waits at least for the force of its own batch; the forces weighted
#     by the commands they carry (s_i+1 - s_i), a floor set by the disk alone;
#   - "force wait": from arrival to the end of the next force to start, e_i+1 - t: the disk plus the
#     time the journal thread did not force (idle, or not scheduled on a busy machine).
# Wake-ups, the business logic and the network come on top of both.
fsync_summary() {
  local file="$OUT_DIR/$1.jfr" forces="$OUT_DIR/$1.fsyncs" deadline=$((SECONDS + 30))
  while [[ ! -s "$file" ]] && (( SECONDS < deadline )); do sleep 0.5; done
  [[ -s "$file" ]] || { echo "  no recording in $file" >&2; return 0; }
  sleep 1   # the file is written when the recording stops: let it finish
  # One line per force of a journal file: start (seconds of the day), duration (seconds); in time order.
  timeout 120 jfr print --json --stack-depth 1 --events jdk.FileForce "$file" | awk '
    /"startTime"/ { t = $0; sub(/.*T/, "", t); sub(/Z.*/, "", t); split(t, hms, ":"); start = hms[1] * 3600 + hms[2] * 60 + hms[3] }
    /"duration"/ {
      d = $0; sub(/.*"PT/, "", d); sub(/S".*/, "", d); minutes = 0
      if (d ~ /M/) { split(d, md, "M"); minutes = md[1]; d = md[2] }
      duration = minutes * 60 + d
    }
    /"path"/ && /journal/ { printf "%.9f %.9f\n", start, duration }' | sort -n > "$forces"
  if (( $(wc -l < "$forces") < 3 )); then echo "  journal fsyncs in the window: too few recorded"; return 0; fi
  sort -k2 -g "$forces" | awk -v seconds="$(jfr_seconds)" '
    { d[++n] = $2 * 1e6; sum += d[n] }
    END {
      printf "  journal fsyncs in the window: %d (%.0f/s), us: mean=%.0f p50=%.0f p99=%.0f p99.9=%.0f max=%.0f\n", \
        n, n / seconds, sum / n, d[int(n * 0.5) + 1], d[int(n * 0.99) + 1], d[int(n * 0.999) + 1], d[n]
    }'
  awk 'NR > 1 { printf "%.9f %.9f\n", $2, $1 - start } { start = $1 }' "$forces" | sort -g | awk '
    { v[++n] = $1 * 1e6; w[n] = $2; total += $2 }
    function at(q,   i, acc) { acc = 0; for (i = 1; i <= n; i++) { acc += w[i]; if (acc >= q * total) return v[i] } return v[n] }
    END { printf "  own force, weighted by commands (a floor), us: p50=%.0f p99=%.0f p99.9=%.0f\n", at(0.5), at(0.99), at(0.999) }'
  awk '
    { n++; s[n] = $1; e[n] = $1 + $2 }
    # The share of arrivals in [s_1, s_n) that would wait longer than x seconds.
    function tail(x,   i, w, total) {
      total = 0
      for (i = 1; i < n; i++) {
        w = (e[i + 1] - x < s[i + 1] ? e[i + 1] - x : s[i + 1]) - s[i]
        if (w > 0) total += w
      }
      return total / (s[n] - s[1])
    }
    function quantile(q,   lo, hi, k, mid) {
      lo = 0; hi = 0
      for (k = 2; k <= n; k++) if (e[k] - s[k - 1] > hi) hi = e[k] - s[k - 1]
      for (k = 0; k < 40; k++) { mid = (lo + hi) / 2; if (tail(mid) > 1 - q) lo = mid; else hi = mid }
      return hi * 1e6
    }
    END { printf "  force wait, arrival to the end of the next force, us: p50=%.0f p99=%.0f p99.9=%.0f\n", quantile(0.5), quantile(0.99), quantile(0.999) }' "$forces"
}

# The achieved rate of the last maximum run of round $1 (integer calls/s), or empty.
max_rate() {
  grep "^kind=max round=$1 " "$RESULTS" | grep -oE ' throughput=[0-9.]+' | cut -d= -f2 | cut -d. -f1
}

log "cores=$(nproc) load average at start: $(cut -d' ' -f1-3 /proc/loadavg); logs in $OUT_DIR"

echo_port=""
if [[ "${SKIP_ECHO:-0}" != 1 ]]; then
  echo_port="$(free_port "$ECHO_PORT")"
  log "starting echo server on $HOST:$echo_port ($EVENT_LOOPS event loops)"
  # shellcheck disable=SC2086
  java $SERVER_JAVA_OPTS -cp "$BENCH_JAR" dev.accrue.bench.echo.EchoServer \
    --host="$HOST" --port="$echo_port" --event-loops="$EVENT_LOOPS" > "$OUT_DIR/echo-server.log" 2>&1 &
  ECHO_PID=$!
  await_ready "$ECHO_PID" "ECHO READY" "$echo_port" "$OUT_DIR/echo-server.log"
fi

engine_port="$(free_port "$ENGINE_PORT")"
if [[ "$engine_port" == "$echo_port" ]]; then engine_port="$(free_port $((echo_port + 1)))"; fi
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/accrue-latency.XXXXXX")"
log "starting engine on $HOST:$engine_port ($EVENT_LOOPS event loops, data in $DATA_DIR) ${ENGINE_ARGS[*]:-}"
# shellcheck disable=SC2086
java $SERVER_JAVA_OPTS -jar "$ENGINE_JAR" --grpc.host="$HOST" --grpc.port="$engine_port" --data.dir="$DATA_DIR" \
  --grpc.event-loops="$EVENT_LOOPS" --demo.seed-members=false --members.capacity="$MEMBERS_CAPACITY" \
  --idempotency.capacity="$EVENT_IDS" --returns.capacity="$EVENT_IDS" --checkpoint.interval-seconds=0 \
  ${ENGINE_ARGS[@]+"${ENGINE_ARGS[@]}"} > "$OUT_DIR/engine-server.log" 2>&1 &
ENGINE_PID=$!
await_ready "$ENGINE_PID" "serving gRPC on" "$engine_port" "$OUT_DIR/engine-server.log"

enrol_log="$OUT_DIR/engine-enrol.log"
log "engine / enrol $MEMBERS members ..."
# shellcheck disable=SC2086
run_bounded $((2 * MEMBERS / 1000 + 300)) "$enrol_log" java $CLIENT_JAVA_OPTS -cp "$BENCH_JAR" \
  dev.accrue.bench.load.LoadGenerator --target="$HOST:$engine_port" --mode=enrol --members="$MEMBERS" \
  --drain="$DRAIN" || { echo "enrolment failed; see $enrol_log" >&2; exit 1; }
if grep '^RESULT ' "$enrol_log" | grep -qv ' errors=0 '; then
  echo "enrolment had errors; see $enrol_log" >&2
  exit 1
fi

for ((round = 1; round <= ROUNDS; round++)); do
  rates=()
  labels=()
  if [[ -n "$RATES" ]]; then
    for r in $RATES; do rates+=("$r"); labels+=("rate-$r"); done
  else
    log "round $round / engine / maximum, closed loop, $MAX_INFLIGHT in flight (load $(load1)) ..."
    load "kind=max round=$round server=engine label=max" "$engine_port" "$ENGINE_PID" "$MAX_WARMUP" "$MAX_DURATION" \
      --mode=unary --in-flight="$MAX_INFLIGHT"
    max="$(max_rate "$round")"
    if [[ -z "$max" || "$max" -lt 100 ]]; then
      echo "round $round: no maximum measured; skipping its open-loop runs" >&2
      continue
    fi
    for f in $FRACTIONS; do rates+=($((max * f / 100))); labels+=("$f%"); done
  fi
  for i in "${!rates[@]}"; do
    rate="${rates[$i]}"
    label="${labels[$i]}"
    for server in echo engine; do
      if [[ "$server" == echo && -z "$echo_port" ]]; then continue; fi
      port="$engine_port"; pid="$ENGINE_PID"
      if [[ "$server" == echo ]]; then port="$echo_port"; pid="$ECHO_PID"; fi
      log "round $round / $server / open loop at $rate calls/s ($label) (load $(load1)) ..."
      jfr_name="engine-$round-${label%\%}"
      if [[ "$server" == engine && "${ENGINE_JFR:-0}" == 1 ]]; then
        record_engine "$jfr_name"
        thread_cpu_window "$jfr_name"
      fi
      load "kind=open round=$round server=$server label=$label" "$port" "$pid" "$WARMUP" "$DURATION" \
        --mode=unary --rate="$rate" --connections="$CONNECTIONS"
      if [[ "$server" == engine && "${ENGINE_JFR:-0}" == 1 ]]; then
        fsync_summary "$jfr_name"
        thread_cpu_summary "$jfr_name"
      fi
    done
  done
done

log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_server "$ECHO_PID"
ECHO_PID=""
stop_server "$ENGINE_PID"
ENGINE_PID=""
grep -o 'journal records=.*' "$OUT_DIR/engine-server.log" | sed 's/^/engine /' || true
rm -rf -- "$DATA_DIR"
DATA_DIR=""

# The table: results.txt lines are key=value fields, looked up by name; medians over the rounds.
awk -v cores="$(nproc)" "$RESULTS_AWK"'
  function m(key) { return median(vals[key]) }
  {
    if (field($0, "failed") != "") { failed++; next }
    kind = field($0, "kind"); srv = field($0, "server"); l = field($0, "label")
    add("load", field($0, "load1"))
    if (kind == "max") { add("max", field($0, "throughput")); add("maxp99", field($0, "p99us")); next }
    if (!(l in seen)) { seen[l] = 1; order[++count] = l }
    k = l SUBSEP srv
    runs[k]++
    add(k SUBSEP "rate", field($0, "targetRate")); add(k SUBSEP "thr", field($0, "throughput"))
    add(k SUBSEP "p50", field($0, "p50us")); add(k SUBSEP "p90", field($0, "p90us"))
    add(k SUBSEP "p99", field($0, "p99us")); add(k SUBSEP "p999", field($0, "p999us"))
    add(k SUBSEP "max", field($0, "maxus")); add(k SUBSEP "lag", field($0, "sendLagP99us"))
    p99s[k] = p99s[k] (p99s[k] == "" ? "" : " ") sprintf("%.0f", field($0, "p99us"))
    held[k] += field($0, "heldAtCap"); errs[k] += field($0, "errors")
  }
  END {
    if (vals["max"] != "")
      printf "\nengine maximum, closed loop: median %.0f calls/s (rounds:%s), p99 %.0f us\n", m("max"), vals["max"], m("maxp99")
    printf "\n%-10s %-7s %4s %9s %9s %8s %8s %8s %8s %9s %-20s %8s %6s %6s\n", "rate", "server", "runs", "asked/s", \
      "done/s", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us", "p99 by round (us)", "lag p99", "held", "errors"
    for (i = 1; i <= count; i++) {
      for (s = 1; s <= 2; s++) {
        srv = s == 1 ? "echo" : "engine"; k = order[i] SUBSEP srv
        if (!(k in runs)) continue
        printf "%-10s %-7s %4d %9s %9s %8s %8s %8s %8s %9s %-20s %8s %6d %6d\n", order[i], srv, runs[k], \
          fmt(m(k SUBSEP "rate"), "%.0f"), fmt(m(k SUBSEP "thr"), "%.0f"), fmt(m(k SUBSEP "p50"), "%.0f"), \
          fmt(m(k SUBSEP "p90"), "%.0f"), fmt(m(k SUBSEP "p99"), "%.0f"), fmt(m(k SUBSEP "p999"), "%.0f"), \
          fmt(m(k SUBSEP "max"), "%.0f"), p99s[k], fmt(m(k SUBSEP "lag"), "%.0f"), held[k], errs[k]
      }
    }
    k = "50%" SUBSEP "engine"
    if (k in runs)
      printf "\nissue 3 target, engine p99 <= 2,000 us at 50%% of the maximum: median p99 %.0f us: %s\n", m(k SUBSEP "p99"), \
        (m(k SUBSEP "p99") <= 2000 ? "MET" : "NOT MET")
    printf "\nlatency: from each call'\''s due time to its answer (open loop), medians over the rounds; done/s: OK answers\n"
    printf "per second in the window; lag p99: how late the generator sent (median of rounds); held: calls that waited\n"
    printf "for a free stream (all rounds); errors: all rounds%s.\n", failed ? sprintf("; %d generator runs failed", failed) : ""
    printf "Load average (1 min) at the end of each run: median %s, range %s on %s cores.\n", m("load"), range(vals["load"]), cores
  }
  function range(list,   n, v, i, lo, hi) {
    n = split(list, v, " ")
    if (n == 0) return "-"
    lo = hi = v[1] + 0
    for (i = 2; i <= n; i++) { if (v[i] + 0 < lo) lo = v[i] + 0; if (v[i] + 0 > hi) hi = v[i] + 0 }
    return lo "-" hi
  }' "$RESULTS" | tee "$OUT_DIR/table.txt"
