package io.mlflow4j.runtime;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PythonFloats;
import io.mlflow4j.runtime.store.LogBatch;
import io.mlflow4j.runtime.store.Metric;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run in progress. Closing it ends the run as {@code FINISHED}, or as {@code FAILED} when an
 * mlflow4j call on it failed or {@link #fail} was called. Use {@link Mlflow#run} to have any
 * exception from your code end the run as {@code FAILED}.
 *
 * <pre>{@code
 * try (ActiveRun run = Mlflow.startRun("iris")) {
 *     run.logParam("epochs", 20);
 *     run.logMetric("accuracy", 0.97);
 *     IrisClassifierLogger.log(classifier, run, "model");
 * }
 * }</pre>
 */
public final class ActiveRun implements AutoCloseable {
    private final TrackingStore store;
    private final RunInfo info;
    private volatile boolean failed;
    private volatile RunStatus endStatus;

    ActiveRun(TrackingStore store, RunInfo info) {
        this.store = store;
        this.info = info;
    }

    public String runId() {
        return info.runId();
    }

    public String experimentId() {
        return info.experimentId();
    }

    public String runName() {
        return info.runName();
    }

    /** The run's artifact root URI, such as {@code file:///.../mlruns/0/<run id>/artifacts}. */
    public String artifactUri() {
        return info.artifactUri();
    }

    public TrackingStore store() {
        return store;
    }

    /** Logs a param; numbers are written as Python writes them, so {@code 0.5} reads back as {@code 0.5}. */
    public ActiveRun logParam(String key, Object value) {
        String text = paramText(value);
        guarded(() -> store.logParam(runId(), key, text));
        return this;
    }

    static String paramText(Object value) {
        return value instanceof Double d
                ? PythonFloats.repr(d)
                : value instanceof Float f
                        ? PythonFloats.repr(Double.parseDouble(f.toString()))
                        : String.valueOf(value);
    }

    /** Logs params together ({@code runs/log-batch} on a server, split at MLflow's limit of 100 per request). */
    public ActiveRun logParams(Map<String, ?> params) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        params.forEach((k, v) -> entries.add(Map.entry(k, paramText(v))));
        return logBatch(new LogBatch(List.of(), entries, List.of()));
    }

    /** Logs metrics at one step together ({@code runs/log-batch} on a server, at most 1000 per request). */
    public ActiveRun logMetrics(Map<String, ? extends Number> metrics, long step) {
        long now = System.currentTimeMillis();
        List<Metric> list = new ArrayList<>();
        metrics.forEach((k, v) -> list.add(new Metric(k, v.doubleValue(), now, step)));
        return logBatch(new LogBatch(list, List.of(), List.of()));
    }

    /** Logs metrics, params and tags together, in as few requests as MLflow's batch limits allow. */
    public ActiveRun logBatch(LogBatch batch) {
        guarded(() -> store.logBatch(runId(), batch));
        return this;
    }

    public ActiveRun logMetric(String key, double value) {
        return logMetric(key, value, 0);
    }

    public ActiveRun logMetric(String key, double value, long step) {
        long now = System.currentTimeMillis();
        guarded(() -> store.logMetric(runId(), key, value, now, step));
        return this;
    }

    /**
     * Logs a metric to the run and to the MLflow 3 logged model {@code modelId}, as MLflow's
     * {@code log_metric(key, value, step=step, model_id=model_id)}: evaluation figures that belong to
     * a model show on it.
     *
     * <pre>{@code
     * ModelInfo info = IrisClassifierLogger.log(classifier, run, "model");
     * run.logMetric("test_accuracy", 0.96, 0, info.modelId());
     * }</pre>
     */
    public ActiveRun logMetric(String key, double value, long step, String modelId) {
        long now = System.currentTimeMillis();
        guarded(() -> store.logMetric(runId(), key, value, now, step, modelId));
        return this;
    }

    public ActiveRun setTag(String key, String value) {
        guarded(() -> store.setTag(runId(), key, value));
        return this;
    }

    /** Logs a file into the run's artifacts root. */
    public ActiveRun logArtifact(Path file) {
        return logArtifact(file, "");
    }

    /** Logs a file, or a folder's contents, under {@code artifactPath} in the run's artifacts. */
    public ActiveRun logArtifact(Path fileOrDir, String artifactPath) {
        guarded(() -> {
            if (Files.isDirectory(fileOrDir)) {
                store.logArtifacts(runId(), fileOrDir, artifactPath);
            } else {
                store.logArtifact(runId(), fileOrDir, artifactPath);
            }
        });
        return this;
    }

    /** Marks the run to end as {@code FAILED} when it is closed. */
    public void fail() {
        failed = true;
    }

    /** Ends the run now with this status; later calls to {@link #close} do nothing. */
    public synchronized void end(RunStatus status) {
        if (endStatus != null) {
            return;
        }
        store.updateRun(runId(), status, System.currentTimeMillis());
        endStatus = status;
    }

    public boolean isEnded() {
        return endStatus != null;
    }

    /** Runs a store operation; a failure marks the run failed before it propagates. */
    void guarded(Runnable operation) {
        if (endStatus != null) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Run " + runId() + " has already ended (" + endStatus + "); start a new run to log more.");
        }
        try {
            operation.run();
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() {
        end(failed ? RunStatus.FAILED : RunStatus.FINISHED);
    }

    @Override
    public String toString() {
        return "ActiveRun[" + runId() + " in experiment " + experimentId() + "]";
    }
}
