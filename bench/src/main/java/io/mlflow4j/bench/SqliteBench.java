package io.mlflow4j.bench;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.Mlflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs runs to MLflow's default store ({@code sqlite:///mlflow.db} of the working directory, no
 * MLFLOW_TRACKING_URI), the same work as {@code python/sqlite_bench.py} does with MLflow's Python
 * client: per run, its params at once and one metric call per step. Prints one JSON line.
 * Arguments: runs, params per run, metric steps per run.
 */
public final class SqliteBench {
    private SqliteBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int params = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        for (int r = 0; r < runs; r++) {
            try (ActiveRun run = Mlflow.startRun("bench", "run-" + r)) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int p = 0; p < params; p++) {
                    values.put("param_" + p, p * 0.5);
                }
                run.logParams(values);
                for (int s = 0; s < steps; s++) {
                    run.logMetric("loss", 1.0 / (s + 1), s);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "{\"client\": \"mlflow4j\", \"tracking_uri\": \"%s\", \"runs\": %d, \"seconds\": %.3f}%n",
                Mlflow.store().trackingUri(), runs, seconds);
    }
}
