/**
 * Called by generated code only; not API; may change in any release.
 *
 * <p>What the {@code <Model>MlflowModel} classes that mlflow4j's annotation processor writes build
 * on: their bases ({@link io.mlflow4j.runtime.generated.ColumnModelAdapter} for models over columns,
 * {@link io.mlflow4j.runtime.generated.TensorModelAdapter} for models over tensors) and the checked
 * conversions their methods call ({@link io.mlflow4j.runtime.generated.Cells},
 * {@link io.mlflow4j.runtime.generated.Nested}, {@link io.mlflow4j.runtime.generated.TensorArrays},
 * {@link io.mlflow4j.runtime.generated.Rows}). Like Dagger's {@code dagger.internal}, the classes are
 * public only so that generated code in the user's packages can reach them: do not call them from
 * hand-written code. The runtime itself never depends on this package; it sees a generated model
 * through {@link io.mlflow4j.runtime.model.ModelAdapter} and its two halves,
 * {@link io.mlflow4j.runtime.model.ColumnPredictor} and {@link io.mlflow4j.runtime.model.TensorPredictor}.
 */
package io.mlflow4j.runtime.generated;
