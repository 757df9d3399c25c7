package io.mlflow4j.spark.bench;

import io.mlflow4j.examples.churn.ChurnExample;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.spark.MlflowSpark;
import io.mlflow4j.spark.SparkModel;
import io.mlflow4j.spark.StandaloneCluster;
import io.mlflow4j.spark.examples.GeneratedTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Time to the first scored row on a cold executor of a standalone cluster on 127.0.0.1: the
 * executor is a JVM of its own that has never seen the model (no XGBoost, no model classes on its
 * class path), so the row waits for the broadcast, the unpacking and the load. Run by
 * bench/run-spark-bench.sh after the throughput benchmark; not a test.
 */
public final class SparkColdExecutorBench {
    private SparkColdExecutorBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("spark-cold-bench");
        Mlflow.setTrackingUri(work.resolve("mlruns").toUri().toString());
        ChurnExample.run();
        String uri = "models:/" + ChurnExample.REGISTERED_NAME + "@champion";
        try (StandaloneCluster cluster = StandaloneCluster.start(work)) {
            SparkSession spark = SparkSession.builder()
                    .master(cluster.url())
                    .appName("spark-cold-bench")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.executor.memory", "1g")
                    .config("spark.cores.max", "2")
                    .config(
                            "spark.executor.extraClassPath",
                            StandaloneCluster.classPath(entry -> entry.contains("test-classes")
                                    || entry.contains("examples")
                                    || entry.contains("xgboost4j")))
                    .config("spark.executor.extraJavaOptions", String.join(" ", StandaloneCluster.jvmFlags()))
                    .getOrCreate();
            try {
                // A job without the model first: the executor JVM is up and has run a task.
                long up = System.nanoTime();
                spark.range(0, 4, 1, 2).count();
                long ready = System.nanoTime();
                SparkModel model = MlflowSpark.model(spark, uri).withParams(Map.of("threshold", 0.5));
                long resolved = System.nanoTime();
                Row first =
                        model.predict(GeneratedTables.customers(spark, 1, 1)).first();
                long firstRow = System.nanoTime();
                model.predict(GeneratedTables.customers(spark, 1, 1)).first();
                long again = System.nanoTime();
                System.out.printf(
                        "cold executor (standalone cluster, executor JVM started by a first job in %d ms): model resolved,"
                                + " checked and broadcast on the driver %d ms; first scored row %d ms after (the executor"
                                + " fetches, unpacks and loads the model, scores one batch); %d ms in all; the same 1-row"
                                + " job again %d ms (%s)%n",
                        (ready - up) / 1_000_000,
                        (resolved - ready) / 1_000_000,
                        (firstRow - resolved) / 1_000_000,
                        (firstRow - ready) / 1_000_000,
                        (again - firstRow) / 1_000_000,
                        first);
            } finally {
                spark.stop();
            }
        }
    }
}
