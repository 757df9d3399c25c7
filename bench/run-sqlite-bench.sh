#!/usr/bin/env bash
# Logging to MLflow 3's default store, a fresh sqlite:///mlflow.db: mlflow4j against MLflow's own
# Python client, in the same run on the same machine. Each logs RUNS runs (1,000 by default), each
# with PARAMS params at once (10) and one metric call per step for STEPS steps (100), into a fresh
# mlflow.db in an empty folder of its own, with no MLFLOW_TRACKING_URI (both use their default).
# The JVM's time includes its start-up and the database's creation; so does Python's (import mlflow).
# Every call is one transaction on both sides, so on a disk the time of a commit's fsync counts
# for both; BENCH_DIR=/dev/shm puts both databases on tmpfs to compare the clients' own work.
# Usage: bench/run-sqlite-bench.sh [runs] [params] [steps]   (MLFLOW_HOME: real MLflow 3.11.1)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-1000}"; params="${2:-10}"; steps="${3:-100}"
mlflow_home="${MLFLOW_HOME:-$HOME/.cache/real-mlflow/3.11.1}"
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
CP="$(pwd)/bench/target/classes:$(cat bench/target/classpath.txt)"
WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/sqlite-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/java" "$WORK/python"
unset MLFLOW_TRACKING_URI MLFLOW4J_MLFLOW_VERSION
echo "(databases in $WORK)"
echo "== mlflow4j: $runs runs x ($params params + $steps metric steps) into a fresh mlflow.db"
(cd "$WORK/java" && java -cp "$CP" io.mlflow4j.bench.SqliteBench "$runs" "$params" "$steps") | tee "$WORK/java.json"
echo "== MLflow's Python client, the same"
(
  # shellcheck disable=SC1091
  source "$mlflow_home/env.sh" >/dev/null
  cd "$WORK/python" && PYTHONWARNINGS=ignore python3 "$OLDPWD/bench/python/sqlite_bench.py" "$runs" "$params" "$steps"
) | tee "$WORK/python.json"
/usr/bin/python3 - "$WORK" "$runs" "$steps" <<'PY'
import json, sqlite3, sys
work, runs, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
java = json.load(open(f"{work}/java.json"))
python = json.load(open(f"{work}/python.json"))
for side in ("java", "python"):
    con = sqlite3.connect(f"{work}/{side}/mlflow.db")
    n_runs = con.execute("SELECT COUNT(*) FROM runs WHERE status = 'FINISHED'").fetchone()[0]
    n_metrics = con.execute("SELECT COUNT(*) FROM metrics").fetchone()[0]
    assert (n_runs, n_metrics) == (runs, runs * steps), (side, n_runs, n_metrics)
print(f"== both databases hold {runs} finished runs and {runs * steps} metric values")
print(f"mlflow4j {java['seconds']:.1f} s, {python['client']} {python['seconds']:.1f} s:"
      f" mlflow4j is {python['seconds'] / java['seconds']:.1f}x as fast")
PY
