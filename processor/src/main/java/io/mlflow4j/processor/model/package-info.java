/**
 * Model stage: the immutable description of one valid {@code @MlflowModel} class, all the
 * writers need and no {@code Element}s. The {@code @Predict} method's form is a sealed
 * {@link io.mlflow4j.processor.model.PredictForm}: rows, a {@code Table}, or tensors.
 */
package io.mlflow4j.processor.model;
