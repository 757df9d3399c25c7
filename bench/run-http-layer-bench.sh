#!/usr/bin/env bash
# The HTTP layer under the scoring server: the same per-request work (Invocations.invoke on the iris
# example) behind mlflow4j serve (Netty, predictions on a worker pool), and minimal Undertow and
# Netty set-ups (predict on the I/O threads or inline), under the same wrk load. Before 2026-11-30
# mlflow4j serve ran on the JDK's HttpServer; its row was labelled jdk.
# Needs: a build (./mvnw -B package -DskipTests) and wrk (apt-get install wrk).
# Usage: bench/run-http-layer-bench.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
JAR=$(ls cli/target/mlflow4j-cli-*-all.jar)
BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"
WORK=$(mktemp -d)
PORT=5098
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

export MLFLOW_TRACKING_URI="$WORK/mlruns"
MODEL_URI=$(java -cp "examples/target/classes:$JAR" io.mlflow4j.examples.iris.IrisExample 2>/dev/null \
  | sed -n 's/^Logged model: //p')
printf '{"dataframe_split": {"columns": ["sepal_length", "sepal_width", "petal_length", "petal_width"], "data": [[5.1, 3.5, 1.4, 0.2]]}}' \
  > "$WORK/one.json"

measure() { # name, then the command that serves on $PORT
  local name="$1"; shift
  "$@" 2> "$WORK/$name.log" &
  SERVER_PID=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/ping" > /dev/null && break; sleep 0.1; done
  BODY_FILE="$WORK/one.json" wrk -t2 -c8 -d5s -s bench/post.lua "http://127.0.0.1:$PORT/invocations" > /dev/null
  local ping one
  ping=$(wrk -t2 -c8 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/ping")
  one=$(BODY_FILE="$WORK/one.json" wrk -t2 -c8 -d"${DURATION}s" --latency -s bench/post.lua "http://127.0.0.1:$PORT/invocations")
  printf '%-9s %12s %10s %12s %10s %10s  (non-200: %s)\n' "$name" \
    "$(awk '/^Requests\/sec/ {print $2}' <<<"$ping")" "$(awk '$1 == "99%" {print $2}' <<<"$ping")" \
    "$(awk '/^Requests\/sec/ {print $2}' <<<"$one")" "$(awk '$1 == "50%" {print $2}' <<<"$one")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$one")" "$(awk '/^non-200 answers/ {print $3}' <<<"$one")"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc); 8 connections, ${DURATION} s each"
printf '%-9s %12s %10s %12s %10s %10s\n' layer "ping req/s" "ping p99" "1-row req/s" "1-row p50" "1-row p99"
measure serve java -jar "$JAR" serve -m "$MODEL_URI" -p "$PORT"
measure undertow java -cp "$BENCH_CP" io.mlflow4j.bench.HttpLayerBench undertow "$MODEL_URI" "$PORT"
measure netty java -cp "$BENCH_CP" io.mlflow4j.bench.HttpLayerBench netty "$MODEL_URI" "$PORT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
