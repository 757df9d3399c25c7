"""Logs runs to MLflow's default store (sqlite:///mlflow.db of the working directory) with MLflow's
Python client: per run, its params at once and one log_metric per step, as SqliteBench.java does.
usage: python3 sqlite_bench.py RUNS PARAMS STEPS   (prints one JSON line)"""
import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import mlflow  # noqa: E402

runs, params, steps = (int(a) for a in sys.argv[1:4])
start = time.perf_counter()
mlflow.set_experiment("bench")
for r in range(runs):
    with mlflow.start_run(run_name=f"run-{r}"):
        mlflow.log_params({f"param_{p}": p * 0.5 for p in range(params)})
        for s in range(steps):
            mlflow.log_metric("loss", 1.0 / (s + 1), step=s)
seconds = time.perf_counter() - start
print(json.dumps({"client": f"mlflow {mlflow.__version__}", "tracking_uri": mlflow.get_tracking_uri(), "runs": runs,
                  "seconds": round(seconds, 3)}))
