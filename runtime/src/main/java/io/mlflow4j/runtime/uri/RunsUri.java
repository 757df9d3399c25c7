package io.mlflow4j.runtime.uri;

import io.mlflow4j.runtime.error.MlflowException;

/** A {@code runs:/<run id>/<path>} URI: a model logged by a run, by its path or (MLflow 3) its name. */
public record RunsUri(String runId, String path) {
    public static RunsUri parse(String uri) {
        String rest = uri.substring("runs:".length()).replaceFirst("^/+", "");
        int slash = rest.indexOf('/');
        String runId = slash < 0 ? rest : rest.substring(0, slash);
        if (runId.isEmpty()) {
            throw MlflowException.invalidParameter(
                    "Invalid runs URI '" + uri + "'. Use runs:/<run id>/<artifact path>.");
        }
        return new RunsUri(runId, slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", ""));
    }
}
