#!/usr/bin/env bash
# Unary latency at half the maximum rate, durable: starts the engine (fresh data dir, default
# fsync=every-batch), measures the closed-loop maximum of RecordPurchase (IN_FLIGHT calls in
# flight), then sends at HALF that rate on a fixed schedule (open loop; latency from each call's
# due time) and reports p50/p99/p99.9.
#
# Usage: benchmarks/run-unary-latency.sh [ENGINE_OPTION ...]
# Environment: MEMBERS=10000, IN_FLIGHT=64, WARMUP=10, DURATION=20, PORT=9390, FRACTION=50 (percent
#   of the measured maximum to send at).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEMBERS="${MEMBERS:-10000}"
IN_FLIGHT="${IN_FLIGHT:-64}"
WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-20}"
PORT="${PORT:-9390}"
FRACTION="${FRACTION:-50}"
ENGINE_JAR="$ROOT/engine/target/accrue-engine.jar"
BENCH_JAR="$ROOT/benchmarks/target/accrue-benchmarks.jar"
DATA="$(mktemp -d /tmp/accrue-latency.XXXXXX)"
LOG="$DATA.log"
ENGINE_PID=""
cleanup() { [[ -n "$ENGINE_PID" ]] && kill -9 "$ENGINE_PID" 2>/dev/null || true; rm -rf "$DATA" "$LOG"; }
trap cleanup EXIT

java -jar "$ENGINE_JAR" --grpc.host=127.0.0.1 --grpc.port="$PORT" --data.dir="$DATA" \
  --demo.seed-members=false --idempotency.capacity=20000000 "$@" >>"$LOG" 2>&1 &
ENGINE_PID=$!
deadline=$((SECONDS + 120))
until grep -q "serving gRPC" "$LOG"; do
  (( SECONDS < deadline )) || { echo "engine did not serve within 120 s"; tail -20 "$LOG"; exit 1; }
  kill -0 "$ENGINE_PID" 2>/dev/null || { echo "engine died"; tail -20 "$LOG"; exit 1; }
  sleep 0.05
done

load() {
  java -cp "$BENCH_JAR" dev.accrue.bench.load.LoadGenerator --target=127.0.0.1:"$PORT" --mode=unary \
    --in-flight="$IN_FLIGHT" --members="$MEMBERS" --warmup="$WARMUP" --duration="$DURATION" "$@" | grep -E "^RESULT"
}

max=$(load | tee /dev/stderr | grep -oE 'throughput=[0-9.]+' | cut -d= -f2)
rate=$(awk -v m="$max" -v f="$FRACTION" 'BEGIN { printf "%d", m * f / 100 }')
echo "closed-loop maximum: $max calls/s; now open loop at $FRACTION% = $rate calls/s" >&2
load --no-enrol --rate="$rate" | sed "s/^RESULT/RESULT open-loop rate=$rate of max=$max/"
