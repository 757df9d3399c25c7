"""What real MLflow sees of mlflow4j's models and stores.

Called by the real-MLflow suite (RealMlflowSuiteTest) with real MLflow on the Python path:
    python real_mlflow_checks.py COMMAND SPEC.json OUT.json
Each command reads its spec, does what a Python user would do with MLflow's public API, and
writes what it saw as JSON to OUT.json. It checks nothing itself: the Java side compares.
"""
import io
import json
import math
import sys
import traceback
import warnings

warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from mlflow.models import Model  # noqa: E402
from mlflow.pyfunc.scoring_server import predictions_to_json  # noqa: E402


def _kind_and_dtypes(prediction):
    if isinstance(prediction, pd.DataFrame):
        return "DataFrame", {str(c): str(t) for c, t in prediction.dtypes.items()}
    if isinstance(prediction, pd.Series):
        return "Series", str(prediction.dtype)
    if isinstance(prediction, np.ndarray):
        return "ndarray", str(prediction.dtype)
    if isinstance(prediction, dict):
        return "dict", {k: str(getattr(v, "dtype", type(v).__name__)) for k, v in prediction.items()}
    return type(prediction).__name__, None


def _as_json(prediction):
    out = io.StringIO()
    predictions_to_json(prediction, out)
    return json.loads(out.getvalue())


def _predict(model_uri, example_folder):
    meta = Model.load(example_folder)
    example = meta.load_input_example(example_folder)
    params = meta.load_input_example_params(example_folder)
    model = mlflow.pyfunc.load_model(model_uri)
    prediction = model.predict(example, params=params) if params else model.predict(example)
    kind, dtypes = _kind_and_dtypes(prediction)
    return {"kind": kind, "dtypes": dtypes, "predictions": _as_json(prediction)}


