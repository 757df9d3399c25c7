#!/usr/bin/env bash
# Benchmark of mlflow4j's scoring server against in-process predict, on the iris example.
# Needs: a build (./mvnw -B verify, or ./mvnw -B package -DskipTests) and wrk (apt-get install wrk).
# Usage: bench/run-server-bench.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
JAR=$(ls cli/target/mlflow4j-cli-*-all.jar)
WORK=$(mktemp -d)
PORT=5099
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# 1. Train and log the iris example into a throwaway tracking store.
export MLFLOW_TRACKING_URI="$WORK/mlruns"
MODEL_URI=$(java -cp "examples/target/classes:$JAR" io.mlflow4j.examples.iris.IrisExample 2>/dev/null \
  | sed -n 's/^Logged model: //p')
echo "model: $MODEL_URI"

# 2. Payloads: dataframe_split with 1 and with 100 rows (the same flowers as InProcessBench).
payload() {
  awk -v rows="$1" 'BEGIN {
    printf "{\"dataframe_split\": {\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"], \"data\": [";
    for (i = 0; i < rows; i++) {
      printf "%s[%.1f, %.1f, %.1f, %.1f]", (i ? ", " : ""), 4.5 + (i % 30) * 0.1, 2.5 + (i % 15) * 0.1, 1.0 + (i % 50) * 0.1, 0.1 + (i % 25) * 0.1;
    }
    printf "]}}";
  }' > "$2"
}
payload 1 "$WORK/one.json"
payload 100 "$WORK/hundred.json"

# 3. Serve it and check it answers.
java -jar "$JAR" serve -m "$MODEL_URI" -p "$PORT" 2> "$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/ping" > /dev/null && break; sleep 0.1; done
curl -sf -H 'Content-Type: application/json' --data-binary @"$WORK/one.json" "http://127.0.0.1:$PORT/invocations"; echo

# 4. Load: concurrency 1, 8, 64 for each payload, after a warm-up; GET /ping at 8 for the ceiling
#    of the HTTP layer itself (an empty handler).
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
ping_out=$(wrk -t2 -c8 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/ping")
printf '\n%-8s %-5s %10s %9s %9s\n' payload conns "req/s" p50 p99
printf '%-8s %-5s %10s %9s %9s\n' "GET/ping" 8 "$(echo "$ping_out" | awk '/^Requests\/sec/ {print $2}')" \
  "$(echo "$ping_out" | awk '$1 == "50%" {print $2}')" "$(echo "$ping_out" | awk '$1 == "99%" {print $2}')"
for name in one hundred; do
  BODY_FILE="$WORK/$name.json" wrk -t2 -c8 -d5s -s bench/post.lua "http://127.0.0.1:$PORT/invocations" > /dev/null
  for c in 1 8 64; do
    threads=$(( c < 2 ? 1 : 2 ))
    out=$(BODY_FILE="$WORK/$name.json" wrk -t"$threads" -c"$c" -d"${DURATION}s" --latency -s bench/post.lua \
          "http://127.0.0.1:$PORT/invocations")
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    bad=$(echo "$out" | awk '/^non-200 answers/ {print $3}')
    rows=$([ "$name" = one ] && echo 1 || echo 100)
    printf '%-8s %-5s %10s %9s %9s   (non-200: %s)\n' "${rows}-row" "$c" "$rps" "$p50" "$p99" "$bad"
  done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# 5. In-process baseline: the same work without HTTP.
echo
java -cp "$JAR" bench/InProcessBench.java "$MODEL_URI" "$WORK/one.json" "$WORK/hundred.json" 2
