package io.mlflow4j.examples.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertTrue(
                result.modelUri().matches("models:/m-[0-9a-f]{32}"), "an MLflow 3 logged model: " + result.modelUri());
        String modelId = result.modelUri().substring("models:/".length());
        assertEquals("models:/iris-classifier/1", result.registeredUri(), "registered in the local store");
        assertEquals(1.0, result.trainingAccuracy(), "nearest centroid separates the 15 training flowers");
        assertEquals("virginica", result.typedPrediction().species());
        assertEquals(
                result.typedPrediction().species(),
                result.genericPrediction().column("species").getString(0));
        assertEquals(
                result.typedPrediction().probability(),
                result.genericPrediction().column("probability").getDouble(0));

        FileTrackingStore store = new FileTrackingStore(mlruns);
        RunInfo run = store.getRun(result.runId());
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("iris", store.getExperiment(run.experimentId()).name());
        Map<String, String> tags = store.getTags(result.runId());
        assertEquals("LOCAL", tags.get("mlflow.source.type"));
        assertEquals(run.runName(), tags.get("mlflow.runName"));

        LoggedModel logged = store.getLoggedModel(modelId);
        assertEquals(LoggedModelStatus.READY, logged.status());
        assertEquals("model", logged.name());
        assertEquals(result.runId(), logged.sourceRunId());
        assertEquals(store.getParams(result.runId()), logged.params(), "the run's params, on the model too");
        Path runDir = mlruns.resolve(run.experimentId()).resolve(run.runId());
        assertTrue(
                Files.isRegularFile(runDir.resolve("outputs").resolve(modelId).resolve("meta.yaml")),
                "linked to its run");

        Path model = mlruns.resolve(run.experimentId())
                .resolve("models")
                .resolve(modelId)
                .resolve("artifacts");
        Map<String, Object> mlmodel = PyYaml.load(Files.readString(model.resolve("MLmodel")));
        assertEquals(result.runId(), mlmodel.get("run_id"));
        assertEquals(modelId, mlmodel.get("model_id"));
        assertEquals(logged.artifactLocation(), mlmodel.get("artifact_path"));
        assertEquals("3.11.1", mlmodel.get("mlflow_version"));
        assertTrue(Files.isRegularFile(model.resolve("artifacts/weights")));
        assertEquals(
                "{\"columns\": [\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"], "
                        + "\"data\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, NaN]]}",
                Files.readString(model.resolve("input_example.json")));
        assertEquals("input_example.json", ((Map<?, ?>) mlmodel.get("saved_input_example_info")).get("artifact_path"));
        assertTrue(Files.readString(model.resolve("data/classpath.txt")).contains("jars/examples-classes.jar"));
        assertEquals("15", Files.readString(runDir.resolve("params/training_rows")));
        assertTrue(Files.readString(runDir.resolve("metrics/training_accuracy")).matches("\\d+ 1\\.0 0\\n"));

        Path registered = mlruns.resolve("models/iris-classifier");
        assertEquals("1", Files.readString(registered.resolve("aliases/champion")));
        Map<String, Object> version = PyYaml.load(Files.readString(registered.resolve("version-1/meta.yaml")));
        assertEquals(run.runId(), version.get("run_id"));
        assertEquals(result.modelUri(), version.get("source"));
        assertEquals(modelId, version.get("model_id"));
        assertEquals(
                Map.of("champion", "1"),
                PyYaml.load(Files.readString(registered.resolve("meta.yaml"))).get("aliases"));
    }
}
