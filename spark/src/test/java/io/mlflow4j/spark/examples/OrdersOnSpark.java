package io.mlflow4j.spark.examples;

import io.mlflow4j.examples.orders.OrderRiskExample;
import io.mlflow4j.spark.MlflowSpark;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The orders example's rules (nested columns: an array of line items, a map of signals, optional
 * tags), logged and registered as order-risk@champion in ./mlruns, then scored on Spark (local[2])
 * over a generated table of orders.
 * Run: {@code ./mvnw -B -pl spark test-compile exec:exec -Dexec.mainClass=io.mlflow4j.spark.examples.OrdersOnSpark}
 */
public final class OrdersOnSpark {
    private OrdersOnSpark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        OrderRiskExample.run();
        String uri = "models:/" + OrderRiskExample.REGISTERED_NAME + "@champion";
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("orders-on-spark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            Dataset<Row> orders = GeneratedTables.orders(spark, rows, 4);
            Dataset<Row> scored = MlflowSpark.predict(orders, uri, Map.of("high_total", 1000.0));
            scored.show(5, false);
            System.out.println("Scored " + scored.count() + " orders with " + uri + "; by level:");
            scored.groupBy("level").count().orderBy("level").show();
        } finally {
            spark.stop();
        }
    }
}
