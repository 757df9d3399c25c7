#!/usr/bin/env bash
# The Python bridge benchmark: predict through the bridge (Python -> JVM -> Python) against the same
# predict called in-process in Java (JMH), for a model with 10 double columns and a trivial predict.
# Needs Debian's python3 with pandas: apt-get install -y python3-pandas
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
java -cp "$CP" io.mlflow4j.bench.SaveTenDoubles "$WORK/model" > /dev/null
echo "== through the bridge (Python, microseconds)"
/usr/bin/python3 bench/python/bridge_bench.py "$WORK/model" | tee "$WORK/bridge.json"
echo "== in-process Java predict (JMH, microseconds per call)"
java -cp "$CP" org.openjdk.jmh.Main InProcessPredictBenchmark -rf json -rff "$WORK/jmh.json" | grep -E "^Benchmark|InProcess"
/usr/bin/python3 - "$WORK/bridge.json" "$WORK/jmh.json" <<'PY'
import json, sys
bridge = json.load(open(sys.argv[1]))
jmh = {int(r["params"]["rows"]): r["primaryMetric"]["score"] for r in json.load(open(sys.argv[2]))}
print("== added by the bridge")
print(f"1 row:      {bridge['1_row_us_per_call'] - jmh[1]:.1f} us per call (bridge {bridge['1_row_us_per_call']:.1f}, in-process {jmh[1]:.2f})")
for rows, key in ((10_000, "10k_rows_us_per_row"), (1_000_000, "1m_rows_us_per_row")):
    java = jmh[rows] / rows
    print(f"{rows} rows: {bridge[key] - java:.3f} us per row (bridge {bridge[key]:.3f}, in-process {java:.3f}; ratio {bridge[key] / java:.1f}x)")
PY
