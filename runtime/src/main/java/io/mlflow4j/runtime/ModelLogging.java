package io.mlflow4j.runtime;

import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.StagingFolders;
import io.mlflow4j.runtime.model.ModelAdapter;
import io.mlflow4j.runtime.model.ModelFolderWriter;
import io.mlflow4j.runtime.model.ModelFolderWriter.LogTarget;
import io.mlflow4j.runtime.model.ModelFolderWriter.WrittenModel;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.ModelVersion;
import io.mlflow4j.runtime.store.TrackingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging a model to a run: as an MLflow 3 logged model, or into the run's artifacts for MLflow 2. */
final class ModelLogging {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLogging.class);

    private ModelLogging() {}

    static ModelInfo log(ModelAdapter<?> adapter, ActiveRun run, String path, LogOptions options) {
        TrackingStore store = run.store();
        if (options.registeredModelName() != null) {
            store.registry(); // a store without a registry fails here, before anything is logged
        }
        Path staging = null;
        try {
            staging = StagingFolders.create(Path.of(System.getProperty("java.io.tmpdir")), MlflowModels.STAGING_PREFIX);
            return store.target().hasLoggedModels()
                    ? asLoggedModel(adapter, run, path, options, staging)
                    : intoRunArtifacts(adapter, run, path, options, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stage the model for logging: " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /**
     * MLflow 3: a logged model, created PENDING with its params and tags, linked to the run, its
     * files put at its own artifact location, then READY; FAILED if anything after its creation fails.
     */
    private static ModelInfo asLoggedModel(
            ModelAdapter<?> adapter, ActiveRun run, String name, LogOptions options, Path staging) {
        TrackingStore store = run.store();
        Map<String, String> params = new LinkedHashMap<>(options.params());
        params.putAll(store.getParams(run.runId())); // the run's params win, as in MLflow's log_model
        LoggedModel model = store.createLoggedModel(run.experimentId(), name, run.runId(), params, Mlflow.sourceTags());
        WrittenModel written;
        try {
            store.logOutputs(run.runId(), model.modelId(), 0);
            long start = System.nanoTime();
            written = ModelFolderWriter.write(
                    adapter,
                    staging.resolve("model"),
                    new LogTarget(run.runId(), model.artifactLocation(), model.modelId()),
                    MlflowTarget.MLFLOW_3);
            long staged = System.nanoTime();
            store.logLoggedModelArtifacts(model.modelId(), written.root());
            LOG.debug(
                    "Logged model '{}' as {}: folder written in {} ms, files stored in {} ms.",
                    adapter.spec().name(),
                    model.modelId(),
                    (staged - start) / 1_000_000,
                    (System.nanoTime() - staged) / 1_000_000);
        } catch (RuntimeException | Error e) {
            try {
                store.finalizeLoggedModel(model.modelId(), LoggedModelStatus.FAILED);
            } catch (RuntimeException failedToo) {
                e.addSuppressed(failedToo);
            }
            throw e;
        }
        store.finalizeLoggedModel(model.modelId(), LoggedModelStatus.READY);
        ModelVersion version = options.registeredModelName() == null
                ? null
                : Mlflow.registerModel(
                        store, model.modelUri(), options.registeredModelName(), options.awaitRegistrationFor());
        return new ModelInfo(
                run.runId(),
                name,
                model.modelUri(),
                written.modelUuid(),
                written.utcTimeCreated(),
                adapter.spec().signature(),
                written.flavors(),
                version,
                model.modelId());
    }

    /** MLflow 2: the folder under the run's artifacts, recorded in its {@code mlflow.log-model.history} tag. */
    private static ModelInfo intoRunArtifacts(
            ModelAdapter<?> adapter, ActiveRun run, String path, LogOptions options, Path staging) {
        TrackingStore store = run.store();
        LogTarget target = LogTarget.mlflow2(run.runId(), path);
        long start = System.nanoTime();
        WrittenModel written =
                ModelFolderWriter.write(adapter, staging.resolve("model"), target, MlflowTarget.MLFLOW_2);
        long staged = System.nanoTime();
        store.logArtifacts(run.runId(), written.root(), path);
        long uploaded = System.nanoTime();
        store.recordLoggedModel(run.runId(), written.historyEntry(target));
        LOG.debug(
                "Logged model '{}' to run {}: folder written in {} ms, artifacts stored in {} ms.",
                adapter.spec().name(),
                run.runId(),
                (staged - start) / 1_000_000,
                (uploaded - staged) / 1_000_000);
        String modelUri = "runs:/" + run.runId() + "/" + path;
        ModelVersion version = options.registeredModelName() == null
                ? null
                : Mlflow.registerModel(store, modelUri, options.registeredModelName(), options.awaitRegistrationFor());
        return new ModelInfo(
                run.runId(),
                path,
                modelUri,
                written.modelUuid(),
                written.utcTimeCreated(),
                adapter.spec().signature(),
                written.flavors(),
                version,
                null);
    }
}
