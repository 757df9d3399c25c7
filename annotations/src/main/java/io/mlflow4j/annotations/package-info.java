/**
 * API: the annotations that make a class an MLflow model. {@link
 * io.mlflow4j.annotations.MlflowModel} on the class, {@link io.mlflow4j.annotations.Predict} on one
 * method, {@link io.mlflow4j.annotations.Artifact} on the files it needs; the annotation processor
 * ({@code mlflow4j-processor}) checks them at compile time and generates {@code <Model>MlflowModel}
 * and {@code <Model>Logger}.
 */
package io.mlflow4j.annotations;
