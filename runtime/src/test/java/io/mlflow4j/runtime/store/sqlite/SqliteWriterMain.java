package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import java.nio.file.Path;
import java.util.Map;

/** A second JVM writing runs into the same database. Arguments: database file, artifact root, number of runs. */
public final class SqliteWriterMain {
    private SqliteWriterMain() {}

    public static void main(String[] args) {
        SqliteTrackingStore store = new SqliteTrackingStore(Path.of(args[0]), Path.of(args[1]));
        String experiment = store.getOrCreateExperiment("exp").experimentId();
        for (int r = 0; r < Integer.parseInt(args[2]); r++) {
            RunInfo run = store.createRun(experiment, "r" + r, "writer", System.currentTimeMillis(), Map.of());
            store.logParam(run.runId(), "p", "1");
            for (int step = 0; step < 20; step++) {
                store.logMetric(run.runId(), "m", step, System.currentTimeMillis(), step);
            }
            store.updateRun(run.runId(), RunStatus.FINISHED, System.currentTimeMillis());
        }
    }
}
