package io.mlflow4j.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Options for logging a model, like the keyword arguments of MLflow's {@code log_model}.
 *
 * <pre>{@code
 * ModelInfo info = IrisClassifierLogger.log(classifier, run, "model",
 *         LogOptions.registeredModelName("iris-classifier"));
 * info.registeredModelVersion().version(); // "1", then "2", ...
 * }</pre>
 *
 * @param registeredModelName register the logged model as a new version of this registered model
 *     (created if needed), or {@code null} not to register it
 * @param awaitRegistrationFor how long to wait for the new version to become READY
 */
public record LogOptions(String registeredModelName, Duration awaitRegistrationFor) {
    public LogOptions {
        Objects.requireNonNull(awaitRegistrationFor, "awaitRegistrationFor");
        if (registeredModelName != null && registeredModelName.isBlank()) {
            throw MlflowException.invalidParameter("The registered model name is empty. Give a name such as"
                    + " \"iris-classifier\", or null not to register the model.");
        }
    }

    /** Log only, do not register. */
    public static LogOptions defaults() {
        return new LogOptions(null, io.mlflow4j.runtime.registry.ModelRegistry.DEFAULT_AWAIT);
    }

    /** Log and register as a new version of {@code name}, waiting up to 300 s for it to be READY. */
    public static LogOptions registeredModelName(String name) {
        return defaults().withRegisteredModelName(name);
    }

    public LogOptions withRegisteredModelName(String name) {
        return new LogOptions(name, awaitRegistrationFor);
    }

    public LogOptions withAwaitRegistrationFor(Duration wait) {
        return new LogOptions(registeredModelName, wait);
    }
}
