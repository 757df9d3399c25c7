package io.mlflow4j.spark.bench;

import io.mlflow4j.examples.churn.ChurnExample;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.spark.MlflowSpark;
import io.mlflow4j.spark.SparkModel;
import io.mlflow4j.spark.examples.GeneratedTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The XGBoost churn model on Spark local[2] against the same model called in-process on 2 threads,
 * in batches of the same size, in one run: rows per second of each, and the time to the first
 * scored row on a cold executor. Run by bench/run-spark-bench.sh; not a test.
 */
public final class SparkChurnBench {
    private static final Map<String, Object> PARAMS = Map.of("threshold", 0.5);

    private SparkChurnBench() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : SparkModel.DEFAULT_BATCH_SIZE;
        Path work = Files.createTempDirectory("spark-churn-bench");
        Mlflow.setTrackingUri(work.resolve("mlruns").toUri().toString());
        ChurnExample.run();
        String uri = "models:/" + ChurnExample.REGISTERED_NAME + "@champion";
        System.out.printf("rows %,d, batch %,d, model %s%n", rows, batch, uri);

        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("spark-churn-bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        try {
            long start = System.nanoTime();
            SparkModel model = MlflowSpark.model(spark, uri).withParams(PARAMS).withBatchSize(batch);
            long resolved = System.nanoTime();
            Row first = model.predict(GeneratedTables.customers(spark, 1, 1)).first();
            long firstRow = System.nanoTime();
            System.out.printf(
                    "cold: model resolved, checked and broadcast on the driver %d ms; first scored row %d ms after"
                            + " (executor unpacks and loads the model, scores one batch); %d ms in all (%s)%n",
                    (resolved - start) / 1_000_000,
                    (firstRow - resolved) / 1_000_000,
                    (firstRow - start) / 1_000_000,
                    first);

            // The rows exist before scoring on both sides: Spark's are generated and cached first, as
            // the in-process batches are built first; the time is scoring, not generating.
            Dataset<Row> customers = GeneratedTables.customers(spark, rows, 4).cache();
            customers.count();
            sparkRun(customers, model, rows);
            sparkRun(customers.filter("id >= 0"), model, rows);
            inProcessRun(uri, Math.min(rows, 1_000_000), batch);
            // Alternating rounds, medians: the machine is shared, so single rounds move a lot.
            // The cached table is a columnar source, read in bulk; the same rows behind a filter are
            // read as rows, the path of any Dataset computed on top of its source.
            Dataset<Row> filtered = customers.filter("id >= 0");
            int rounds = 7;
            double[] sparkRates = new double[rounds];
            double[] rowRates = new double[rounds];
            double[] javaRates = new double[rounds];
            double[] ratios = new double[rounds];
            double[] rowRatios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                sparkRates[round] = sparkRun(customers, model, rows);
                rowRates[round] = sparkRun(filtered, model, rows);
                javaRates[round] = inProcessRun(uri, rows, batch);
                ratios[round] = sparkRates[round] / javaRates[round];
                rowRatios[round] = rowRates[round] / javaRates[round];
                System.out.printf(
                        "round %d: Spark local[2] %,.0f rows/s (read as rows: %,.0f); in-process, 2 threads %,.0f rows/s;"
                                + " ratio %.2f (read as rows: %.2f)%n",
                        round + 1,
                        sparkRates[round],
                        rowRates[round],
                        javaRates[round],
                        ratios[round],
                        rowRatios[round]);
            }
            Arrays.sort(sparkRates);
            Arrays.sort(rowRates);
            Arrays.sort(javaRates);
            Arrays.sort(ratios);
            Arrays.sort(rowRatios);
            double java = javaRates[rounds / 2];
            System.out.printf(
                    "median: Spark local[2] %,.0f rows/s (read as rows: %,.0f); in-process, 2 threads %,.0f rows/s;"
                            + " ratio %.2f (read as rows: %.2f)%n",
                    sparkRates[rounds / 2],
                    rowRates[rounds / 2],
                    java,
                    sparkRates[rounds / 2] / java,
                    rowRates[rounds / 2] / java);
            // Each round's two sides ran back to back, so a round's ratio is the steadier figure.
            System.out.printf(
                    "median of the rounds' ratios: %.2f (read as rows: %.2f); lowest %.2f, highest %.2f%n",
                    ratios[rounds / 2], rowRatios[rounds / 2], ratios[0], ratios[rounds - 1]);
        } finally {
            spark.stop();
        }
    }

    /** Rows per second scoring the table, every row's prediction summed so none is skipped. */
    private static double sparkRun(Dataset<Row> customers, SparkModel model, long rows) {
        long start = System.nanoTime();
        Row sum = model.predict(customers)
                .selectExpr("count(*)", "sum(probability)", "sum(IF(churn, 1, 0))")
                .first();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sum.getLong(0) != rows) {
            throw new IllegalStateException("scored " + sum.getLong(0) + " rows of " + rows);
        }
        return rows / seconds;
    }

    /** Rows per second of LoadedModel.predict on prepared batches, on 2 threads. */
    private static double inProcessRun(String uri, long rows, int batch) throws Exception {
        int batches = (int) ((rows + batch - 1) / batch);
        List<Table> tables = new ArrayList<>(batches);
        Random random = new Random(11);
        for (int b = 0; b < batches; b++) {
            int n = (int) Math.min(batch, rows - (long) b * batch);
            int[] tenure = new int[n];
            double[] charges = new double[n];
            int[] calls = new int[n];
            boolean[] contract = new boolean[n];
            for (int i = 0; i < n; i++) {
                tenure[i] = 1 + random.nextInt(72);
                charges[i] = 20 + random.nextInt(10_000) / 100.0;
                calls[i] = random.nextInt(6);
                contract[i] = random.nextBoolean();
            }
            tables.add(Table.of(
                    Column.ofInts("tenure_months", tenure),
                    Column.ofDoubles("monthly_charges", charges),
                    Column.ofInts("support_calls", calls),
                    Column.ofBooleans("has_contract", contract)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LoadedModel model = MlflowModels.load(uri)) {
            long start = System.nanoTime();
            List<Future<Double>> parts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                parts.add(threads.submit(() -> {
                    double sum = 0;
                    for (int b = thread; b < tables.size(); b += 2) {
                        Table out = model.predict(tables.get(b), PARAMS);
                        Column p = out.column("probability");
                        for (int i = 0; i < p.size(); i++) {
                            sum += p.getDouble(i);
                        }
                    }
                    return sum;
                }));
            }
            for (Future<Double> part : parts) {
                part.get();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdown();
        }
    }
}
