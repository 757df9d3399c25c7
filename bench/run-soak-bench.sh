#!/usr/bin/env bash
# Soak test of mlflow4j's scoring server: mixed valid, oversized and malformed requests at 64
# connections against `mlflow4j serve` in a 512 MB heap, with GET /ping on a new connection every
# second. Reports the answers per kind of request (no 5xx may answer a client error), the heap
# after a full GC at the start and then every minute, and whether /ping answered throughout.
# Needs: a build (./mvnw -B package -DskipTests) and a JDK's jcmd.
# Usage: bench/run-soak-bench.sh [minutes, default 30] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-30}"
CONNECTIONS="${2:-64}"
MAX_REQUEST=1048576   # 1 MiB, so that oversized requests stay cheap to send
JAR="${SOAK_JAR:-$(ls cli/target/mlflow4j-cli-*-all.jar)}"   # SOAK_JAR: a copy, to keep building meanwhile
WORK=$(mktemp -d)
PORT="${SOAK_PORT:-5098}"
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

export MLFLOW_TRACKING_URI="$WORK/mlruns"
MODEL_URI=$(java -cp "examples/target/classes:$JAR" io.mlflow4j.examples.iris.IrisExample 2>/dev/null \
  | sed -n 's/^Logged model: //p')
echo "model: $MODEL_URI"

java -Xmx512m -jar "$JAR" serve -m "$MODEL_URI" -p "$PORT" --max-request-size "$MAX_REQUEST" 2> "$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/ping" > /dev/null && break; sleep 0.1; done

# The live heap: GC.class_histogram runs a full GC and sums the objects left. (GC.heap_info's
# "used" after GC.run also counts what the load allocated in between: tens of MB here.)
heap_after_gc() {
  jcmd "$SERVER_PID" GC.class_histogram | awk '/^Total/ {printf "%.1f MB", $3 / 1048576}'
}
rss() { awk '/VmRSS/ {print $2 " " $3}' "/proc/$SERVER_PID/status"; }

echo "cores: $(nproc)  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "start: heap after GC $(heap_after_gc), RSS $(rss)"
( while sleep 60; do echo "  $(date -u +%H:%M:%S) heap after GC $(heap_after_gc), RSS $(rss)"; done ) &
SAMPLER_PID=$!

java bench/SoakClient.java "$PORT" "$MINUTES" "$CONNECTIONS" "$MAX_REQUEST"

kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
echo "end: heap after GC $(heap_after_gc), RSS $(rss)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if kill -0 "$SERVER_PID" 2>/dev/null; then echo "server: still running"; else echo "server: DIED"; fi
echo "server log lines: $(wc -l < "$WORK/serve.log"); WARN/ERROR: $(grep -c -E 'WARN|ERROR' "$WORK/serve.log" || true)"
grep -E 'WARN|ERROR' "$WORK/serve.log" | sed 's/[0-9]\{2,\}/N/g' | sort | uniq -c | sort -rn | head -10 || true
