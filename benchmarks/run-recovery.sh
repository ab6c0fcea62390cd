#!/usr/bin/env bash
# Recovery after kill -9: builds a journal with streaming load, kills the engine with SIGKILL,
# restarts it and reports how long until it serves again and how fast it replayed the journal.
#
# Usage: benchmarks/run-recovery.sh [ENGINE_OPTION ...]
# Environment: MEMBERS=10000 (enrolled first), LOAD_SECONDS=20 (stream load before the kill),
#   CHECKPOINT=0 (checkpoint.interval-seconds; 0 = replay the whole journal), PORT=9290.
# Everything runs on 127.0.0.1, every wait is bounded, the data directory is removed on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEMBERS="${MEMBERS:-10000}"
LOAD_SECONDS="${LOAD_SECONDS:-20}"
CHECKPOINT="${CHECKPOINT:-0}"
PORT="${PORT:-9290}"
ENGINE_JAR="$ROOT/engine/target/accrue-engine.jar"
BENCH_JAR="$ROOT/benchmarks/target/accrue-benchmarks.jar"
DATA="$(mktemp -d /tmp/accrue-recovery.XXXXXX)"
LOG="$DATA.log"
ENGINE_PID=""
cleanup() { [[ -n "$ENGINE_PID" ]] && kill -9 "$ENGINE_PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

start_engine() {
  java -jar "$ENGINE_JAR" --grpc.host=127.0.0.1 --grpc.port="$PORT" --data.dir="$DATA" \
    --demo.seed-members=false --checkpoint.interval-seconds="$CHECKPOINT" \
    --idempotency.capacity=10000000 --returns.capacity=10000000 "$@" >>"$LOG" 2>&1 &
  ENGINE_PID=$!
}

wait_serving() {
  local deadline=$((SECONDS + 300))
  until grep -q "serving gRPC" <(tail -n 5 "$LOG"); do
    (( SECONDS < deadline )) || { echo "engine did not serve within 300 s"; tail -20 "$LOG"; exit 1; }
    kill -0 "$ENGINE_PID" 2>/dev/null || { echo "engine died"; tail -20 "$LOG"; exit 1; }
    sleep 0.05
  done
}

start_engine "$@"
wait_serving
java -cp "$BENCH_JAR" dev.accrue.bench.load.LoadGenerator --target=127.0.0.1:"$PORT" --mode=stream \
  --streams=2 --batch=100 --batches-in-flight=4 --members="$MEMBERS" --warmup=0 --duration="$LOAD_SECONDS" \
  | grep -E "^RESULT" | cut -c1-160
kill -9 "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null || true
echo "killed with SIGKILL; journal: $(du -sh "$DATA/journal" | cut -f1), state: $(du -sh "$DATA/state" | cut -f1)"

: >"$LOG"
started=$(date +%s%N)
start_engine "$@"
wait_serving
serving=$(date +%s%N)
grep -E "recovered" "$LOG" | sed 's/^[^-]*- /  /'
echo "RECOVERY serving_again_ms=$(( (serving - started) / 1000000 )) $(grep -oE 'replayed [0-9]+ commands in [0-9]+ ms' "$LOG" \
  | awk '{printf "replayed=%d replay_ms=%d replay_events_per_s=%d", $2, $5, ($5 > 0 ? $2 * 1000 / $5 : 0)}')"
kill "$ENGINE_PID"; wait "$ENGINE_PID" 2>/dev/null || true; ENGINE_PID=""
