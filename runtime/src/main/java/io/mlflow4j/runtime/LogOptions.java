package io.mlflow4j.runtime;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.store.ModelRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options for logging a model, like the keyword arguments of MLflow's {@code log_model}.
 *
 * <pre>{@code
 * ModelInfo info = IrisClassifierLogger.log(classifier, run, "model",
 *         LogOptions.registeredModelName("iris-classifier").withParams(Map.of("k", 3)));
 * info.registeredModelVersion().version(); // "1", then "2", ...
 * }</pre>
 *
 * @param registeredModelName register the logged model as a new version of this registered model
 *     (created if needed), or {@code null} not to register it
 * @param awaitRegistrationFor how long to wait for the new version to become READY
 * @param params params of the MLflow 3 logged model ({@code log_model(params=...)}); the run's own
 *     params are added to them, as MLflow does. MLflow 2 has no logged models and ignores them.
 */
public record LogOptions(String registeredModelName, Duration awaitRegistrationFor, Map<String, String> params) {
    public LogOptions {
        Objects.requireNonNull(awaitRegistrationFor, "awaitRegistrationFor");
        if (registeredModelName != null && registeredModelName.isBlank()) {
            throw MlflowException.invalidParameter("The registered model name is empty. Give a name such as"
                    + " \"iris-classifier\", or null not to register the model.");
        }
        params = Map.copyOf(params == null ? Map.of() : params);
    }

    public static LogOptions defaults() {
        return new LogOptions(null, ModelRegistry.DEFAULT_AWAIT, Map.of());
    }

    public static LogOptions registeredModelName(String name) {
        return defaults().withRegisteredModelName(name);
    }

    public LogOptions withRegisteredModelName(String name) {
        return new LogOptions(name, awaitRegistrationFor, params);
    }

    public LogOptions withAwaitRegistrationFor(Duration wait) {
        return new LogOptions(registeredModelName, wait, params);
    }

    /** Params of the logged model; numbers are written as Python writes them, as {@link ActiveRun#logParam} does. */
    public LogOptions withParams(Map<String, ?> modelParams) {
        Map<String, String> text = new LinkedHashMap<>();
        modelParams.forEach((k, v) -> text.put(k, ActiveRun.paramText(v)));
        return new LogOptions(registeredModelName, awaitRegistrationFor, text);
    }
}
