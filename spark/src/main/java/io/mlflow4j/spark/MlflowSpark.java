package io.mlflow4j.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * mlflow4j models as native Spark functions: scored in the executors' JVMs, no Python. A model
 * URI is a folder, {@code file:}, {@code runs:/<run id>/<path>} or {@code models:/<name>@<alias>}
 * (from the tracking store of {@code MLFLOW_TRACKING_URI}); it is resolved once on the driver and
 * shipped with the job.
 *
 * <pre>{@code
 * Dataset<Row> scored = MlflowSpark.predict(customers, "models:/churn@champion");
 * spark.udf().register("churn", MlflowSpark.udf(spark, "models:/churn@champion"));
 * spark.sql("SELECT churn(struct(*)) AS churn FROM customers");
 * }</pre>
 */
public final class MlflowSpark {
    private MlflowSpark() {}

    /** The model at {@code uri}, resolved and shipped, to set params or batch size on. */
    public static SparkModel model(SparkSession spark, String uri) {
        return SparkModel.resolve(spark, uri);
    }

    /** {@code input} with the model's outputs as added columns; see {@link SparkModel#predict}. */
    public static Dataset<Row> predict(Dataset<Row> input, String uri) {
        return model(input.sparkSession(), uri).predict(input);
    }

    /** As {@link #predict(Dataset, String)}, with inference params for every row. */
    public static Dataset<Row> predict(Dataset<Row> input, String uri, Map<String, ?> params) {
        return model(input.sparkSession(), uri).withParams(params).predict(input);
    }

    /** The model as a Spark function of one struct, like {@code mlflow.pyfunc.spark_udf}; see {@link SparkModel#udf}. */
    public static UserDefinedFunction udf(SparkSession spark, String uri) {
        return model(spark, uri).udf();
    }

    /** As {@link #udf(SparkSession, String)}, with inference params for every row. */
    public static UserDefinedFunction udf(SparkSession spark, String uri, Map<String, ?> params) {
        return model(spark, uri).withParams(params).udf();
    }
}
