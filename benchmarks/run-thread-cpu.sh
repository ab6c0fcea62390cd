#!/usr/bin/env bash
# Where the engine's CPU goes under one load scenario, thread by thread:
#   runs benchmarks/run-load.sh against the engine alone (SKIP_ECHO=1), and in the middle of the
#   scenario's measured window reads every engine thread's CPU time twice, SAMPLE seconds apart,
#   from /proc/<pid>/task/*/schedstat (Linux); then prints each thread's CPU in that window, in ms
#   and in µs per event at the scenario's measured rate.
# Threads are grouped by name without their numbers (vert.x-eventloop-thread-0 and -1 together);
# accrue-stage-1 is the journal, accrue-stage-2 the business logic (see CommandPipeline).
#
# Usage: benchmarks/run-thread-cpu.sh [ENGINE_OPTION ...]   (options go to the engine, as for run-load.sh)
# Environment:
#   SCENARIO=stream        stream: StreamPurchases 2 x 100 (INFLIGHT=""); unary: RecordPurchase at UNARY_INFLIGHT
#   UNARY_INFLIGHT=256
#   WARMUP=40 DURATION=20  as run-load.sh's (a scenario run first needs a long warm-up: the JIT)
#   SAMPLE_AFTER=3 SAMPLE=15   seconds into the measured window to start, and the window read
#   ENGINE_JAR, MEMBERS, ... as run-load.sh takes them
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCENARIO="${SCENARIO:-stream}"
UNARY_INFLIGHT="${UNARY_INFLIGHT:-256}"
WARMUP="${WARMUP:-40}"
DURATION="${DURATION:-20}"
SAMPLE_AFTER="${SAMPLE_AFTER:-3}"
SAMPLE="${SAMPLE:-15}"
if (( SAMPLE_AFTER + SAMPLE > DURATION )); then
  echo "SAMPLE_AFTER + SAMPLE ($SAMPLE_AFTER + $SAMPLE) must fit in DURATION ($DURATION)" >&2
  exit 2
fi
case "$SCENARIO" in
  stream) inflight=""; streams=2; row="stream-2x100" ;;
  unary) inflight="$UNARY_INFLIGHT"; streams=""; row="unary-$UNARY_INFLIGHT" ;;
  *) echo "SCENARIO is stream or unary, not '$SCENARIO'" >&2; exit 2 ;;
esac

OUT_DIR="${OUT_DIR:-benchmarks/target/thread-cpu-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT_DIR"
log="$OUT_DIR/run-load.log"

OUT_DIR="$OUT_DIR/load" SKIP_ECHO=1 INFLIGHT="$inflight" STREAMS="$streams" WARMUP="$WARMUP" \
  DURATION="$DURATION" benchmarks/run-load.sh "$@" > "$log" 2>&1 &
load_pid=$!
trap 'kill "$load_pid" 2>/dev/null || true' EXIT

# run-load.sh logs "engine / <scenario> / round 1 ..." as the generator starts: warm-up, then the window.
deadline=$((SECONDS + 600))
until grep -q "engine / $row" "$log" 2>/dev/null; do
  if ! kill -0 "$load_pid" 2>/dev/null || (( SECONDS > deadline )); then
    echo "run-load.sh ended or stalled before the scenario; see $log" >&2
    exit 1
  fi
  sleep 1
done
sleep $((WARMUP + SAMPLE_AFTER))
# The engine is the java process with the data dir run-load.sh made for it (and logged).
data_dir="$(grep -o 'data in [^ )]*' "$log" | head -1 | cut -d' ' -f3)"
engine_pid="$(pgrep -f -- "--data.dir=$data_dir( |$)" | head -1 || true)"
[[ -n "$engine_pid" ]] || { echo "no engine process found" >&2; exit 1; }

snapshot() {
  local task
  for task in /proc/"$engine_pid"/task/*; do
    # comm may hold spaces ("C2 CompilerThread0"); schedstat's first field is CPU time in ns.
    printf '%s|%s|%s\n' "$(cat "$task/comm" 2>/dev/null)" "${task##*/}" \
      "$(cut -d' ' -f1 "$task/schedstat" 2>/dev/null)"
  done
}
snapshot > "$OUT_DIR/before.txt"
sleep "$SAMPLE"
snapshot > "$OUT_DIR/after.txt"

wait "$load_pid"
trap - EXIT
rate="$(grep -o 'throughput=[0-9.]*' "$OUT_DIR"/load/results.txt | head -1 | cut -d= -f2)"
[[ -n "$rate" ]] || { echo "no throughput in $OUT_DIR/load/results.txt" >&2; exit 1; }

{
  echo "scenario $row: $rate events/s; thread CPU over $SAMPLE s of the window"
  awk -F'|' -v rate="$rate" -v sample="$SAMPLE" '
    NR == FNR { before[$2] = $3; next }
    $3 != "" {
      name = $1
      if (name !~ /^accrue-/) sub(/[#-]?[0-9]+$/, "", name)  # accrue-stage-1 and -2 are different stages
      gsub(/ /, "_", name)
      ms[name] += ($3 - ($2 in before ? before[$2] : 0)) / 1e6
    }
    END {
      events = rate * sample
      for (n in ms) total += ms[n]
      printf "%-28s %10s %14s\n", "threads", "CPU ms", "us per event"
      for (n in ms) if (ms[n] >= 20) printf "%-28s %10.0f %14.2f\n", n, ms[n], ms[n] * 1000 / events | "sort -k2 -nr"
      close("sort -k2 -nr")
      printf "%-28s %10.0f %14.2f\n", "all", total, total * 1000 / events
    }' "$OUT_DIR/before.txt" "$OUT_DIR/after.txt"
} | tee "$OUT_DIR/threads.txt"
