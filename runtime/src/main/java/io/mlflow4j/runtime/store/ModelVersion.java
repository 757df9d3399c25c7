package io.mlflow4j.runtime.store;

import java.util.List;

/**
 * A version of a registered model, as the registry reports it.
 *
 * <pre>{@code
 * ModelVersion v = Mlflow.registerModel("runs:/" + runId + "/model", "iris-classifier");
 * Mlflow.setRegisteredModelAlias("iris-classifier", "champion", v.version());
 * // now loadable as models:/iris-classifier@champion
 * }</pre>
 *
 * @param name the registered model's name
 * @param version the version number, as MLflow sends it (a string such as {@code "1"})
 * @param source where the model's files are, such as {@code mlflow-artifacts:/1/<run>/artifacts/model} on a
 *     server or {@code file:///.../mlruns/<experiment>/<run>/artifacts/model} in a local folder
 * @param runId the run that logged it, or {@code null}
 * @param status {@code READY}, {@code PENDING_REGISTRATION} or {@code FAILED_REGISTRATION}
 * @param statusMessage the registry's note on the status, may be empty
 * @param aliases the aliases that point at this version
 */
public record ModelVersion(
        String name,
        String version,
        String source,
        String runId,
        String status,
        String statusMessage,
        List<String> aliases) {
    public static final String READY = "READY";
    public static final String PENDING_REGISTRATION = "PENDING_REGISTRATION";
    public static final String FAILED_REGISTRATION = "FAILED_REGISTRATION";

    public ModelVersion {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** {@code models:/<name>/<version>}. */
    public String modelUri() {
        return "models:/" + name + "/" + version;
    }
}
