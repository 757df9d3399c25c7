"""Loads an mlflow4j model exactly as mlflow.pyfunc does for a custom loader module, and predicts.

Usage: pyfunc_driver.py <model folder> <request.json>
The request holds {"columns", "data", "dtypes", "params", "scenario"} (or "serving_input", a file); the answer, on stdout, is
one JSON object with the prediction's columns, dtypes and values, or the error raised.
"""
import base64
import importlib
import json
import logging
import os
import signal
import sys
import threading

import numpy as np
import pandas as pd

logging.basicConfig(level=logging.INFO, stream=sys.stderr)


def load(model_root):
    # What mlflow.pyfunc.load_model does with flavors.python_function: code first on sys.path,
    # import loader_module, call _load_pyfunc(<model>/<data>).
    import yaml  # noqa: F401  (PyYAML ships with Debian's python3; only to read MLmodel as MLflow does)

    with open(os.path.join(model_root, "MLmodel")) as f:
        conf = yaml.safe_load(f)["flavors"]["python_function"]
    sys.path.insert(0, os.path.join(model_root, conf["code"]))
    module = importlib.import_module(conf["loader_module"])
    return module._load_pyfunc(os.path.join(model_root, conf["data"]))


def model_input(request):
    if "serving_input" in request:  # a model's serving_input_example.json, read as MLflow's server reads it
        with open(request["serving_input"]) as f:
            split = json.load(f)["dataframe_split"]
        return pd.DataFrame(split["data"], columns=split["columns"])
    if "ndarray" in request:
        return np.array(request["ndarray"]["data"], dtype=request["ndarray"]["dtype"])
    if "tensors" in request:
        return {k: np.array(v["data"], dtype=v["dtype"]) for k, v in request["tensors"].items()}
    return frame(request)


def frame(request):
    df = pd.DataFrame(request["data"], columns=request["columns"])
    for name, dtype in request.get("dtypes", {}).items():
        if dtype == "base64":  # JSON cannot carry bytes
            df[name] = [None if v is None else base64.b64decode(v) for v in df[name]]
        else:
            df[name] = df[name].astype(dtype)
    return df


def plain(v):
    if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
        return None
    if isinstance(v, (bytes, bytearray)):
        return "base64:" + base64.b64encode(v).decode()
    if isinstance(v, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(v).isoformat()
    return v.item() if hasattr(v, "item") else v


def describe(result):
    if isinstance(result, pd.DataFrame):
        cols = list(result.columns)
        return {
            "kind": "frame",
            "columns": [str(c) for c in cols],
            "dtypes": [str(result[c].dtype) for c in cols],
            "values": [[plain(v) for v in result[c].tolist()] for c in cols],
        }
    if isinstance(result, np.ndarray):
        return {
            "kind": "ndarray",
            "dtypes": [str(result.dtype)],
            "shape": list(result.shape),
            "values": [[None if (isinstance(v, float) and v != v) else v for v in result.tolist()]],
        }
    if isinstance(result, dict):
        return {
            "kind": "tensors",
            "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape), "data": v.tolist()} for k, v in result.items()},
        }
    return {"kind": type(result).__name__}


def error(e):
    return {"error": type(e).__name__, "error_code": getattr(e, "error_code", None), "message": str(e)}


def main():
    model_root, request_file = sys.argv[1], sys.argv[2]
    with open(request_file) as f:
        request = json.load(f)
    scenario = request.get("scenario", "predict")
    try:
        model = load(model_root)
    except Exception as e:  # noqa: BLE001
        print(json.dumps({"load_error": error(e)}))
        return
    df, params = model_input(request), request.get("params")
    out = {}
    if scenario == "predict":
        try:
            out["result"] = describe(model.predict(df, params=params))
        except Exception as e:  # noqa: BLE001
            out["result"] = error(e)
    elif scenario == "threads":
        results = [None] * 8

        def work(i):
            results[i] = describe(model.predict(df, params=params))

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        single = describe(model.predict(df, params=params))
        out["all_equal"] = all(r == single for r in results)
        out["result"] = single
    elif scenario == "kill_jvm":
        first = describe(model.predict(df, params=params))
        pid = model._jvm.process.pid
        os.kill(pid, signal.SIGKILL)
        model._jvm.process.wait()
        out["second"] = describe(model.predict(df, params=params))
        out["same"] = out["second"] == first
        out["new_pid"] = model._jvm.process.pid != pid
    elif scenario == "report_pid_and_exit":
        model.predict(df, params=params)
        out["jvm_pid"] = model._jvm.process.pid  # then the interpreter exits normally
    elif scenario == "report_pid_and_wait":
        model.predict(df, params=params)
        print(json.dumps({"jvm_pid": model._jvm.process.pid}), flush=True)
        threading.Event().wait(120)  # killed by the test
    print(json.dumps(out))


if __name__ == "__main__":
    main()
