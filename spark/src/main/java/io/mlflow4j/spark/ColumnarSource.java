package io.mlflow4j.spark;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * A Dataset's batches as its source produced them, when it is a plain scan of a columnar source
 * (Parquet, ORC, a cached Dataset of primitive columns): Spark would turn them into rows value by
 * value, where {@link ColumnarScorer} copies the model's columns out in bulk. Anything computed on
 * top of the scan (a filter, a projection) is read as rows.
 */
final class ColumnarSource {
    private ColumnarSource() {}

    /** The batches of {@code dataset}, holding its columns in order, or {@code null} when it has none. */
    static RDD<ColumnarBatch> of(Dataset<Row> dataset) {
        QueryExecution execution = InternalRows.queryExecution(dataset);
        if (execution == null) {
            return null;
        }
        SparkPlan source = columnarSource(execution.executedPlan());
        return source != null && sameColumns(source.schema(), dataset.schema()) ? source.executeColumnar() : null;
    }

    /** The scan under {@code plan} when nothing else is: adaptive execution, codegen and conversion to rows aside. */
    private static SparkPlan columnarSource(SparkPlan plan) {
        // With no exchange below it, adaptive execution runs its plan as it is; a leaf has none.
        SparkPlan node = plan instanceof AdaptiveSparkPlanExec adaptive ? adaptive.executedPlan() : plan;
        node = node instanceof WholeStageCodegenExec codegen ? codegen.child() : node;
        node = node instanceof ColumnarToRowExec toRows ? toRows.child() : node;
        node = node instanceof InputAdapter adapter ? adapter.child() : node;
        return node.children().isEmpty() && node.supportsColumnar() ? node : null;
    }

    private static boolean sameColumns(StructType produced, StructType expected) {
        StructField[] a = produced.fields();
        StructField[] b = expected.fields();
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!a[i].name().equals(b[i].name()) || !a[i].dataType().equals(b[i].dataType())) {
                return false;
            }
        }
        return true;
    }
}
