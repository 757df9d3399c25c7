package io.mlflow4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.examples.churn.ChurnExample;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.spark.examples.GeneratedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe model scored on a standalone cluster on 127.0.0.1: executors in JVMs of their own whose
 * class path has Spark, mlflow4j-spark and the runtime, but none of the test's classes, so the
 * model's classes can only come from the shipped model folder.
 */
class StandaloneClusterTest {
    @TempDir
    static Path work;

    private static StandaloneCluster cluster;
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(work);
        String testOutput = Path.of(System.getProperty("mlflow4j.spark.testOutput"))
                .toAbsolutePath()
                .toString();
        String executorClassPath = StandaloneCluster.classPath(
                entry -> Path.of(entry).toAbsolutePath().toString().equals(testOutput)
                        || entry.contains("test-classes")
                        || entry.contains("examples")
                        || entry.contains("xgboost4j"));
        spark = SparkSession.builder()
                .master(cluster.url())
                .appName("mlflow4j-spark-cluster")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.memory", "1g")
                .config("spark.cores.max", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.executor.extraClassPath", executorClassPath)
                .config("spark.executor.extraJavaOptions", String.join(" ", StandaloneCluster.jvmFlags()))
                .getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theModelRunsInExecutorJvmsInItsOwnClassLoaderLoadedOncePerExecutorAcrossJobs() {
        SparkModel probe = MlflowSpark.model(spark, TestModelFolders.probe()).withBatchSize(5);
        Map<Long, String> loadedByPid = new HashMap<>();
        for (int job = 0; job < 2; job++) {
            List<Row> rows =
                    probe.predict(LocalScoringTest.probeRows(spark, 40, 4)).collectAsList();
            assertEquals(40, rows.size());
            for (Row row : rows) {
                long id = row.getLong(1);
                assertEquals((id % 7) * 2 + id / 4f + id * 1.5, row.getDouble(row.fieldIndex("score")), 1e-6);
                long pid = row.getLong(row.fieldIndex("pid"));
                assertNotEquals(ProcessHandle.current().pid(), pid, "scored in the driver");
                assertTrue(
                        commandLine(pid).contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"),
                        "not an executor: " + pid);
                assertEquals(
                        "mlflow4j-model",
                        row.getString(row.fieldIndex("loader")),
                        "the model's classes come from its folder");
                String loaded = row.getString(row.fieldIndex("loaded"));
                assertEquals(
                        loaded,
                        loadedByPid.computeIfAbsent(pid, p -> loaded),
                        "one load per executor JVM, across tasks and jobs");
            }
        }
        assertEquals(1, loadedByPid.size(), "one executor (cores.max 2)");
    }

    @Test
    void theXgboostChurnModelOfTheRegistryScoresOnExecutorsAsInProcess() throws Exception {
        // The churn example trains XGBoost4J (built for Scala 2.12), logs and registers the model;
        // the executors have Spark's Scala 2.13 and no XGBoost: only the model folder brings it.
        Mlflow.setTrackingUri(work.resolve("mlruns").toUri().toString());
        ChurnExample.run();
        String uri = "models:/" + ChurnExample.REGISTERED_NAME + "@champion";
        Dataset<Row> customers = GeneratedTables.customers(spark, 3000, 4);
        // Cached on the executors, the same rows are a columnar source, read in bulk. (Another
        // partitioning, or Spark would read the cache for the plan of `customers` too.)
        Dataset<Row> cached = GeneratedTables.customers(spark, 3000, 3).cache();
        cached.count();
        assertNull(ColumnarSource.of(customers));
        assertNotNull(ColumnarSource.of(cached));

        List<Row> input = customers.orderBy("id").collectAsList();
        int n = input.size();
        int[] tenure = new int[n];
        double[] charges = new double[n];
        int[] calls = new int[n];
        boolean[] contract = new boolean[n];
        for (int i = 0; i < n; i++) {
            tenure[i] = input.get(i).getInt(1);
            charges[i] = input.get(i).getDouble(2);
            calls[i] = input.get(i).getInt(3);
            contract[i] = input.get(i).getBoolean(4);
        }
        try (LoadedModel inProcess = MlflowModels.load(uri)) {
            Table expected = inProcess.predict(
                    Table.of(
                            Column.ofInts("tenure_months", tenure),
                            Column.ofDoubles("monthly_charges", charges),
                            Column.ofInts("support_calls", calls),
                            Column.ofBooleans("has_contract", contract)),
                    Map.of("threshold", 0.4));
            for (Dataset<Row> source : List.of(customers, cached)) {
                List<Row> scored = MlflowSpark.predict(source, uri, Map.of("threshold", 0.4))
                        .orderBy("id")
                        .collectAsList();
                assertEquals(n, scored.size());
                int churners = 0;
                for (int i = 0; i < n; i++) {
                    Row row = scored.get(i);
                    assertEquals(
                            input.get(i),
                            RowFactory.create(row.getLong(0), row.get(1), row.get(2), row.get(3), row.get(4)));
                    assertEquals(
                            expected.column("probability").getDouble(i),
                            row.getDouble(row.fieldIndex("probability")),
                            "row " + i);
                    assertEquals(
                            expected.column("churn").getBoolean(i),
                            row.getBoolean(row.fieldIndex("churn")),
                            "row " + i);
                    churners += row.getBoolean(row.fieldIndex("churn")) ? 1 : 0;
                }
                assertTrue(
                        churners > 0 && churners < n, "a model that tells customers apart: " + churners + " of " + n);
            }
        } finally {
            cached.unpersist();
        }
    }

    /** The full command line (ProcessHandle's is cut short on Linux). */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nestedOrdersOnTheCluster() {
        List<Row> scored = MlflowSpark.predict(
                        spark.sql("SELECT 'c-1' AS customer,"
                                + " array(named_struct('sku', 'tv', 'quantity', 1, 'price', 1500.0D)) AS items,"
                                + " map('ip_country_mismatch', 1.0D) AS signals, CAST(NULL AS array<string>) AS tags"),
                        TestModelFolders.orders())
                .collectAsList();
        Row row = scored.get(0);
        assertEquals(1500.0, row.getDouble(row.fieldIndex("total")));
        assertEquals("high", row.getString(row.fieldIndex("level")));
    }
}
