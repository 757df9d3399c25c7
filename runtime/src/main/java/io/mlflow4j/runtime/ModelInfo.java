package io.mlflow4j.runtime;

import io.mlflow4j.runtime.registry.ModelVersion;
import io.mlflow4j.runtime.schema.ModelSignature;
import java.util.Map;

/**
 * What logging a model produced, like MLflow's {@code ModelInfo}.
 *
 * <pre>{@code
 * ModelInfo info = IrisClassifierLogger.log(classifier, run, "model");
 * System.out.println(info.modelUri()); // runs:/<run id>/model
 * }</pre>
 *
 * @param runId the run the model was logged to
 * @param artifactPath the path of the model inside the run's artifacts
 * @param modelUri {@code runs:/<run id>/<artifact path>}
 * @param modelUuid the model's unique id (32 hex digits)
 * @param utcTimeCreated when the model folder was written, in MLflow's format
 * @param signature the model's signature
 * @param flavors the {@code flavors} block of {@code MLmodel}
 * @param registeredModelVersion the registered version when the model was registered as it was
 *     logged ({@link LogOptions#registeredModelName}), else {@code null}
 */
public record ModelInfo(
        String runId,
        String artifactPath,
        String modelUri,
        String modelUuid,
        String utcTimeCreated,
        ModelSignature signature,
        Map<String, Object> flavors,
        ModelVersion registeredModelVersion) {}
