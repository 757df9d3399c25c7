package io.mlflow4j.runtime.uri;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow 3 logged models behind model URIs: {@code models:/m-<id>}, and {@code runs:/<run id>/<name>}. */
public final class LoggedModels {
    /** The logged model's tag that lists its registered versions. */
    public static final String MODEL_VERSIONS_TAG = "mlflow.modelVersions";

    private LoggedModels() {}

    static boolean isModelIdUri(String uri) {
        return uri.matches("models:/+m-[0-9a-f]{32}/*");
    }

    /** The id in {@code models:/m-<id>}, or {@code null} for any other URI. */
    public static String idOf(String uri) {
        return isModelIdUri(uri) ? uri.replaceAll("^models:/+|/+$", "") : null;
    }

    /**
     * The logged model a URI names: {@code models:/m-<id>}, or, on an MLflow 3 store,
     * {@code runs:/<run id>/<name>} when that run logged a model of that name (as MLflow 3 resolves
     * it); otherwise {@code null}.
     */
    public static LoggedModel of(TrackingStore store, String uri) {
        if (isModelIdUri(uri)) {
            return store.getLoggedModel(idOf(uri));
        }
        if (uri.startsWith("runs:") && store.target().hasLoggedModels()) {
            RunsUri runs = RunsUri.parse(uri);
            if (runs.path().isEmpty()) {
                return null;
            }
            String experimentId = store.getRun(runs.runId()).experimentId();
            for (LoggedModel model : store.searchLoggedModels(experimentId, runs.path())) {
                if (runs.runId().equals(model.sourceRunId()) && model.status() == LoggedModelStatus.READY) {
                    return model;
                }
            }
        }
        return null;
    }

    /** A local folder with the logged model's files. */
    static Path download(TrackingStore store, LoggedModel model) {
        if (model.status() != LoggedModelStatus.READY) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Logged model " + model.modelId() + " ('" + model.name() + "') is " + model.status()
                            + ", not READY: its files did not all arrive. Log it again.");
        }
        return store.downloadArtifactUri(model.artifactLocation());
    }

    /**
     * Adds a registered version to the logged model's {@code mlflow.modelVersions} tag, as MLflow's
     * {@code register_model} does; a version already listed (an MLflow 3 server lists it itself)
     * is not listed twice.
     */
    public static void recordVersion(TrackingStore store, String modelId, String name, String version) {
        LoggedModel model = store.getLoggedModel(modelId);
        List<Object> versions = new ArrayList<>();
        String existing = model.tags().get(MODEL_VERSIONS_TAG);
        if (existing != null && !existing.isBlank()) {
            versions.addAll(PythonJson.parseArray(existing));
        }
        boolean listed = versions.stream()
                .anyMatch(v -> v instanceof Map<?, ?> entry
                        && name.equals(entry.get("name"))
                        && version.equals(String.valueOf(entry.get("version"))));
        if (!listed) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("version", version.matches("\\d+") ? Long.parseLong(version) : version);
            versions.add(entry);
        }
        // Set even when the server listed it already, as MLflow's client does (it then lists it twice).
        store.setLoggedModelTags(modelId, Map.of(MODEL_VERSIONS_TAG, PythonJson.dumps(versions)));
    }
}
