package io.mlflow4j.examples.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.tracking.FileTrackingStore;
import io.mlflow4j.runtime.tracking.RunInfo;
import io.mlflow4j.runtime.tracking.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's tour end to end against a fresh mlruns folder and checks what it left there. */
class IrisExampleTest {
    @TempDir
    Path mlruns;

    @AfterEach
    void resetTrackingUri() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void trainsLogsLoadsAndPredicts() throws Exception {
        Mlflow.setTrackingUri(mlruns.toString());
        IrisExample.Result result = IrisExample.run();

        assertEquals("runs:/" + result.runId() + "/model", result.modelUri());
        assertEquals("models:/iris-classifier/1", result.registeredUri(), "registered in the local store");
        assertEquals(1.0, result.trainingAccuracy(), "nearest centroid separates the 15 training flowers");
        assertEquals("virginica", result.typedPrediction().species());
        assertEquals(result.typedPrediction().species(), result.genericPrediction().column("species").getString(0));
        assertEquals(result.typedPrediction().probability(), result.genericPrediction().column("probability").getDouble(0));

        FileTrackingStore store = new FileTrackingStore(mlruns);
        RunInfo run = store.getRun(result.runId());
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("iris", store.getExperiment(run.experimentId()).name());
        Map<String, String> tags = store.getTags(result.runId());
        assertEquals("LOCAL", tags.get("mlflow.source.type"));
        assertEquals(run.runName(), tags.get("mlflow.runName"));

        List<Object> history = PythonJson.parseArray(tags.get("mlflow.log-model.history"));
        assertEquals(1, history.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) history.get(0);
        assertEquals(List.of("run_id", "artifact_path", "utc_time_created", "model_uuid", "flavors"), List.copyOf(entry.keySet()));
        assertEquals("model", entry.get("artifact_path"));

        Path model = store.downloadArtifacts(result.runId(), "model");
        Map<String, Object> mlmodel = PyYaml.load(Files.readString(model.resolve("MLmodel")));
        assertEquals(result.runId(), mlmodel.get("run_id"));
        assertEquals(entry.get("model_uuid"), mlmodel.get("model_uuid"));
        assertEquals(entry.get("utc_time_created"), mlmodel.get("utc_time_created"));
        assertTrue(Files.isRegularFile(model.resolve("artifacts/weights")));
        assertEquals("{\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"], "
                + "\"data\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, NaN]]}", Files.readString(model.resolve("input_example.json")));
        assertEquals("input_example.json", ((Map<?, ?>) mlmodel.get("saved_input_example_info")).get("artifact_path"));
        assertTrue(Files.readString(model.resolve("data/classpath.txt")).contains("jars/examples-classes.jar"));
        Path runDir = mlruns.resolve(run.experimentId()).resolve(run.runId());
        assertEquals("15", Files.readString(runDir.resolve("params/training_rows")));
        assertTrue(Files.readString(runDir.resolve("metrics/training_accuracy")).matches("\\d+ 1\\.0 0\\n"));

        Path registered = mlruns.resolve("models/iris-classifier");
        assertEquals("1", Files.readString(registered.resolve("aliases/champion")));
        Map<String, Object> version = PyYaml.load(Files.readString(registered.resolve("version-1/meta.yaml")));
        assertEquals(run.runId(), version.get("run_id"));
        assertEquals(run.artifactUri() + "/model", version.get("source"));
        assertEquals(Map.of("champion", "1"), PyYaml.load(Files.readString(registered.resolve("meta.yaml"))).get("aliases"));
    }
}
