package io.mlflow4j.runtime.store.file;

import io.mlflow4j.runtime.store.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run by {@link FileTrackingStoreTest} in separate JVMs: waits for a start signal, then gets or
 * creates an experiment by name and appends log-model history entries to a shared run. Prints the
 * experiment id it got.
 *
 * <p>Arguments: mlruns root, experiment name, shared run id, writer name, entry count, go-file.
 */
public final class CrossProcessWriter {
    private CrossProcessWriter() {}

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[0]);
        String experimentName = args[1];
        String runId = args[2];
        String writer = args[3];
        int count = Integer.parseInt(args[4]);
        Path go = Paths.get(args[5]);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(go)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no start signal");
            }
            Thread.sleep(5);
        }
        FileTrackingStore store = new FileTrackingStore(root);
        Experiment experiment = store.getOrCreateExperiment(experimentName);
        for (int i = 0; i < count; i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("run_id", runId);
            entry.put("artifact_path", writer + "/" + i);
            entry.put("utc_time_created", "2024-10-31 12:00:00.123456");
            entry.put("model_uuid", writer);
            entry.put("flavors", Map.of());
            store.recordLoggedModel(runId, entry);
        }
        System.out.println("experiment_id=" + experiment.experimentId());
    }
}
