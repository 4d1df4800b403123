#!/usr/bin/env bash
# Profiles one peer under wrk with JDK Flight Recorder and prints the hottest frames (self time) of each scenario.
#
#   bash bench/profile.sh [peer] [seconds]      # default: ours-local, 15 s per scenario
#
# The peer runs pinned to CPU 0 and wrk (1 thread, 64 connections) to CPU 1, as in bench/run.sh; it needs the bench
# jar (bash bench/run.sh builds it, or: mvn -B -q -Pbench -pl bench -am package -DskipTests) and wrk.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$BENCH_DIR/target/vertx-sessions-bench.jar"
PEER="${1:-ours-local}"
SECONDS_PER="${2:-15}"
WORK="$BENCH_DIR/target/profile-$PEER"
rm -rf "$WORK" && mkdir -p "$WORK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

taskset -c 0 java -Xms512m -Xmx512m -XX:+UseParallelGC -cp "$JAR" io.github.vertxsessions.bench.peer.PeerServer \
  "$PEER" "$PORT" >"$WORK/peer.log" 2>&1 &
PEER_PID=$!
trap 'kill $PEER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q READY "$WORK/peer.log" && break; sleep 0.1; done

for _ in $(seq 1 1000); do
  curl -s -o /dev/null -D - "http://127.0.0.1:$PORT/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(sid=[^;]*\).*/\1/p'
done >"$WORK/cookies.txt"

LUA="$WORK/sessions.lua"
unzip -p "$JAR" wrk/sessions.lua >"$LUA"
for scenario in read write; do
  taskset -c 1 wrk -t1 -c64 -d5s -s "$LUA" "http://127.0.0.1:$PORT" -- "/$scenario" "$WORK/cookies.txt" >/dev/null
  jcmd "$PEER_PID" JFR.start name="$scenario" settings=profile filename="$WORK/$scenario.jfr" >/dev/null
  taskset -c 1 wrk -t1 -c64 -d"${SECONDS_PER}s" -s "$LUA" "http://127.0.0.1:$PORT" -- "/$scenario" \
    "$WORK/cookies.txt" | grep -E 'Requests/sec|^RESULT' || true
  jcmd "$PEER_PID" JFR.stop name="$scenario" >/dev/null
  echo "== $PEER $scenario: top frames by self time (share of execution samples)"
  jfr print --events jdk.ExecutionSample --stack-depth 1 "$WORK/$scenario.jfr" \
    | grep -A1 'stackTrace = \[' | grep -v 'stackTrace\|--' | sed 's/line:.*//; s/^ *//' \
    | sort | uniq -c | sort -rn | awk '{n[NR]=$1; l[NR]=$0; t+=$1} END {for (i=1;i<=20&&i<=NR;i++) printf "%5.1f%%  %s\n", 100*n[i]/t, substr(l[i], index(l[i],$2))}'
  echo "== $PEER $scenario: top frames of this library (inclusive, share of samples whose stack holds them)"
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/$scenario.jfr" \
    | awk '/jdk.ExecutionSample/ {if (NR>1) for (k in seen) c[k]++; delete seen; total++} /io\.github\.vertxsessions\.(impl|local|spi)/ {sub(/line:.*/,""); gsub(/^ +/,""); seen[$0]=1} END {for (k in seen) c[k]++; for (k in c) printf "%5.1f%%  %s\n", 100*c[k]/total, k}' \
    | sort -rn | head -15
done
