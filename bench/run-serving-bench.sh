#!/usr/bin/env bash
# Serving in production, measured side by side in one run (issue: batching, metrics, V2):
#   1. the XGBoost churn model, 1-row requests at 64 connections: batching off, then on;
#   2. the iris model, 1-row requests at 8 connections: metrics off, then on;
#   3. the iris model, the same row through MLflow's protocol and through V2 infer.
# Each pair runs ROUNDS times, alternating, on a fresh server each time; the table shows each run
# and the ratio of the medians.
# Needs: ./mvnw -B install -DskipTests (the cli jar and the examples), and wrk (apt-get install wrk).
# Usage: bench/run-serving-bench.sh [seconds per run, default 15] [rounds, default 3]
#        BENCH_RUNS="iris-metrics-on iris-v2-infer" bench/run-serving-bench.sh   (only those runs)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
ROUNDS="${2:-3}"
JAR=$(ls cli/target/mlflow4j-cli-*-all.jar)
WORK=$(mktemp -d)
PORT=5097
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

export MLFLOW_TRACKING_URI="file://$WORK/mlruns"
example() { # logs an example, prints its model URI
  ./mvnw -B -q -pl examples exec:java -Dexec.mainClass="$1" 2>/dev/null | sed -n 's/^Logged model: *//p' | head -1
}
CHURN=$(example io.mlflow4j.examples.churn.ChurnExample)
IRIS=$(example io.mlflow4j.examples.iris.IrisExample)
echo "churn: $CHURN"
echo "iris:  $IRIS"

cat > "$WORK/churn.json" <<'EOF'
{"dataframe_split": {"columns": ["tenure_months", "monthly_charges", "support_calls", "has_contract"], "data": [[3, 92.5, 4, false]]}}
EOF
cat > "$WORK/iris.json" <<'EOF'
{"dataframe_split": {"columns": ["sepal_length", "sepal_width", "petal_length", "petal_width"], "data": [[5.1, 3.5, 1.4, 0.2]]}}
EOF
cat > "$WORK/iris-v2.json" <<'EOF'
{"inputs": [{"name": "sepal_length", "shape": [1], "datatype": "FP64", "data": [5.1]}, {"name": "sepal_width", "shape": [1], "datatype": "FP64", "data": [3.5]}, {"name": "petal_length", "shape": [1], "datatype": "FP64", "data": [1.4]}, {"name": "petal_width", "shape": [1], "datatype": "FP64", "data": [0.2]}]}
EOF

serve() { # model uri, extra options...
  local uri="$1"; shift
  java -jar "$JAR" serve -m "$uri" -p "$PORT" "$@" 2> "$WORK/serve.log" &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/ping" > /dev/null && return; sleep 0.1; done
  cat "$WORK/serve.log"; exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# prints "req/s p50 p99 non-200" for one load run
load() { # body file, path, connections
  BODY_FILE="$1" wrk -t2 -c"$3" -d3s -s bench/post.lua "http://127.0.0.1:$PORT$2" > /dev/null # warm-up
  local out
  out=$(BODY_FILE="$1" wrk -t2 -c"$3" -d"${DURATION}s" --latency -s bench/post.lua "http://127.0.0.1:$PORT$2")
  echo "$(echo "$out" | awk '/^Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "50%" {print $2}')" \
       "$(echo "$out" | awk '$1 == "99%" {print $2}') $(echo "$out" | awk '/^non-200 answers/ {print $3}')"
}

RESULTS="$WORK/results"
run() { # label, model, body, path, connections, serve options...
  local label="$1" uri="$2" body="$3" path="$4" conns="$5"; shift 5
  if [ -n "${BENCH_RUNS:-}" ] && [[ " $BENCH_RUNS " != *" $label "* ]]; then return; fi
  serve "$uri" "$@"
  curl -sf -H 'Content-Type: application/json' --data-binary @"$body" "http://127.0.0.1:$PORT$path" > /dev/null \
    || { echo "$label: the request failed"; cat "$WORK/serve.log"; exit 1; }
  local r; r=$(load "$body" "$path" "$conns")
  stop
  echo "$label $r" >> "$RESULTS"
  printf '%-22s %10s %9s %9s   (non-200: %s)\n' "$label" $r
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
printf '%-22s %10s %9s %9s\n' run "req/s" p50 p99
for round in $(seq 1 "$ROUNDS"); do
  run churn-batching-off "$CHURN" "$WORK/churn.json" /invocations 64
  run churn-batching-on "$CHURN" "$WORK/churn.json" /invocations 64 --max-batch-size 64 --max-batch-delay-ms 2
  run iris-metrics-off "$IRIS" "$WORK/iris.json" /invocations 8 --metrics off
  run iris-metrics-on "$IRIS" "$WORK/iris.json" /invocations 8
  run iris-v2-infer "$IRIS" "$WORK/iris-v2.json" /v2/models/iris-classifier/infer 8
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
rps() { awk -v l="$1" '$1 == l {print $2}' "$RESULTS" | median; }
p99ms() { awk -v l="$1" '$1 == l {v = $4; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; print v}' "$RESULTS" | median; }
echo
echo "medians of $ROUNDS rounds:"
printf '  batching on / off, churn 1 row, 64 connections: %.2fx req/s; p99 %s ms on, %s ms off\n' \
  "$(echo "$(rps churn-batching-on) / $(rps churn-batching-off)" | bc -l)" "$(p99ms churn-batching-on)" "$(p99ms churn-batching-off)"
printf '  metrics on / off, iris 1 row, 8 connections:     %.3f of the req/s (cost %.1f %%)\n' \
  "$(echo "$(rps iris-metrics-on) / $(rps iris-metrics-off)" | bc -l)" \
  "$(echo "(1 - $(rps iris-metrics-on) / $(rps iris-metrics-off)) * 100" | bc -l)"
printf '  V2 infer / MLflow protocol, iris 1 row, 8 conns: %.3f of the req/s\n' \
  "$(echo "$(rps iris-v2-infer) / $(rps iris-metrics-on)" | bc -l)"
