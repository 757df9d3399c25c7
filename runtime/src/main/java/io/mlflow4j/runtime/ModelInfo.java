package io.mlflow4j.runtime;

import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.store.ModelVersion;
import java.util.Map;

/**
 * What logging a model produced, like MLflow's {@code ModelInfo}.
 *
 * <pre>{@code
 * ModelInfo info = IrisClassifierLogger.log(classifier, run, "model");
 * System.out.println(info.modelUri()); // models:/m-<id> (MLflow 3); runs:/<run id>/model (MLflow 2)
 * }</pre>
 *
 * @param runId the run the model was logged to
 * @param artifactPath the name the model was logged under: its path inside the run's artifacts
 *     (MLflow 2), the logged model's name (MLflow 3)
 * @param modelUri {@code models:/m-<id>} for an MLflow 3 logged model, {@code runs:/<run id>/<artifact path>}
 *     for MLflow 2; {@code runs:/<run id>/<artifact path>} loads an MLflow 3 model too
 * @param modelUuid the model's unique id: its model id (MLflow 3), 32 hex digits (MLflow 2)
 * @param utcTimeCreated when the model folder was written, in MLflow's format
 * @param signature the model's signature
 * @param flavors the {@code flavors} block of {@code MLmodel}
 * @param registeredModelVersion the registered version when the model was registered as it was
 *     logged ({@link LogOptions#registeredModelName}), else {@code null}
 * @param modelId the MLflow 3 logged model's id, {@code m-<32 hex digits>}, or {@code null} for MLflow 2
 */
public record ModelInfo(
        String runId,
        String artifactPath,
        String modelUri,
        String modelUuid,
        String utcTimeCreated,
        ModelSignature signature,
        Map<String, Object> flavors,
        ModelVersion registeredModelVersion,
        String modelId) {}
