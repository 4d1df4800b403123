#!/usr/bin/env bash
# Builds and runs the whole benchmark suite, then writes bench/RESULTS.md.
#
#   bash bench/run.sh                      # the documented run (about 10 minutes on 2 cores)
#   bash bench/run.sh --peers ours-local,floor --scenarios read --duration 5   # a partial run, same tables
#
# Options after the script name go to the suite (see bench/README.md). BENCH_SKIP_UPSTREAM=1 builds the bench
# module alone, against the core and store artifacts already installed in ~/.m2.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
WORK="$BENCH_DIR/target/bench-work"
JAR="$BENCH_DIR/target/vertx-sessions-bench.jar"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[run.sh] installing wrk (the load generator) with apt-get"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    echo "[run.sh] wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk) and run again" >&2
    exit 1
  fi
fi
for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "[run.sh] $tool is missing" >&2; exit 1; }
done

# The Express peers (bench/express) need Node.js and their packages, installed from the lock file when missing or
# older than it; the suite runs them only when BENCH_EXPRESS_DIR names their directory.
EXPRESS_DIR="$BENCH_DIR/express"
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -f "$EXPRESS_DIR/node_modules/.package-lock.json" ] \
    || [ "$EXPRESS_DIR/package-lock.json" -nt "$EXPRESS_DIR/node_modules/.package-lock.json" ]; then
    echo "[run.sh] installing the Express peers' packages (npm ci in bench/express)"
    if ! (cd "$EXPRESS_DIR" && npm ci --no-audit --no-fund --loglevel=error); then
      rm -rf "$EXPRESS_DIR/node_modules"
      echo "[run.sh] npm ci failed: the express-* peers are skipped" >&2
    fi
  fi
  if [ -d "$EXPRESS_DIR/node_modules" ]; then
    export BENCH_EXPRESS_DIR="$EXPRESS_DIR"
  fi
else
  echo "[run.sh] node or npm is missing: the express-* peers are skipped (they need Node.js 20 or later)" >&2
fi

started=$(date +%s)
cd "$ROOT"
if [ "${BENCH_SKIP_UPSTREAM:-0}" = 1 ]; then
  echo "[run.sh] building the bench module"
  mvn -B -q -Pbench -pl bench package -DskipTests
else
  echo "[run.sh] building the bench module and the modules it uses"
  mvn -B -q -Pbench -pl bench -am package -DskipTests
fi

rm -rf "$WORK"
mkdir -p "$WORK"
suite_pid=""

# Stops what this run started, by process ID: the suite (whose shutdown hook stops its children), then any child
# it recorded that is still alive, checked by command line so that a reused PID is never touched.
stop_all() {
  if [ -n "$suite_pid" ] && kill -0 "$suite_pid" 2>/dev/null; then
    kill -TERM "$suite_pid" 2>/dev/null || true
    wait "$suite_pid" 2>/dev/null || true
  fi
  if [ -f "$WORK/children.pids" ]; then
    while read -r pid; do
      if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] \
        && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qE 'vertx-sessions-bench|bench/express/server\.js|redis-server|wrk'; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done <"$WORK/children.pids"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

java -Xmx1g -cp "$JAR" io.github.vertxsessions.bench.load.Suite \
  --out "$BENCH_DIR/RESULTS.md" --work "$WORK" --since "$started" "$@" &
suite_pid=$!
wait "$suite_pid"
suite_pid=""

echo "[run.sh] done in $(( $(date +%s) - started )) s (build included): $BENCH_DIR/RESULTS.md"
