package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.TrackingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging to an MLflow 3 tracking server: the model becomes a logged model, linked to its run,
 * READY only when its files arrived, registered with its id; every request is checked against
 * what real MLflow 3.11.1 accepted, and the sequence against its Python client's.
 */
class LoggedModelFlowTest {
    @TempDir
    Path tmp;

    FakeTrackingServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeTrackingServer.startMlflow3(Files.createDirectories(tmp.resolve("server")));
        Mlflow.setTrackingUri(server.uri().toString());
    }

    @AfterEach
    void stopServer() {
        Mlflow.setTrackingUri(null);
        server.close();
    }

    private Path weights(int bytes) throws IOException {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (i * 31);
        }
        return Files.write(tmp.resolve("weights-" + bytes + ".bin"), data);
    }

    @Test
    void aModelIsALoggedModelLinkedToItsRunAndLoadsByEveryUri() throws Exception {
        assertEquals(MlflowTarget.MLFLOW_3, Mlflow.store().target(), "the server answered 3.11.1 on /version");
        ModelInfo info;
        String runId;
        try (ActiveRun run = Mlflow.startRun("real-check-proxied")) {
            runId = run.runId();
            run.logParam("alpha", 0.5).logMetric("rmse", 0.75);
            info = MlflowModels.log(
                    new WeightsModel(weights(1000)),
                    run,
                    "model",
                    LogOptions.registeredModelName("java-model").withParams(Map.of("k", 3)));
            run.logMetric("accuracy", 0.9, 0, info.modelId());
        }
        assertTrue(info.modelId().matches("m-[0-9a-f]{32}"), info.modelId());
        assertEquals("models:/" + info.modelId(), info.modelUri());
        assertEquals(info.modelId(), info.modelUuid());

        JsonNode model = server.loggedModel(info.modelId(), true);
        JsonNode modelInfo = model.path("info");
        assertEquals("LOGGED_MODEL_READY", modelInfo.path("status").asText());
        assertEquals("model", modelInfo.path("name").asText());
        assertEquals(runId, modelInfo.path("source_run_id").asText());
        String location = "mlflow-artifacts:/1/models/" + info.modelId() + "/artifacts";
        assertEquals(location, modelInfo.path("artifact_uri").asText());
        assertEquals(
                Map.of("alpha", "0.5", "k", "3"),
                keyValues(model.path("data").path("params")),
                "the model's own params and the run's");
        Map<String, String> tags = keyValues(modelInfo.path("tags"));
        assertEquals("LOCAL", tags.get("mlflow.source.type"));
        assertEquals(
                "[{\"name\": \"java-model\", \"version\": 1}]",
                tags.get("mlflow.modelVersions"),
                "the version is listed once, although both the server and the client record it");
        List<String> modelMetrics = new ArrayList<>();
        model.path("data")
                .path("metrics")
                .forEach(m -> modelMetrics.add(m.path("key").asText()));
        assertEquals(
                List.of("rmse", "accuracy"), modelMetrics, "the run's metric at step 0, then one logged to the model");

        Path mlmodelFile = server.artifact("1/models/" + info.modelId() + "/artifacts/MLmodel");
        Map<String, Object> mlmodel = PyYaml.load(Files.readString(mlmodelFile));
        assertEquals(location, mlmodel.get("artifact_path"));
        assertEquals(info.modelId(), mlmodel.get("model_id"));
        assertEquals(info.modelId(), mlmodel.get("model_uuid"));
        assertEquals(runId, mlmodel.get("run_id"));
        assertEquals("3.11.1", mlmodel.get("mlflow_version"));
        assertEquals(1000, Files.size(server.artifact("1/models/" + info.modelId() + "/artifacts/artifacts/weights")));
        try (Stream<Path> runFiles =
                Files.walk(server.artifactRoot().resolve("1").resolve(runId))) {
            assertEquals(
                    List.of(), runFiles.filter(Files::isRegularFile).toList(), "nothing under the run's own artifacts");
        } catch (NoSuchFileException none) {
            // no artifact at all under the run: as it should be
        }

        JsonNode version = server.versions("java-model").get(0);
        assertEquals("models:/" + info.modelId(), version.path("source").asText());
        assertEquals("1", info.registeredModelVersion().version());
        Mlflow.setRegisteredModelAlias("java-model", "champion", "1");
        for (String uri : List.of(
                info.modelUri(), "runs:/" + runId + "/model", "models:/java-model/1", "models:/java-model@champion")) {
            try (LoadedModel loaded = MlflowModels.load(uri)) {
                assertEquals(
                        1001.5,
                        loaded.predict(WeightsModel.input(1.5)).column(0).getDouble(0),
                        uri);
            }
        }
        assertEquals(List.of(), server.violations());
    }

    @Test
    void theLogAndRegisterFlowSendsTheEndpointsOfMlflow3sOwnClientInItsOrder() throws Exception {
        try (ActiveRun run = Mlflow.startRun("exp")) {
            // the recorded run had four metrics at step 0 when it logged its model
            run.logParam("alpha", 0.5)
                    .logMetric("rmse", 0.75)
                    .logMetric("loss", 1.0)
                    .logMetric("r2", 0.9)
                    .logMetric("mae", 0.4);
            Mlflow.store().target(); // asked once per store; MLflow's client never asks
            server.clearRequests();
            MlflowModels.log(new WeightsModel(weights(10)), run, "model", LogOptions.registeredModelName("m"));
        }
        List<String> ours = collapse(server.requests().stream()
                .map(FakeTrackingServer.Request::endpoint)
                .filter(e -> !e.equals("POST /api/2.0/mlflow/runs/update"))
                .toList()); // the run ending afterwards
        // Python's log_model(name="model", registered_model_name=...): seq 15 (reading the run's params) to 38
        List<RecordedApi.Exchange> python =
                RecordedApi.read(Reference.v311("http_capture_tracking.jsonl")).exchanges.stream()
                        .filter(x -> x.seq() >= 15 && x.seq() <= 38)
                        .toList();
        List<String> theirs =
                collapse(python.stream().map(RecordedApi.Exchange::endpoint).toList());
        assertEquals(theirs, ours);
        assertEquals(List.of(), server.violations());

        // the bodies carry the fields Python's carried
        for (String endpoint : List.of(
                "POST /api/2.0/mlflow/logged-models",
                "POST /api/2.0/mlflow/runs/outputs",
                "PATCH /api/2.0/mlflow/logged-models/*",
                "POST /api/2.0/mlflow/model-versions/create")) {
            JsonNode mine = server.requests().stream()
                    .filter(r -> r.endpoint().equals(endpoint))
                    .findFirst()
                    .orElseThrow()
                    .json();
            JsonNode recorded = python.stream()
                    .filter(x -> x.endpoint().equals(endpoint))
                    .findFirst()
                    .orElseThrow()
                    .requestJson();
            assertEquals(RecordedApi.shape(recorded), RecordedApi.shape(mine), endpoint);
        }
    }

    @Test
    void anUploadCutMidwayLeavesTheModelFailedAndNothingRegistered() throws Exception {
        HttpSettings quick = HttpSettings.fromEnvironment(Map.of(
                HttpSettings.MAX_RETRIES_ENV,
                "1",
                HttpSettings.BACKOFF_FACTOR_ENV,
                "0.01",
                HttpSettings.BACKOFF_JITTER_ENV,
                "0"));
        TrackingStore store = new RestTrackingStore(server.uri(), quick);
        server.cutUploads("artifacts/weights", 1 << 20);
        String runId;
        try (ActiveRun run = Mlflow.startRun(store, "exp", null)) {
            runId = run.runId();
            Path big = weights(4 << 20);
            assertThrows(
                    MlflowException.class,
                    () -> MlflowModels.log(
                            new WeightsModel(big), run, "model", LogOptions.registeredModelName("never")));
        }
        assertEquals(1, server.loggedModelIds().size());
        LoggedModel model = store.getLoggedModel(server.loggedModelIds().get(0));
        assertEquals(LoggedModelStatus.FAILED, model.status(), "FAILED, never READY");
        assertEquals("FAILED", server.runStatus(runId));
        assertThrows(
                MlflowException.class, () -> Mlflow.registry().getModelVersion("never", "1"), "nothing registered");
        try (Stream<Path> left = Files.walk(server.artifactRoot())) {
            assertEquals(
                    List.of(), left.filter(Files::isRegularFile).toList(), "files uploaded before were deleted again");
        }
        MlflowException notReady = assertThrows(MlflowException.class, () -> MlflowModels.load(model.modelUri()));
        assertTrue(notReady.getMessage().contains("FAILED"), notReady.getMessage());
    }

    private static Map<String, String> keyValues(JsonNode list) {
        Map<String, String> map = new TreeMap<>();
        list.forEach(kv -> map.put(kv.path("key").asText(), kv.path("value").asText()));
        return map;
    }

    /**
     * Consecutive uploads as one step (the files of a model differ between MLflow and mlflow4j), and
     * consecutive reads of the same logged model as one (MLflow's client reads it twice in a row
     * after registering).
     */
    private static List<String> collapse(List<String> endpoints) {
        List<String> out = new ArrayList<>();
        for (String e : endpoints) {
            boolean repeat = !out.isEmpty() && out.get(out.size() - 1).equals(e);
            if (!(repeat
                    && (e.startsWith("PUT ")
                            || e.equals("GET /api/2.0/mlflow/logged-models/*")
                            || e.equals("GET /api/2.0/mlflow/metrics/get-history")))) {
                out.add(e);
            }
        }
        return out;
    }
}
