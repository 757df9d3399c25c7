package io.mlflow4j.runtime.store;

import java.util.Map;

/**
 * An MLflow 3 logged model: an entity of its own, with its files at {@code artifactLocation}
 * (under the experiment's {@code models/m-<id>/artifacts}), linked to the run that logged it.
 *
 * @param modelId {@code m-} and 32 hex digits
 * @param name the name it was logged under ({@code log_model(name=...)}, the artifact path in mlflow4j)
 * @param artifactLocation where its files are, such as {@code mlflow-artifacts:/1/models/m-.../artifacts}
 * @param sourceRunId the run that logged it, or {@code null}
 */
public record LoggedModel(
        String modelId,
        String experimentId,
        String name,
        String artifactLocation,
        String sourceRunId,
        LoggedModelStatus status,
        Map<String, String> params,
        Map<String, String> tags) {
    public LoggedModel {
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
    }

    /** {@code models:/m-<id>}, the URI MLflow 3 gives a logged model. */
    public String modelUri() {
        return "models:/" + modelId;
    }
}
