package io.mlflow4j.spark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.types.StructType;

/**
 * A Dataset's rows in Spark's internal form, and back, for the fast path of {@link SparkModel#predict}:
 * reading {@code InternalRow}s skips the conversion of every value to a {@link Row} and back, which
 * costs as much as the model itself for small tabular models. Both calls are Spark internals whose
 * declaring class moved in Spark 4.1 (into {@code sql.classic}), so they are found by reflection, on
 * the driver, once per predict; when they are not there, predict uses {@link Row}s.
 */
final class InternalRows {
    private InternalRows() {}

    /** The rows of {@code dataset}, or {@code null} when this Spark does not offer them. */
    static RDD<InternalRow> of(Dataset<Row> dataset) {
        QueryExecution execution = queryExecution(dataset);
        return execution == null ? null : execution.toRdd();
    }

    /** How Spark runs {@code dataset}, or {@code null} when this Spark does not say. */
    static QueryExecution queryExecution(Dataset<Row> dataset) {
        try {
            Method queryExecution = dataset.getClass().getMethod("queryExecution");
            return (QueryExecution) queryExecution.invoke(dataset);
        } catch (NoSuchMethodException | IllegalAccessException | ClassCastException e) {
            return null;
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    /** A DataFrame of {@code rows}, or {@code null} when this Spark does not offer it. */
    @SuppressWarnings("unchecked")
    static Dataset<Row> toDataFrame(SparkSession spark, RDD<InternalRow> rows, StructType schema) {
        try {
            Method create =
                    spark.getClass().getMethod("internalCreateDataFrame", RDD.class, StructType.class, boolean.class);
            return (Dataset<Row>) create.invoke(spark, rows, schema, false);
        } catch (NoSuchMethodException | IllegalAccessException | ClassCastException e) {
            return null;
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
}
