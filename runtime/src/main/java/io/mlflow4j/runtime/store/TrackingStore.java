package io.mlflow4j.runtime.store;

import io.mlflow4j.runtime.error.MlflowException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where runs, params, metrics, tags and artifacts are recorded: MLflow 3's default SQLite database
 * ({@code io.mlflow4j.runtime.store.sqlite.SqliteTrackingStore}), the local {@code mlruns} folder
 * ({@link FileTrackingStore}) or an MLflow tracking server ({@link RestTrackingStore}). One
 * interface, so logging code does not care which.
 */
public interface TrackingStore {
    /** The tracking URI this store writes to, as the user would give it. */
    String trackingUri();

    Optional<Experiment> getExperimentByName(String name);

    Experiment getExperiment(String experimentId);

    /** Creates an experiment; a name already in use fails with {@code RESOURCE_ALREADY_EXISTS}. */
    String createExperiment(String name);

    /** The experiment with this name, created if it does not exist yet; safe under concurrency. */
    Experiment getOrCreateExperiment(String name);

    /**
     * Sets a tag of an active experiment, as MLflow's {@code set_experiment_tag}: a key as a
     * registry tag's, at most 250 characters; a value of at most 5,000.
     */
    void setExperimentTag(String experimentId, String key, String value);

    /** The tags of the experiment, by key. */
    Map<String, String> getExperimentTags(String experimentId);

    RunInfo createRun(String experimentId, String runName, String userId, long startTime, Map<String, String> tags);

    RunInfo getRun(String runId);

    /** Params are immutable: logging the same key again with another value fails. */
    void logParam(String runId, String key, String value);

    void logMetric(String runId, String key, double value, long timestamp, long step);

    void setTag(String runId, String key, String value);

    /**
     * Logs metrics, params and tags at once. A server gets them in as few requests as MLflow's
     * limits allow ({@link LogBatch#split}); the file store writes them one by one.
     */
    default void logBatch(String runId, LogBatch batch) {
        for (Map.Entry<String, String> p : batch.params()) {
            logParam(runId, p.getKey(), p.getValue());
        }
        for (Map.Entry<String, String> t : batch.tags()) {
            setTag(runId, t.getKey(), t.getValue());
        }
        for (Metric m : batch.metrics()) {
            logMetric(runId, m.key(), m.value(), m.timestamp(), m.step());
        }
    }

    Map<String, String> getTags(String runId);

    /** The run's params. */
    Map<String, String> getParams(String runId);

    RunInfo updateRun(String runId, RunStatus status, Long endTime);

    /** Appends one entry to the run's {@code mlflow.log-model.history} tag. */
    void recordLoggedModel(String runId, Map<String, Object> historyEntry);

    /**
     * Puts a local folder under the run's artifacts at {@code artifactPath}, all or nothing: a
     * failure leaves no partial folder behind.
     */
    void logArtifacts(String runId, Path localDir, String artifactPath);

    /** Puts one local file into the run's artifacts, under {@code artifactPath} (a folder, may be empty). */
    void logArtifact(String runId, Path localFile, String artifactPath);

    /** A local folder holding the run's artifacts at {@code artifactPath}, downloading them if needed. */
    Path downloadArtifacts(String runId, String artifactPath);

    /**
     * A local folder or file holding the artifacts at an artifact URI (such as a registered model
     * version's {@code mlflow-artifacts:/...} source), downloading them if needed.
     */
    Path downloadArtifactUri(String artifactUri);

    // ---- MLflow 3 ----

    /** The MLflow generation this store is written for: a server's own, MLflow 3 for a local store (see {@link MlflowTarget}). */
    MlflowTarget target();

    /**
     * Logs a metric to the run and, as MLflow 3's {@code log_metric(..., model_id=)} does, to the
     * logged model {@code modelId} too ({@code null}: the run only).
     */
    void logMetric(String runId, String key, double value, long timestamp, long step, String modelId);

    /** Creates a logged model, {@code PENDING}, with its params and tags (MLflow 3). */
    LoggedModel createLoggedModel(
            String experimentId, String name, String sourceRunId, Map<String, String> params, Map<String, String> tags);

    /** Links a logged model to the run as one of its outputs ({@code runs/outputs}). */
    void logOutputs(String runId, String modelId, long step);

    /**
     * Puts a local folder's files at the logged model's artifact location. A failure deletes what
     * was already put there and names the file that failed.
     */
    void logLoggedModelArtifacts(String modelId, Path localDir);

    /** Sets the logged model's final status, READY or FAILED. */
    LoggedModel finalizeLoggedModel(String modelId, LoggedModelStatus status);

    void setLoggedModelTags(String modelId, Map<String, String> tags);

    /** The logged model; an unknown id fails with {@code RESOURCE_DOES_NOT_EXIST}. */
    LoggedModel getLoggedModel(String modelId);

    /** The experiment's logged models with this name, as {@code search_logged_models(filter="name = '...'")} finds them. */
    List<LoggedModel> searchLoggedModels(String experimentId, String name);

    /**
     * The model registry that goes with this store: the file-based one under {@code mlruns/models}
     * for a local folder, the server's for a tracking server. A store without one fails here.
     */
    default ModelRegistry registry() {
        throw new MlflowException(
                MlflowException.ErrorCode.NOT_IMPLEMENTED,
                "The tracking store at " + trackingUri()
                        + " has no model registry. Use a local mlruns folder or an MLflow tracking server, such as"
                        + " MLFLOW_TRACKING_URI=http://localhost:5000.");
    }
}