def _guard(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # the Java side reports the failure with this text
        return {"error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc(limit=6)}


def folders(spec):
    """Model.load and pyfunc predict on each folder's own input example."""
    result = {}
    for name, folder in spec["folders"].items():
        def one():
            meta = Model.load(folder)
            seen = {"flavors": sorted(meta.flavors), "mlflow_version": meta.mlflow_version,
                    "signature": meta.signature.to_dict() if meta.signature else None}
            seen.update(_predict(folder, folder))
            return seen
        result[name] = _guard(one)
    return result


def _run_view(client, run_id):
    run = client.get_run(run_id)
    return {"status": run.info.status, "experiment_id": run.info.experiment_id,
            "params": run.data.params, "metrics": run.data.metrics,
            "tags": {k: v for k, v in run.data.tags.items() if k == "mlflow.runName"}}


def _use_store(spec):
    """The spec's tracking URI; none means MLflow's own default for the working directory."""
    if spec.get("tracking_uri"):
        mlflow.set_tracking_uri(spec["tracking_uri"])


def tracking(spec):
    """What Python sees of runs and registered models that mlflow4j logged to a store."""
    _use_store(spec)
    client = mlflow.MlflowClient()
    result = {}
    for name, model in spec["models"].items():
        def one():
            seen = {"run": _run_view(client, model["run_id"])}
            experiment = client.get_experiment(seen["run"]["experiment_id"])
            seen["experiment_name"] = experiment.name
            seen["runs_in_experiment"] = sorted(
                r.info.run_id for r in client.search_runs([experiment.experiment_id]))
            version = client.get_model_version(model["registered_name"], model["version"])
            seen["version"] = {"run_id": version.run_id, "status": version.status, "source": version.source,
                               "model_id": getattr(version, "model_id", None)}
            if model.get("model_id"):
                seen.update(_logged_model_view(client, model["model_id"], experiment.experiment_id))
            seen["champion"] = client.get_model_version_by_alias(model["registered_name"], "champion").version
            seen["versions"] = sorted(int(v.version) for v in client.search_model_versions(
                f"name='{model['registered_name']}'"))
            seen["loads"] = {}
            for uri in ([f"models:/{model['model_id']}"] if model.get("model_id") else []) + [
                        f"runs:/{model['run_id']}/model",
                        f"models:/{model['registered_name']}/{model['version']}",
                        f"models:/{model['registered_name']}@champion"]:
                seen["loads"][uri] = _guard(_predict, uri, model["example_folder"])
            return seen
        result[name] = _guard(one)
    return result


def _logged_model_view(client, model_id, experiment_id):
    logged = client.get_logged_model(model_id)
    found = mlflow.search_logged_models(experiment_ids=[experiment_id], output_format="list")
    files = [f.path for f in mlflow.artifacts.list_artifacts(artifact_uri=logged.artifact_location)]
    return {
        "logged_model": {"status": str(logged.status), "name": logged.name, "source_run_id": logged.source_run_id,
                         "params": logged.params, "tags": logged.tags, "artifact_location": logged.artifact_location,
                         "files": files},
        "search_ids": [m.model_id for m in found],
    }


class _Doubler(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return model_input * 2


def python_writes(spec):
    """Python logs first: an experiment with a run, and version 1 of a registered model."""
    _use_store(spec)
    mlflow.set_experiment(spec["experiment"])
    with mlflow.start_run() as run:
        mlflow.log_param("written_by", "python")
        mlflow.log_metric("loss", 0.5)
        kwargs = {"name": "model"} if int(mlflow.__version__.split(".")[0]) >= 3 else {"artifact_path": "model"}
        info = mlflow.pyfunc.log_model(python_model=_Doubler(), registered_model_name=spec["registered_name"], **kwargs)
    experiment = mlflow.get_experiment_by_name(spec["experiment"])
    return {"run_id": run.info.run_id, "experiment_id": experiment.experiment_id,
            "version": info.registered_model_version, "tracking_uri": mlflow.get_tracking_uri()}


def log_runs(spec):
    """Logs many runs (a param and metric steps each) once the go file exists, while others write the same store."""
    import os
    import time
    _use_store(spec)
    experiment_id = mlflow.set_experiment(spec["experiment"]).experiment_id
    open(spec["ready_file"], "w").close()
    deadline = time.time() + 120
    while not os.path.exists(spec["go_file"]) and time.time() < deadline:
        time.sleep(0.05)
    run_ids = []
    for i in range(spec["runs"]):
        with mlflow.start_run(experiment_id=experiment_id) as run:
            mlflow.log_param("writer", "python")
            for step in range(spec["steps"]):
                mlflow.log_metric("m", float(step), step=step)
        run_ids.append(run.info.run_id)
    return {"run_ids": run_ids}


def store_summary(spec):
    """Every run and registered model (with versions and aliases) of a store."""
    _use_store(spec)
    client = mlflow.MlflowClient()
    experiments = client.search_experiments()
    runs = client.search_runs([e.experiment_id for e in experiments], max_results=10000)
    registered = {}
    for m in client.search_registered_models():
        registered[m.name] = {"versions": sorted(int(v.version) for v in client.search_model_versions(f"name='{m.name}'")),
                              "aliases": dict(m.aliases)}
    return {"tracking_uri": mlflow.get_tracking_uri(),
            "runs": sorted(r.info.run_id for r in runs), "statuses": sorted({r.info.status for r in runs}),
            "registered": registered}


def registry_tags(spec):
    """The tags mlflow4j set on a registered model, a version and an experiment; then Python sets and deletes some."""
    _use_store(spec)
    client = mlflow.MlflowClient()
    name, version = spec["registered_name"], spec["version"]
    seen = {"model": dict(client.get_registered_model(name).tags),
            "version": dict(client.get_model_version(name, version).tags)}
    client.set_registered_model_tag(name, "set_by", "python")
    client.delete_registered_model_tag(name, "python_deletes")
    client.set_model_version_tag(name, version, "checked_by", "python")
    client.delete_model_version_tag(name, version, "python_deletes")
    experiment = client.get_experiment(spec["experiment_id"])
    seen["experiment"] = {k: v for k, v in experiment.tags.items() if k.startswith("check.")}
    client.set_experiment_tag(spec["experiment_id"], "check.python", "python")
    return seen


def main():
    command, spec_path, out_path = sys.argv[1:4]
    with open(spec_path) as f:
        spec = json.load(f)
    result = {"folders": folders, "tracking": tracking, "python_writes": python_writes, "log_runs": log_runs,
              "store_summary": store_summary, "registry_tags": registry_tags}[command](spec)
    result = {"mlflow_version": mlflow.__version__, "result": result}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1, default=str)


if __name__ == "__main__":
    main()
