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
import time

import numpy as np
import pandas as pd

logging.basicConfig(level=logging.INFO, stream=sys.stderr)


def load(model_root, no_poll=False):
    # What mlflow.pyfunc.load_model does with flavors.python_function: code first on sys.path,
    # import loader_module, call _load_pyfunc(<model>/<data>). no_poll: the loader's I/O as on
    # Windows, which has no select.poll.
    import yaml  # noqa: F401  (PyYAML ships with Debian's python3; only to read MLmodel as MLflow does)

    with open(os.path.join(model_root, "MLmodel")) as f:
        conf = yaml.safe_load(f)["flavors"]["python_function"]
    sys.path.insert(0, os.path.join(model_root, conf["code"]))
    module = importlib.import_module(conf["loader_module"])
    if no_poll:
        module._CAN_POLL = False
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


def no_nan(values):
    """NaN as None (JSON has no NaN), in nested lists too."""
    return [no_nan(v) if isinstance(v, list) else None if (isinstance(v, float) and v != v) else v for v in values]


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
            "values": [no_nan(result.tolist())],
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
        model = load(model_root, request.get("no_poll", False))
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
    elif scenario == "interrupted_calls":
        out.update(interrupted_calls(model))
    elif scenario == "timeout_threads":
        out.update(timeout_threads(model))
    print(json.dumps(out))


def io_bytes(pid, counter):
    """Bytes the process has read (rchar) or written (wchar) so far, pipes included, from /proc/<pid>/io."""
    with open(f"/proc/{pid}/io") as f:
        return int(next(line for line in f if line.startswith(counter + ":")).split()[1])


def after_bytes(pid, counter, n):
    """A condition: the process moved more than n bytes since now; gives how many."""
    base = io_bytes(pid, counter)

    def moved():
        delta = io_bytes(pid, counter) - base
        return delta if delta > n else None

    return moved


def interrupt_when(condition, signum, limit_s=60):
    """Sends signum to the main thread as soon as condition() holds; returns the thread and what it saw."""
    seen = {}

    def watch():
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            value = condition()
            if value is not None:
                seen["at"] = value
                signal.pthread_kill(threading.main_thread().ident, signum)
                return
            time.sleep(0.0002)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread, seen


class CallFailed(Exception):
    pass


def interrupted_calls(model):
    """Interrupts predicts at three moments (Java computing, mid request frame, mid reply frame), each
    followed by a small predict that must get its own answer."""
    rows = 10_000_000
    big = pd.DataFrame({"x": np.arange(rows, dtype="float64")})
    small = pd.DataFrame({"x": [7.0]})
    # a process started in the background by a shell inherits SIGINT ignored, and Python then keeps
    # it ignored: Ctrl-C's KeyboardInterrupt is what is tested, so ask for it whatever the parent did
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def fail(signum, frame):
        raise CallFailed("an exception between request and reply")

    signal.signal(signal.SIGUSR1, fail)
    cases = {}

    def run(case, call, watcher):
        thread, seen = watcher
        try:
            call()
            raised = None
        except BaseException as e:  # noqa: BLE001 - KeyboardInterrupt is what is tested
            raised = type(e).__name__
        thread.join()
        cases[case] = {"raised": raised, "seen": seen.get("at"), "next": model.predict(small).tolist()}

    model.predict(small)  # the JVM is up and warm
    started = time.monotonic()
    run("java_computing", lambda: model.predict(small, params={"delay_ms": 5000}),
        interrupt_when(lambda: (time.monotonic() - started) if time.monotonic() - started > 0.5 else None, signal.SIGINT))

    # the JVM has read part of the request frame; then Python has read part of the answer frame (the
    # JVM writes it in one system call, so its own count jumps; ours also counts the watcher's small
    # reads of /proc, hence the margin)
    run("mid_request", lambda: model.predict(big),
        interrupt_when(after_bytes(model._jvm.process.pid, "rchar", 4 << 20), signal.SIGINT))
    cases["mid_request"]["request_bytes"] = rows * 8
    model.predict(small)
    run("mid_reply", lambda: model.predict(big), interrupt_when(after_bytes(os.getpid(), "rchar", 16 << 20), signal.SIGUSR1))
    cases["mid_reply"]["reply_bytes"] = rows * 8
    return {"cases": cases}


def timeout_threads(model):
    """One thread's predict loops for ever in Java; another thread's predict must still be answered."""
    answers = {}

    def stuck():
        try:
            answers["stuck"] = model.predict(pd.DataFrame({"x": [1.0]}), params={"spin": True}).tolist()
        except Exception as e:  # noqa: BLE001
            answers["stuck"] = error(e)

    def other():
        answers["other"] = model.predict(pd.DataFrame({"x": [3.0]})).tolist()

    model.predict(pd.DataFrame({"x": [0.0]}))
    first = threading.Thread(target=stuck)
    first.start()
    time.sleep(0.5)
    second = threading.Thread(target=other)
    second.start()
    first.join()
    second.join()
    answers["next"] = model.predict(pd.DataFrame({"x": [7.0]})).tolist()
    return answers


if __name__ == "__main__":
    main()
