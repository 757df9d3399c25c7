/**
 * API: MLflow's model signature ({@link io.mlflow4j.runtime.schema.ModelSignature}: input and
 * output {@link io.mlflow4j.runtime.schema.Schema}s of columns or tensors, and params) and its
 * enforcement, the same rules {@code pyfunc.predict} applies ({@link
 * io.mlflow4j.runtime.schema.SchemaEnforcer}, {@link io.mlflow4j.runtime.schema.TensorEnforcer},
 * {@link io.mlflow4j.runtime.schema.ParamsEnforcer}). {@code LoadedModel} enforces the signature
 * itself; call the enforcers directly only to check data without a model.
 */
package io.mlflow4j.runtime.schema;
