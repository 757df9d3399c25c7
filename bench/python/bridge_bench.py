"""Times predict through the Python bridge on the ten-doubles model, loaded as MLflow loads it.

Usage: /usr/bin/python3 bench/python/bridge_bench.py <model folder>
Prints microseconds per call for 1 row, and per row for 10,000 and 1,000,000 rows.
"""
import importlib
import json
import os
import sys
import time

import numpy as np
import pandas as pd


def load(model_root):
    sys.path.insert(0, os.path.join(model_root, "code"))
    module = importlib.import_module("mlflow4j_loader")
    return module._load_pyfunc(os.path.join(model_root, "data"))


def frame(rows):
    r = np.arange(rows, dtype="f8") * 0.5
    return pd.DataFrame({f"c{c}": r + c for c in range(10)})


def per_call_seconds(model, df, min_seconds, min_calls):
    for _ in range(max(3, min_calls // 10)):
        model.predict(df)  # warm up the JVM's JIT and the pipes
    calls, start = 0, time.perf_counter()
    while calls < min_calls or time.perf_counter() - start < min_seconds:
        model.predict(df)
        calls += 1
    return (time.perf_counter() - start) / calls


def main():
    model = load(sys.argv[1])
    results = {}
    one = per_call_seconds(model, frame(1), 5, 2000)
    results["1_row_us_per_call"] = one * 1e6
    ten_k = per_call_seconds(model, frame(10_000), 5, 50)
    results["10k_rows_us_per_row"] = ten_k * 1e6 / 10_000
    million = per_call_seconds(model, frame(1_000_000), 10, 5)
    results["1m_rows_us_per_row"] = million * 1e6 / 1_000_000
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
