/**
 * API: the values a model takes and returns, as MLflow passes them: a {@link
 * io.mlflow4j.runtime.data.Table} of typed {@link io.mlflow4j.runtime.data.Column}s (MLflow's
 * DataFrame), {@link io.mlflow4j.runtime.data.Tensor}s (numpy arrays), {@link
 * io.mlflow4j.runtime.data.Params}, and the column types ({@link io.mlflow4j.runtime.data.DataType}).
 *
 * <pre>{@code
 * Table input = new Table(List.of(Column.ofDoubles("sepal_length", new double[] {5.1, 6.2})));
 * }</pre>
 */
package io.mlflow4j.runtime.data;
