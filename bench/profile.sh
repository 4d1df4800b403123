#!/usr/bin/env bash
# Measures one peer's server CPU per request under wrk and profiles it with JDK Flight Recorder.
#
#   bash bench/profile.sh [peer] [seconds]      # default: ours-local, 15 s per window
#
# Environment:
#   SCENARIOS="read write"   which scenarios (read, write, anon: /read without a cookie)
#   REPEATS=3                measured windows per scenario, each printing the peer's CPU per request
#   JFR=1                    then one more window under JFR, printing the hottest frames; JFR=0 skips it
#   WARMUP=10                seconds of load of each scenario, all before the first measured window
#   JAR=...                  another build of the bench jar (a "before" copy, say); TAG=... names its work directory
#
# CPU per request is the peer process's utime+stime (/proc/<pid>/stat fields 14 and 15, in clock ticks of
# `getconf CLK_TCK`) over one wrk window, divided by the requests wrk completed in it; it is taken without JFR,
# whose own sampling would count. Run the `floor` peer the same way (it gets cookies shaped like ours) and subtract:
# the difference is the session's cost. The machine is shared: compare peers measured close together, as ranges.
#
# The peer runs pinned to CPU 0 with the suite's JVM options, wrk (1 thread, 64 connections) pinned to CPU 1, as in
# bench/run.sh; it needs the bench jar (mvn -B -o -q -Pbench -pl bench -am package -DskipTests) and wrk.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="${JAR:-$BENCH_DIR/target/vertx-sessions-bench.jar}"
PEER="${1:-ours-local}"
SECONDS_PER="${2:-15}"
SCENARIOS="${SCENARIOS:-read write}"
REPEATS="${REPEATS:-3}"
JFR="${JFR:-1}"
WORK="$BENCH_DIR/target/profile-$PEER${TAG:+-$TAG}"
rm -rf "$WORK" && mkdir -p "$WORK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TICKS_PER_SECOND=$(getconf CLK_TCK)

taskset -c 0 java -Xms256m -Xmx1g -XX:+UseG1GC -cp "$JAR" io.github.vertxsessions.bench.peer.PeerServer \
  "$PEER" "$PORT" >"$WORK/peer.log" 2>&1 &
PEER_PID=$!
trap 'kill $PEER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q READY "$WORK/peer.log" && break; sleep 0.1; done

if [ "$PEER" = floor ]; then
  # the floor mints no cookie: send the same bytes as to the others, 43-char ID dot 43-char signature
  python3 -c 'import base64, os
for _ in range(1000):
    r = lambda: base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    print("sid=" + r() + "." + r())' >"$WORK/cookies.txt"
else
  for _ in $(seq 1 1000); do
    curl -s -o /dev/null -D - "http://127.0.0.1:$PORT/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(sid=[^;]*\).*/\1/p'
  done >"$WORK/cookies.txt"
fi

# JFR's profile settings, sampling every millisecond rather than every 10: a peer sharing its core still yields
# enough samples in one window
JFC="$WORK/profile-1ms.jfc"
sed '/"jdk.ExecutionSample"/,/<\/event>/ s/>10 ms</>1 ms</' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" >"$JFC"

LUA="$WORK/sessions.lua"
unzip -p "$JAR" wrk/sessions.lua >"$LUA"

# CPU time so far, in clock ticks, of the peer (utime + stime, fields 14 and 15 of /proc/<pid>/stat; the command
# name, field 2, may hold spaces: skip past it) and of its event loop alone (no JIT, no GC: less noisy)
cpu_ticks() {
  sed 's/^.*) //' "/proc/$PEER_PID/stat" | awk '{print $12 + $13}'
}
loop_ticks() {
  local task
  for task in /proc/$PEER_PID/task/*; do
    if grep -q '^vert.x-eventloo' "$task/comm" 2>/dev/null; then
      sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}'
      return
    fi
  done
  echo 0
}

# one wrk window on the scenario's path; prints wrk's WRK_RESULT line
load() {
  local scenario=$1 seconds=$2 path cookies=()
  case "$scenario" in
    read | anon) path=/read ;;
    *) path="/$scenario" ;;
  esac
  [ "$scenario" != anon ] && cookies=("$WORK/cookies.txt")
  taskset -c 1 wrk -t1 -c64 -d"${seconds}s" -s "$LUA" "http://127.0.0.1:$PORT" -- "$path" "${cookies[@]}" \
    | grep '^WRK_RESULT' || true
}

# every scenario warms up before any is measured: code the later ones add would still be compiling
for scenario in $SCENARIOS; do
  load "$scenario" "${WARMUP:-10}" >/dev/null
done
for scenario in $SCENARIOS; do
  for run in $(seq 1 "$REPEATS"); do
    before=$(cpu_ticks) loop_before=$(loop_ticks)
    result=$(load "$scenario" "$SECONDS_PER")
    after=$(cpu_ticks) loop_after=$(loop_ticks)
    requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' <<<"$result")
    seconds=$(sed 's/.*"durationMicros":\([0-9]*\).*/\1/' <<<"$result")
    errors=$(sed 's/.*"non2xx3xx":\([0-9]*\).*/\1/' <<<"$result")
    awk -v p="$PEER" -v s="$scenario" -v r="$run" -v t="$((after - before))" -v l="$((loop_after - loop_before))" -v hz="$TICKS_PER_SECOND" \
      -v n="$requests" -v d="$seconds" -v e="$errors" 'BEGIN {
        printf "CPU %s %s #%d: %.2f us/request, event loop %.2f (%d ticks of 1/%d s, %d requests, %.0f req/s, %d non-2xx)\n",
          p, s, r, t * 1e6 / hz / n, l * 1e6 / hz / n, t, hz, n, n / (d / 1e6), e }'
  done
  [ "$JFR" = 1 ] || continue
  jcmd "$PEER_PID" JFR.start name="$scenario" settings="$JFC" filename="$WORK/$scenario.jfr" >/dev/null
  load "$scenario" "$SECONDS_PER" >/dev/null
  jcmd "$PEER_PID" JFR.stop name="$scenario" >/dev/null
  echo "== $PEER $scenario: top frames by self time (share of execution samples)"
  jfr print --events jdk.ExecutionSample --stack-depth 1 "$WORK/$scenario.jfr" \
    | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|--' | sed 's/line:.*//; s/^ *//' \
    | sort | uniq -c | sort -rn \
    | awk '{n[NR]=$1; $1=""; l[NR]=substr($0,2); t+=n[NR]} END {printf "(%d samples)\n", t; for (i=1;i<=20&&i<=NR;i++) printf "%5.1f%%  %s\n", 100*n[i]/t, l[i]}'
  echo "== $PEER $scenario: top frames of this library (inclusive, share of samples whose stack holds them)"
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/$scenario.jfr" \
    | awk '/jdk.ExecutionSample/ {if (NR>1) for (k in seen) c[k]++; delete seen; total++} /io\.github\.vertxsessions\.(impl|local|spi|micrometer)/ {sub(/line:.*/,""); gsub(/^ +/,""); seen[$0]=1} END {for (k in seen) c[k]++; for (k in c) printf "%5.1f%%  %s\n", 100*c[k]/total, k}' \
    | sort -rn | head -15
done
