/**
 * API: the exceptions mlflow4j throws. {@link io.mlflow4j.runtime.error.MlflowException} carries
 * MLflow's error code ({@code INVALID_PARAMETER_VALUE}, {@code RESOURCE_DOES_NOT_EXIST}, ...) and a
 * message that names the problem and the fix; {@link
 * io.mlflow4j.runtime.error.ModelPredictionException} wraps what a model's own predict threw.
 */
package io.mlflow4j.runtime.error;
