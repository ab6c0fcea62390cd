# Shared by run-load.sh and run-latency.sh (sourced after ROOT, HOST, START_TIMEOUT and
# STOP_TIMEOUT are set): the servers and the generator run as child processes that every exit
# path stops, each wait bounded.
# shellcheck shell=bash

ECHO_PID=""
ENGINE_PID=""
CHILD_PID=""
DATA_DIR=""
cleanup() {
  if [[ -n "$CHILD_PID" ]]; then
    kill -TERM "$CHILD_PID" 2>/dev/null || true   # timeout(1) passes it on to the generator
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  stop_server "$ECHO_PID" || true
  ECHO_PID=""
  stop_server "$ENGINE_PID" || true
  ENGINE_PID=""
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

load1() { cut -d' ' -f1 /proc/loadavg; }

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

# await_ready PID PATTERN PORT LOG: waits until the server's log says it serves (PATTERN) and PORT
# accepts connections; fails if the server dies or START_TIMEOUT passes. The log line makes sure it
# is our server listening.
await_ready() {
  local pid="$1" pattern="$2" port="$3" log_file="$4" deadline=$((SECONDS + START_TIMEOUT))
  until grep -qs -- "$pattern" "$log_file" && port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "server exited before listening; its log ($log_file):" >&2
      tail -n 30 "$log_file" >&2
      return 1
    fi
    if (( SECONDS >= deadline )); then
      echo "server not listening on $port after ${START_TIMEOUT}s; see $log_file" >&2
      return 1
    fi
    sleep 0.2
  done
}

# stop_server PID: SIGTERM, then SIGKILL after STOP_TIMEOUT.
stop_server() {
  local pid="$1"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "server $pid ignored SIGTERM for ${STOP_TIMEOUT}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# Awk functions the scripts' result tables share: results.txt lines are key=value fields, looked up
# by name; values gathered per key (add) and summed up as medians. Prepend to an awk program.
RESULTS_AWK='
  function field(line, key,   n, i, parts, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) {
      split(parts[i], kv, "=")
      if (kv[1] == key) return substr(parts[i], length(key) + 2)
    }
    return ""
  }
  # The median of the space-separated numbers in list; "" for none.
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    if (n == 0) return ""
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  function add(key, value) { if (value != "") vals[key] = vals[key] " " value }
  function fmt(value, format) { return value == "" ? "-" : sprintf(format, value) }
'
