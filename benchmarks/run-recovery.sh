#!/usr/bin/env bash
# Recovery after kill -9, at scale:
#   1. seeds MEMBERS members into a new data directory (dev.accrue.bench.seed.SeedMembers: each
#      enrolled with a card and holding one lot of points from one purchase, all through the
#      engine's own ring and journal, ending with a checkpoint and a clean shutdown);
#   2. starts the engine on it and streams purchases over members 1..MEMBERS, with a checkpoint
#      every CHECKPOINT seconds;
#   3. kills the engine with SIGKILL KILL_AFTER seconds (random in a range) after its CHECKPOINTS-th
#      checkpoint completes (with CHECKPOINT=0: after LOAD_SECONDS of load, so that recovery
#      replays all of it);
#   4. restarts it and reports the time until it serves gRPC again, and where that time went (the
#      engine logs each phase of its start).
#
# Usage: benchmarks/run-recovery.sh [ENGINE_OPTION ...]   (engine options go to both engine runs)
# Environment:
#   MEMBERS=10000            members seeded (ids 1..MEMBERS; members.capacity is MEMBERS)
#   CHECKPOINT=60            checkpoint.interval-seconds while under load; 0: none
#   CHECKPOINTS=1            checkpoints of the loaded engine to wait for before the kill
#   KILL_AFTER="2 10"        seconds after that checkpoint to kill, drawn uniformly from this range
#   LOAD_SECONDS=20          load before the kill when CHECKPOINT=0
#   LOAD_IDS=(see below)     event ids and purchases the tables have room for beyond the seeded
#                            2 x MEMBERS ids and MEMBERS purchases (a full table refuses purchases)
#   POOL=100000              distinct purchases (random members) the load generator cycles through
#   ENGINE_JAVA_OPTS="-XX:MaxDirectMemorySize=16g"   the two tables live in direct memory
#   ENGINE_JAR=engine/target/accrue-engine.jar   the engine to run (e.g. an older build, side by side)
#   PORT=9290  DATA_PARENT=/tmp (where the data directory goes: MEMBERS=10000000 needs ~50 GB there)
#   KEEP_CRASHED=<dir>       a copy of the data directory as the kill left it, made before the
#                            restart and kept, so that other builds can recover the same journal
#   HUGE_PAGES=0             huge pages (2 MiB) to reserve in the kernel's pool for the run, as a
#                            host dedicated to the engine would (vm.nr_hugepages; needs root; the old
#                            value is restored on exit): the tables take them when there are enough
#                            for both (see TableMemory), 1024 at 1M members, 4096 at 10M
# Everything runs on 127.0.0.1, every wait is bounded, the data directory is removed on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEMBERS="${MEMBERS:-10000}"
CHECKPOINT="${CHECKPOINT:-60}"
CHECKPOINTS="${CHECKPOINTS:-1}"
read -r KILL_MIN KILL_MAX <<<"${KILL_AFTER:-2 10}"
LOAD_SECONDS="${LOAD_SECONDS:-20}"
# At least 6M, and as many more as the idempotency table's slots (the power of two at or above
# twice its capacity) hold anyway: 6.4M at 1M members, 13.6M at 10M (a fast load fills 6M there).
SLOTS=1
while (( SLOTS < 2 * (2 * MEMBERS + 6000000) )); do SLOTS=$((SLOTS * 2)); done
LOAD_IDS="${LOAD_IDS:-$((SLOTS / 2 - 2 * MEMBERS))}"
POOL="${POOL:-100000}"
ENGINE_JAVA_OPTS="${ENGINE_JAVA_OPTS:--XX:MaxDirectMemorySize=16g}"
PORT="${PORT:-9290}"
ENGINE_JAR="${ENGINE_JAR:-$ROOT/engine/target/accrue-engine.jar}"
BENCH_JAR="$ROOT/benchmarks/target/accrue-benchmarks.jar"
# Keep in step with chronicle.jvm.flags in the root pom: a -cp run does not read the jar manifest.
CHRONICLE_FLAGS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED"
DATA="$(mktemp -d "${DATA_PARENT:-/tmp}/accrue-recovery.XXXXXX")"
LOG="$DATA.log"
LOAD_LOG="$DATA.load.log"
ENGINE_PID=""
LOAD_PID=""
HUGE_PAGES="${HUGE_PAGES:-0}"
HUGE_PAGES_BEFORE=""
cleanup() {
  [[ -n "$ENGINE_PID" ]] && kill -9 "$ENGINE_PID" 2>/dev/null || true
  [[ -n "$LOAD_PID" ]] && kill -9 "$LOAD_PID" 2>/dev/null || true
  rm -rf "$DATA" "$LOG" "$LOAD_LOG"
  [[ -n "$HUGE_PAGES_BEFORE" ]] && { sleep 1; echo "$HUGE_PAGES_BEFORE" >/proc/sys/vm/nr_hugepages; } || true
}
trap cleanup EXIT
if (( HUGE_PAGES > 0 )); then
  HUGE_PAGES_BEFORE="$(cat /proc/sys/vm/nr_hugepages)"
  echo "$HUGE_PAGES" >/proc/sys/vm/nr_hugepages || { echo "cannot reserve huge pages (needs root)"; exit 1; }
  echo "reserved $(cat /proc/sys/vm/nr_hugepages) huge pages of 2 MiB (asked for $HUGE_PAGES)"
