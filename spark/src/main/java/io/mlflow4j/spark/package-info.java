/**
 * mlflow4j models as Spark functions, scored in the executors' JVMs without Python. API:
 * {@link io.mlflow4j.spark.MlflowSpark} ({@code predict}, {@code udf}, {@code model}) and
 * {@link io.mlflow4j.spark.SparkModel} (params, batch size); the other classes ship the model to
 * the executors, load it once per JVM and score batches, and are package-private.
 */
package io.mlflow4j.spark;
