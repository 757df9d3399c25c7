package io.mlflow4j.spark.examples;

import io.mlflow4j.examples.churn.ChurnExample;
import io.mlflow4j.spark.MlflowSpark;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The churn example's XGBoost model, trained, logged and registered as churn-xgboost@champion in
 * ./mlruns, then scored on Spark (local[2]) over a generated table of customers, by name from the
 * registry.
 * Run: {@code ./mvnw -B -pl spark test-compile exec:exec -Dexec.mainClass=io.mlflow4j.spark.examples.ChurnOnSpark}
 */
public final class ChurnOnSpark {
    private ChurnOnSpark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        ChurnExample.run();
        String uri = "models:/" + ChurnExample.REGISTERED_NAME + "@champion";
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("churn-on-spark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            Dataset<Row> customers = GeneratedTables.customers(spark, rows, 4);
            Dataset<Row> scored = MlflowSpark.predict(customers, uri, Map.of("threshold", 0.5));
            scored.show(5);
            Row summary = scored.selectExpr(
                            "count(*) AS customers",
                            "sum(IF(churn, 1, 0)) AS churners",
                            "avg(probability) AS mean_probability")
                    .first();
            System.out.println("Scored " + summary.getLong(0) + " customers with " + uri + ": " + summary.getLong(1)
                    + " likely to leave, mean probability " + String.format("%.3f", summary.getDouble(2)));
            spark.udf().register("churn", MlflowSpark.udf(spark, uri));
            customers.createOrReplaceTempView("customers");
            spark.sql("SELECT id, churn(struct(*)) AS churn FROM customers LIMIT 3")
                    .show(false);
        } finally {
            spark.stop();
        }
    }
}