fi

# The same capacities for the seeding and the engine: they are fixed when the state is created.
CAPACITIES=(--members.capacity="$MEMBERS" --idempotency.capacity=$((2 * MEMBERS + LOAD_IDS))
  --returns.capacity=$((MEMBERS + LOAD_IDS)))

echo "seeding $MEMBERS members into $DATA ($(uptime | sed 's/.*load/load/'))"
# shellcheck disable=SC2086
timeout 3600 java $CHRONICLE_FLAGS $ENGINE_JAVA_OPTS -cp "$BENCH_JAR" dev.accrue.bench.seed.SeedMembers \
  --members="$MEMBERS" --data.dir="$DATA" "${CAPACITIES[@]}" "$@" >"$LOG" 2>&1 \
  || { echo "seeding failed"; tail -20 "$LOG"; exit 1; }
grep -vE "INFO|WARN" "$LOG" | sed 's/^/  /'

start_engine() {
  # shellcheck disable=SC2086
  java $ENGINE_JAVA_OPTS -jar "$ENGINE_JAR" --grpc.host=127.0.0.1 --grpc.port="$PORT" --data.dir="$DATA" \
    --demo.seed-members=false --checkpoint.interval-seconds="$CHECKPOINT" "${CAPACITIES[@]}" "$@" >>"$LOG" 2>&1 &
  ENGINE_PID=$!
}

wait_for() { # wait_for PATTERN COUNT SECONDS: until the engine log holds COUNT lines matching PATTERN
  local deadline=$((SECONDS + $3))
  until (( $(grep -cE "$1" "$LOG" || true) >= $2 )); do
    (( SECONDS < deadline )) || { echo "no '$1' within $3 s"; tail -20 "$LOG"; exit 1; }
    kill -0 "$ENGINE_PID" 2>/dev/null || { echo "engine died"; tail -20 "$LOG"; exit 1; }
    sleep 0.05
  done
}

: >"$LOG"
start_engine "$@"
wait_for "serving gRPC" 1 600
grep -E "recovery took|serving gRPC" "$LOG" | sed 's/^[^-]*- /  seeded engine: /'
java -cp "$BENCH_JAR" dev.accrue.bench.load.LoadGenerator --target=127.0.0.1:"$PORT" --mode=stream \
  --streams=2 --batch=100 --batches-in-flight=4 --members="$MEMBERS" --no-enrol --pool="$POOL" --warmup=0 \
  --duration=3600 >"$LOAD_LOG" 2>&1 &
