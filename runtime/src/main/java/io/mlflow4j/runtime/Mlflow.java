package io.mlflow4j.runtime;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.RunNames;
import io.mlflow4j.runtime.store.Experiment;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.ModelVersion;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import io.mlflow4j.runtime.uri.LoggedModels;
import io.mlflow4j.runtime.uri.RunsUri;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point for tracking, like Python's {@code mlflow} module. The tracking URI comes from
 * {@link #setTrackingUri}, else the {@code MLFLOW_TRACKING_URI} environment variable, else
 * MLflow 3's default: {@code sqlite:///mlflow.db} in the working directory, artifacts under
 * {@code ./mlruns} (or {@code ./mlruns} itself when it already holds experiments, as MLflow decides).
 *
 * <pre>{@code
 * try (ActiveRun run = Mlflow.startRun("iris")) {
 *     run.logParam("epochs", 20);
 *     ModelInfo info = IrisClassifierLogger.log(classifier, run, "model");
 * }
 * }</pre>
 */
public final class Mlflow {
    public static final String TRACKING_URI_ENV = "MLFLOW_TRACKING_URI";
    public static final String EXPERIMENT_NAME_ENV = "MLFLOW_EXPERIMENT_NAME";

    private static volatile String trackingUri;
    private static volatile CachedStore cached;

    /** The store of the last tracking URI used, so HTTP connections are reused across calls. */
    private record CachedStore(String uri, TrackingStore store) {}

    private Mlflow() {}

    /** Sets the tracking URI for this JVM; {@code null} goes back to the environment's. */
    public static void setTrackingUri(String uri) {
        trackingUri = uri;
    }

    /** The tracking URI in effect, or {@code null} for MLflow's default store (see {@link TrackingStores#defaultStore}). */
    public static String getTrackingUri() {
        return trackingUri != null ? trackingUri : System.getenv(TRACKING_URI_ENV);
    }

    /**
     * The store for the tracking URI in effect: a local folder, or a tracking server for an
     * {@code http(s)://} URI (with the authentication, TLS and retry settings of MLflow's
     * environment variables, read when the URI is first used).
     */
    public static TrackingStore store() {
        String uri = getTrackingUri();
        CachedStore current = cached;
        if (current != null && Objects.equals(current.uri(), uri)) {
            return current.store();
        }
        TrackingStore store = TrackingStores.forUri(uri);
        if (uri != null && uri.trim().matches("(?i)^https?://.*")) {
            cached = new CachedStore(uri, store); // file stores are cheap and stateless: not cached
        }
        return store;
    }

    /**
     * The model registry of the tracking store in effect: the local folder's ({@code mlruns/models}) or the server's.
     */
    public static ModelRegistry registry() {
        return store().registry();
    }

    /**
     * Registers the model at {@code modelUri} (such as {@code runs:/<run id>/model}) as a new
     * version of {@code name}, creating the registered model if needed, and waits until the
     * version is READY, like Python's {@code mlflow.register_model}.
     *
     * <pre>{@code
     * ModelVersion v = Mlflow.registerModel(info.modelUri(), "iris-classifier");
     * }</pre>
     */
    public static ModelVersion registerModel(String modelUri, String name) {
        return registerModel(store(), modelUri, name, ModelRegistry.DEFAULT_AWAIT);
    }

    static ModelVersion registerModel(TrackingStore store, String modelUri, String name, Duration awaitReady) {
        if (modelUri == null || modelUri.isBlank()) {
            throw MlflowException.invalidParameter(
                    "The model URI to register is empty. Give models:/m-<id> or" + " runs:/<run id>/<path>.");
        }
        ModelRegistry registry = store.registry();
        registry.createRegisteredModel(name); // first, as MLflow's client does
        // models:/m-<id> as it is; runs:/<run id>/<name> as the logged model of that name, if the run logged one
        String modelId = LoggedModels.idOf(modelUri);
        if (modelId == null && modelUri.startsWith("runs:")) {
            LoggedModel logged = LoggedModels.of(store, modelUri);
            modelId = logged == null ? null : logged.modelId();
        }
        ModelVersion created;
        if (modelId != null) {
            created = registry.createModelVersion(name, "models:/" + modelId, null, modelId);
        } else {
            String source = modelUri;
            String runId = null;
            if (modelUri.startsWith("runs:")) {
                RunsUri runs = RunsUri.parse(modelUri);
                runId = runs.runId();
                String root = store.getRun(runId).artifactUri().replaceAll("/+$", "");
                source = runs.path().isEmpty() ? root : root + "/" + runs.path();
            }
            created = registry.createModelVersion(name, source, runId);
        }
        ModelVersion ready = ModelVersion.READY.equals(created.status())
                ? created
                : registry.awaitReady(name, created.version(), awaitReady);
        if (modelId != null) {
            LoggedModels.recordVersion(store, modelId, name, ready.version());
        }
        return ready;
    }

    /** Points {@code alias} of the registered model {@code name} at {@code version}: {@code models:/<name>@<alias>}. */
    public static void setRegisteredModelAlias(String name, String alias, String version) {
        registry().setAlias(name, alias, version);
    }

    /** Sets a tag of the registered model {@code name}, as Python's {@code MlflowClient.set_registered_model_tag}. */
    public static void setRegisteredModelTag(String name, String key, String value) {
        registry().setRegisteredModelTag(name, key, value);
    }

    /** Sets a tag of a version of {@code name}, as Python's {@code MlflowClient.set_model_version_tag}. */
    public static void setModelVersionTag(String name, String version, String key, String value) {
        registry().setModelVersionTag(name, version, key, value);
    }

    /** Starts a run in the experiment named by {@code MLFLOW_EXPERIMENT_NAME}, else the Default one. */
    public static ActiveRun startRun() {
        return startRun(null, null);
    }

    /** Starts a run in the named experiment, creating it if needed. */
    public static ActiveRun startRun(String experimentName) {
        return startRun(experimentName, null);
    }

    /** Starts a run with a given name ({@code null} for a random one like MLflow's). */
    public static ActiveRun startRun(String experimentName, String runName) {
        return startRun(store(), experimentName, runName);
    }

    /**
     * Starts a run in a given store, such as a {@code RestTrackingStore} built with
     * {@code HttpSettings} of your own rather than those of the environment.
     */
    public static ActiveRun startRun(TrackingStore store, String experimentName, String runName) {
        String name = experimentName != null ? experimentName : System.getenv(EXPERIMENT_NAME_ENV);
        Experiment experiment =
                name == null || name.isEmpty() ? store.getExperiment("0") : store.getOrCreateExperiment(name);
        RunInfo info = store.createRun(
                experiment.experimentId(),
                runName != null ? runName : RunNames.random(),
                userName(),
                System.currentTimeMillis(),
                sourceTags());
        return new ActiveRun(store, info);
    }

    /** Code that runs inside a run. */
    @FunctionalInterface
    public interface RunBody<T> {
        T apply(ActiveRun run) throws Exception;
    }

    /**
     * Runs {@code body} in a new run: the run ends {@code FINISHED} when it returns and {@code
     * FAILED} when it throws, and the exception is rethrown.
     */
    public static <T> T run(String experimentName, RunBody<T> body) throws Exception {
        try (ActiveRun run = startRun(experimentName)) {
            try {
                return body.apply(run);
            } catch (Exception | Error e) {
                run.end(RunStatus.FAILED);
                throw e;
            }
        }
    }

    /** Who runs what, as MLflow tags a run and, in MLflow 3, a logged model. */
    static Map<String, String> sourceTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.user", userName());
        tags.put("mlflow.source.name", sourceName());
        tags.put("mlflow.source.type", "LOCAL");
        return tags;
    }

    private static String userName() {
        return System.getProperty("user.name", "unknown");
    }

    /** Like MLflow's {@code mlflow.source.name}: the program that is running (here, the main class or jar). */
    private static String sourceName() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        return first.isEmpty() ? "java" : first;
    }
}
