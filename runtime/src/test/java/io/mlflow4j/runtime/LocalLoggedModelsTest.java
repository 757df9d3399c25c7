package io.mlflow4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.model.EchoModelAdapter;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.MlflowTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local file store written for MLflow 3 (the default): models are logged models, laid out as
 * MLflow 3.11.1's file store lays them out (compared with its recorded {@code mlruns}).
 */
class LocalLoggedModelsTest {
    private static final Path RECORDED = Reference.v311("mlruns");
    private static final String RECORDED_EXPERIMENT = "559682258682628477";
    private static final String RECORDED_RUN = "08fc9519e2b24d0fb22f8827a1b4cc58";
    private static final String RECORDED_MODEL = "m-5031c283544e44d0bad2ddcbf653548c";

    @TempDir
    Path store;

    @BeforeEach
    void useStore() {
        Mlflow.setTrackingUri(store.toString());
    }

    @AfterEach
    void resetTrackingUri() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void aModelIsLoggedAsMlflow3sFileStoreKeepsLoggedModels() throws Exception {
        assertEquals(MlflowTarget.MLFLOW_3, Mlflow.store().target());
        ModelInfo info;
        String runId;
        String experimentId;
        try (ActiveRun run = Mlflow.startRun("exp")) {
            runId = run.runId();
            experimentId = run.experimentId();
            run.logParam("alpha", 0.5).logMetric("loss", 1.0);
            info = MlflowModels.log(
                    new EchoModelAdapter(),
                    run,
                    "model",
                    LogOptions.registeredModelName("echo").withParams(Map.of("solver", "lbfgs")));
            run.logMetric("rmse", 0.25, 0, info.modelId());
        }
        String id = info.modelId();
        assertEquals("models:/" + id, info.modelUri());
        Path modelDir = store.resolve(experimentId).resolve("models").resolve(id);
        Path recordedModel =
                RECORDED.resolve(RECORDED_EXPERIMENT).resolve("models").resolve(RECORDED_MODEL);

        Map<String, Object> meta = PyYaml.load(Files.readString(modelDir.resolve("meta.yaml")));
        assertEquals(
                PyYaml.load(Files.readString(recordedModel.resolve("meta.yaml")))
                        .keySet(),
                meta.keySet());
        assertEquals(2, meta.get("status"), "READY");
        assertEquals("model", meta.get("name"));
        assertEquals(runId, meta.get("source_run_id"));
        String location =
                Mlflow.store().getExperiment(experimentId).artifactLocation() + "/models/" + id + "/artifacts";
        assertEquals(location, meta.get("artifact_location"));
        assertEquals("0.5", Files.readString(modelDir.resolve("params/alpha")));
        assertEquals("lbfgs", Files.readString(modelDir.resolve("params/solver")));
        assertEquals("LOCAL", Files.readString(modelDir.resolve("tags/mlflow.source.type")));
        assertEquals(
                "[{\"name\": \"echo\", \"version\": 1}]",
                Files.readString(modelDir.resolve("tags/mlflow.modelVersions")));
        assertTrue(
                Files.readString(modelDir.resolve("metrics/rmse")).matches("\\d+ 0\\.25 0 " + runId + "\\n"),
                "a model's metric line names its run, as in "
                        + Files.readString(recordedModel.resolve("metrics/loss")));

        Path runDir = store.resolve(experimentId).resolve(runId);
        assertEquals(
                Files.readString(RECORDED.resolve(RECORDED_EXPERIMENT)
                                .resolve(RECORDED_RUN)
                                .resolve("outputs")
                                .resolve(RECORDED_MODEL)
                                .resolve("meta.yaml"))
                        .replace(RECORDED_MODEL, id),
                Files.readString(runDir.resolve("outputs").resolve(id).resolve("meta.yaml")));
        assertFalse(Files.exists(runDir.resolve("artifacts/model")), "the model is not in the run's artifacts");
        assertFalse(Files.exists(runDir.resolve("tags/mlflow.log-model.history")), "MLflow 3 keeps no history tag");
        assertTrue(
                Files.readString(runDir.resolve("metrics/rmse")).matches("\\d+ 0\\.25 0\\n"),
                "the model's metric is the run's too");

        Map<String, Object> mlmodel = PyYaml.load(Files.readString(modelDir.resolve("artifacts/MLmodel")));
        assertEquals(location, mlmodel.get("artifact_path"));
        assertEquals(id, mlmodel.get("model_id"));
        assertEquals(id, mlmodel.get("model_uuid"));
        assertEquals(runId, mlmodel.get("run_id"));
        assertEquals("3.11.1", mlmodel.get("mlflow_version"));

        Path recordedRegistry = RECORDED.resolve("models/file-store-model");
        Map<String, Object> version = PyYaml.load(Files.readString(store.resolve("models/echo/version-1/meta.yaml")));
        assertEquals(
                new TreeSet<>(PyYaml.load(Files.readString(recordedRegistry.resolve("version-1/meta.yaml")))
                        .keySet()),
                new TreeSet<>(version.keySet()));
        assertEquals("models:/" + id, version.get("source"));
        assertEquals(id, version.get("model_id"));
        assertEquals(runId, version.get("run_id"));
        assertEquals(location, version.get("storage_location"));
        assertEquals(
                new TreeSet<>(PyYaml.load(Files.readString(recordedRegistry.resolve("meta.yaml")))
                        .keySet()),
                new TreeSet<>(PyYaml.load(Files.readString(store.resolve("models/echo/meta.yaml")))
                        .keySet()));

        Mlflow.setRegisteredModelAlias("echo", "champion", "1");
        Table input = Table.of(
                Column.ofDoubles("x", new double[] {1.5}),
                Column.ofLongs("n", new long[] {2}),
                Column.ofStrings("label", new String[] {"a"}));
        for (String uri :
                List.of(info.modelUri(), "runs:/" + runId + "/model", "models:/echo/1", "models:/echo@champion")) {
            try (LoadedModel loaded = MlflowModels.load(uri)) {
                assertEquals(3.0, loaded.predict(input).column("y").getDouble(0), uri);
                assertEquals(
                        modelDir.resolve("artifacts").toRealPath(),
                        loaded.modelRoot().toRealPath(),
                        uri);
            }
        }
        LoggedModel logged = Mlflow.store().getLoggedModel(id);
        assertEquals(LoggedModelStatus.READY, logged.status());
        assertEquals(List.of(logged), Mlflow.store().searchLoggedModels(experimentId, "model"));
    }

    @Test
    void teamsOnMlflow2KeepTheRunArtifactsLayout() throws Exception {
        MlflowVersionSetting.with("2", () -> {
            ModelInfo info;
            try (ActiveRun run = Mlflow.startRun("exp")) {
                info = MlflowModels.log(new EchoModelAdapter(), run, "model");
            }
            assertEquals("runs:/" + info.runId() + "/model", info.modelUri());
            assertEquals(null, info.modelId());
            Path folder = Mlflow.store().downloadArtifacts(info.runId(), "model");
            assertEquals(
                    "2.17.2",
                    PyYaml.load(Files.readString(folder.resolve("MLmodel"))).get("mlflow_version"));
            assertTrue(Mlflow.store().getTags(info.runId()).containsKey("mlflow.log-model.history"));
        });
    }
}