LOAD_PID=$!
if (( CHECKPOINT > 0 )); then
  wait_for "checkpoint at sequence" "$CHECKPOINTS" $((CHECKPOINTS * (CHECKPOINT + 900)))
  kill_after=$((KILL_MIN + RANDOM % (KILL_MAX - KILL_MIN + 1)))
  grep -E "checkpoint at sequence" "$LOG" | sed 's/^[^-]*- /  /'
  echo "killing $kill_after s after that checkpoint"
else
  kill_after=$LOAD_SECONDS
fi
sleep "$kill_after"
kill -9 "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null || true
echo "load at the kill: $(grep -E "purchases/s|/s" "$LOAD_LOG" | tail -1 | cut -c1-150)"
kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true; LOAD_PID=""
echo "killed with SIGKILL; on disk: journal $(du -sh "$DATA/journal" | cut -f1), state $(du -sh "$DATA/state" \
  | cut -f1), checkpoints $(du -sh "$DATA/checkpoints" | cut -f1) ($(ls "$DATA/checkpoints" | tr '\n' ' '))"
if [[ -n "${KEEP_CRASHED:-}" ]]; then
  cp -a --sparse=always "$DATA" "$KEEP_CRASHED" && echo "the crashed data directory copied to $KEEP_CRASHED"
fi

: >"$LOG"
started=$(date +%s%N)
start_engine "$@"
wait_for "serving gRPC" 1 3600
serving=$(date +%s%N)
# The process's page faults and CPU time up to now (/proc/PID/stat fields 10, 12, 14, 15; ticks of 10 ms).
read -r minflt majflt cpu_ms <<<"$(awk '{print $10, $12, ($14 + $15) * 10}' "/proc/$ENGINE_PID/stat")"
# The same CPU time by thread (names as the kernel keeps them: 15 characters; numbered threads summed).
threads_cpu=$(for task in /proc/"$ENGINE_PID"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    name=${stat#*(}; name=${name%)*}
    read -r -a fields <<<"${stat##*) }"
    echo "$(( (fields[11] + fields[12]) * 10 ))|$name"
  done | awk -F'|' '{sub(/#?[0-9]+$/, "", $2); cpu[$2] += $1} END {for (n in cpu) if (cpu[n] >= 100) print cpu[n] "|" n}' | sort -t'|' -k1,1nr \
  | awk -F'|' '{printf "%s%s %d ms", (NR > 1 ? ", " : ""), $2, $1}')
grep -E "opened the state|ran ahead|recovered|recovery took|serving gRPC" "$LOG" | sed 's/^[^-]*- /  /'
phase() { grep -oE "$1 [0-9]+ ms" "$LOG" | head -1 | grep -oE "[0-9]+ ms" | cut -d' ' -f1; }
jvm=$(grep -oE "after [0-9]+ ms of JVM start" "$LOG" | grep -oE "[0-9]+")
recovery=$(grep -oE "recovery took [0-9]+ ms" "$LOG" | grep -oE "[0-9]+")
up=$(grep -oE "JVM up [0-9]+ ms" "$LOG" | grep -oE "[0-9]+")
replayed=$(grep -oE "replayed [0-9]+ commands" "$LOG" | grep -oE "[0-9]+")
replay_ms=$(phase replay)
echo "RECOVERY members=$MEMBERS huge_pages=$HUGE_PAGES serving_again_ms=$(( (serving - started) / 1000000 )) jvm_start_ms=$jvm" \
  "discard_ms=$(phase "discarding the state") restore_ms=$(phase "restoring the checkpoint")" \
  "open_ms=$(phase "opening the state") replayed=$replayed replay_ms=$replay_ms" \
  "replay_commands_per_s=$(( replay_ms > 0 ? replayed * 1000 / replay_ms : 0 ))" \
  "after_recovery_ms=$(( up - jvm - recovery )) process_cpu_ms=$cpu_ms major_faults=$majflt minor_faults=$minflt" \
  "$(grep -oE "checkpoint at sequence [0-9]+ \((adopted|copied)\)" "$LOG" | awk '{print "checkpoint=" $5}')" \
  "load=\"$(uptime | sed 's/.*load average: //')\""
echo "CPU by thread until serving again: $threads_cpu"
