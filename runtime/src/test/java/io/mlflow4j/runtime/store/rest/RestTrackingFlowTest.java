package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.mlflow4j.runtime.store.LogBatch;
import io.mlflow4j.runtime.store.ModelVersion;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole logging flow against the test tracking server: a run with params, metrics, tags and an
 * artifact, a model logged and registered, an alias, and the model loaded back by every URI form.
 * The server checks each request against what real MLflow accepted.
 */
class RestTrackingFlowTest {
    @TempDir
    Path tmp;

    FakeTrackingServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeTrackingServer.start(Files.createDirectories(tmp.resolve("server")));
        Mlflow.setTrackingUri(server.uri().toString());
    }

    @AfterEach
    void stopServer() {
        Mlflow.setTrackingUri(null);
        server.close();
    }

    private Path weights(int bytes) throws IOException {
        Path file = tmp.resolve("weights-" + bytes + ".bin");
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (i * 31);
        }
        return Files.write(file, data);
    }

    @Test
    void wholeFlowLogsRegistersAndLoadsByEveryUriForm() throws Exception {
        assertInstanceOf(RestTrackingStore.class, Mlflow.store());
        Path notes = Files.writeString(tmp.resolve("hello.txt"), "hello artifact\n");
        ModelInfo info;
        String runId;
        try (ActiveRun run = Mlflow.startRun("real-check-proxied", "real-check-run")) {
            runId = run.runId();
            assertEquals("mlflow-artifacts:/1/" + runId + "/artifacts", run.artifactUri());
            run.logParam("alpha", 0.5);
            run.logParams(Map.of("l1_ratio", 0.1, "solver", "lbfgs"));
            run.logMetric("rmse", 0.75).logMetric("loss", 1.0).logMetric("loss", 0.5, 1);
            run.logMetrics(Map.of("r2", 0.9, "mae", 0.4), 0);
            run.setTag("team", "java-port");
            run.logArtifact(notes, "notes");
            info = MlflowModels.log(
                    new WeightsModel(weights(10_000)),
                    run,
                    "model",
                    LogOptions.registeredModelName("real-check-model-proxied"));
        }
        assertEquals("runs:/" + runId + "/model", info.modelUri());
        ModelVersion version = info.registeredModelVersion();
        assertEquals("1", version.version());
        assertEquals("mlflow-artifacts:/1/" + runId + "/artifacts/model", version.source());
        assertEquals(runId, version.runId());
        assertEquals(ModelVersion.READY, version.status());

        Mlflow.setRegisteredModelAlias("real-check-model-proxied", "champion", version.version());
        assertEquals(Map.of("champion", "1"), server.aliases("real-check-model-proxied"));

        // what the server recorded
        assertEquals("FINISHED", server.runStatus(runId));
        assertEquals(Map.of("alpha", "0.5", "l1_ratio", "0.1", "solver", "lbfgs"), server.params(runId));
        assertEquals(5, server.metrics(runId).size());
        Map<String, String> tags = server.tags(runId);
        assertEquals("java-port", tags.get("team"));
        assertEquals("real-check-run", tags.get("mlflow.runName"));
        JsonNode history = FakeTrackingServer.JSON.readTree(tags.get("mlflow.log-model.history"));
        assertEquals(1, history.size());
        assertEquals("model", history.get(0).path("artifact_path").asText());
        assertEquals(info.modelUuid(), history.get(0).path("model_uuid").asText());
        assertTrue(history.get(0).path("flavors").has("python_function"));
        assertEquals(
                "hello artifact\n", Files.readString(server.artifact("1/" + runId + "/artifacts/notes/hello.txt")));
        assertEquals(10_000, Files.size(server.artifact("1/" + runId + "/artifacts/model/artifacts/weights")));
        assertTrue(Files.isRegularFile(server.artifact("1/" + runId + "/artifacts/model/MLmodel")));

        // loaded back by every URI form, each through the server
        for (String uri : List.of(
                info.modelUri(),
                "models:/real-check-model-proxied/1",
                "models:/real-check-model-proxied@champion",
                "models:/real-check-model-proxied/latest",
                "models:/real-check-model-proxied/Latest")) {
            try (LoadedModel loaded = MlflowModels.load(uri)) {
                assertEquals(
                        10_001.5,
                        loaded.predict(WeightsModel.input(1.5)).column(0).getDouble(0),
                        uri);
            }
        }
        WeightsModel.Weights typed =
                MlflowModels.loadInto(new WeightsModel(), "models:/real-check-model-proxied@champion");
        assertEquals(10_000, typed.size);
        assertEquals(List.of(), server.violations());
    }

    @Test
    void registeringAfterwardsAddsVersionsToAnExistingModelAndWaitsUntilReady() throws Exception {
        List<String> uris = new ArrayList<>();
        try (ActiveRun run = Mlflow.startRun("exp")) {
            uris.add(MlflowModels.log(new WeightsModel(weights(10)), run, "a").modelUri());
            uris.add(MlflowModels.log(new WeightsModel(weights(20)), run, "b").modelUri());
        }
        assertEquals("1", Mlflow.registerModel(uris.get(0), "m").version());
        server.pendingRegistrationPolls(2);
        ModelVersion second = Mlflow.registerModel(uris.get(1), "m"); // the registered model exists: fine
        assertEquals("2", second.version());
        assertEquals(ModelVersion.READY, second.status());
        assertEquals(
                2,
                server.requests().stream()
                        .filter(r -> r.path().endsWith("/model-versions/get"))
                        .count(),
                "polled until READY");
        try (LoadedModel latest = MlflowModels.load("models:/m/latest")) {
            assertEquals(21.0, latest.predict(WeightsModel.input(1)).column(0).getDouble(0));
        }
        assertEquals(List.of(), server.violations());
    }

    @Test
    void runsUrisWorkAgainstTheServerAndMissingThingsSayWhat() throws Exception {
        String uri;
        try (ActiveRun run = Mlflow.startRun("exp")) {
            uri = MlflowModels.log(new WeightsModel(weights(7)), run, "nested/model")
                    .modelUri();
        }
        try (LoadedModel loaded = MlflowModels.load(uri)) {
            assertEquals(8.0, loaded.predict(WeightsModel.input(1)).column(0).getDouble(0));
        }
        MlflowException noVersion = assertThrows(MlflowException.class, () -> MlflowModels.load("models:/nope/3"));
        assertEquals(MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST, noVersion.errorCode());
        assertTrue(noVersion.getMessage().contains("nope"), noVersion.getMessage());
        MlflowException noAlias = assertThrows(MlflowException.class, () -> MlflowModels.load("models:/nope@prod"));
        assertEquals(MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST, noAlias.errorCode());
        MlflowException badUri = assertThrows(MlflowException.class, () -> MlflowModels.load("models:/justaname"));
        assertTrue(badUri.getMessage().contains("models:/<name>/<version>"), badUri.getMessage());
    }

    @Test
    void batchesAreSplitAtMlflowsLimitsAndLongValuesTruncated() {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            params.put("p" + i, i);
        }
        params.put("long", "x".repeat(7000));
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < 2500; i++) {
            metrics.put("m" + i, (double) i);
        }
        String runId;
        try (ActiveRun run = Mlflow.startRun("exp")) {
            runId = run.runId();
            server.clearRequests();
            run.logParams(params);
            run.logMetrics(metrics, 3);
        }
        List<FakeTrackingServer.Request> batches = server.requests().stream()
                .filter(r -> r.path().endsWith("/runs/log-batch"))
                .toList();
        assertEquals(
                List.of(100, 100, 51),
                batches.subList(0, 3).stream()
                        .map(r -> r.json().path("params").size())
                        .toList());
        assertEquals(
                List.of(1000, 1000, 500),
                batches.subList(3, 6).stream()
                        .map(r -> r.json().path("metrics").size())
                        .toList());
        assertEquals(6, batches.size());
        assertEquals(251, server.params(runId).size());
        assertEquals(
                6000, server.params(runId).get("long").length(), "truncated to MLflow's limit, as its client does");
        assertEquals(2500, server.metrics(runId).size());
        assertEquals(List.of(), server.violations());
    }

    @Test
    void batchesOfLongValuesStayUnderTheServersOneMegabyteLimit() {
        Map<String, Object> params = new LinkedHashMap<>();
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            params.put("p" + i, "v".repeat(6000));
            tags.add(Map.entry("t" + i, "w".repeat(8000)));
        }
        List<Map.Entry<String, String>> paramList = new ArrayList<>();
        params.forEach((k, v) -> paramList.add(Map.entry(k, (String) v)));
        String runId;
        try (ActiveRun run = Mlflow.startRun("exp")) {
            runId = run.runId();
            run.logBatch(new LogBatch(List.of(), paramList, tags));
        }
        assertEquals(100, server.params(runId).size());
        assertTrue(server.tags(runId)
                .keySet()
                .containsAll(tags.stream().map(Map.Entry::getKey).toList()));
        assertTrue(server.requests().stream()
                        .filter(r -> r.path().endsWith("/runs/log-batch"))
                        .count()
                >= 2);
        assertEquals(List.of(), server.violations());
    }

    @Test
    void anUploadThatFailsMidwayRecordsNothingAndFailsTheRun() throws Exception {
        Path big = weights(4 << 20);
        HttpSettings quick = HttpSettings.fromEnvironment(Map.of(
                HttpSettings.MAX_RETRIES_ENV,
                "2",
                HttpSettings.BACKOFF_FACTOR_ENV,
                "0.01",
                HttpSettings.BACKOFF_JITTER_ENV,
                "0"));
        TrackingStore store = new RestTrackingStore(server.uri(), quick);
        server.cutUploads("artifacts/weights", 1 << 20);
        String runId;
        MlflowException e;
        try (ActiveRun run = Mlflow.startRun(store, "exp", null)) {
            runId = run.runId();
            e = assertThrows(MlflowException.class, () -> MlflowModels.log(new WeightsModel(big), run, "model"));
        }
        assertTrue(e.getMessage().contains("Uploading artifacts/weights (4194304 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was logged"), e.getMessage());
        assertTrue(
                server.requests().stream().noneMatch(r -> r.path().endsWith("/runs/log-model")), "no log-model call");
        assertNull(server.tags(runId).get("mlflow.log-model.history"));
        assertEquals("FAILED", server.runStatus(runId));
        assertEquals(
                3,
                server.requests().stream()
                        .filter(r -> r.path().endsWith("/artifacts/weights"))
                        .count(),
                "one upload and two retries");
        try (Stream<Path> left = Files.walk(server.artifactRoot())) {
            assertEquals(
                    List.of(), left.filter(Files::isRegularFile).toList(), "files uploaded before were deleted again");
        }
        assertEquals(List.of(), server.violations());
    }

    @Test
    void theModelLogFlowSendsTheEndpointsOfMlflowsOwnClientInItsOrder() throws Exception {
        try (ActiveRun run = Mlflow.startRun("exp")) {
            server.clearRequests();
            MlflowModels.log(new WeightsModel(weights(10)), run, "model", LogOptions.registeredModelName("m"));
            // mlflow4j asks the server's version once per store (MLflow 2 or 3?); Python's client does not
            List<String> ours = collapse(server.requests().stream()
                    .map(FakeTrackingServer.Request::endpoint)
                    .filter(e -> !e.equals("GET /version"))
                    .toList());

            // the recorded Python client: log_model(..., registered_model_name=...) is seq 15..26, after the
            // run's artifact repository was resolved (seq 13) for the first log_artifact.
            List<String> recorded =
                    collapse(RecordedApi.read(Reference.v2("http_capture_tracking.jsonl")).exchanges.stream()
                            .filter(x -> x.seq() >= 15 && x.seq() <= 26)
                            .map(RecordedApi.Exchange::endpoint)
                            .toList());
            assertEquals(recorded, ours);
            assertEquals(
                    List.of(
                            "PUT " + RecordedApi.ARTIFACT_FILES,
                            "POST /api/2.0/mlflow/runs/log-model",
                            "POST /api/2.0/mlflow/registered-models/create",
                            "GET /api/2.0/mlflow/runs/get",
                            "POST /api/2.0/mlflow/model-versions/create"),
                    ours);
        }
        assertEquals(List.of(), server.violations());
    }

    @Test
    void theModelJsonHasTheRecordedFields() throws Exception {
        try (ActiveRun run = Mlflow.startRun("exp")) {
            server.clearRequests();
            MlflowModels.log(new WeightsModel(weights(10)), run, "model");
        }
        JsonNode ours = server.requests().stream()
                .filter(r -> r.path().endsWith("/runs/log-model"))
                .findFirst()
                .orElseThrow()
                .json();
        JsonNode recorded = RecordedApi.read(Reference.v2("http_capture_tracking.jsonl")).exchanges.stream()
                .filter(x -> x.seq() == 23)
                .findFirst()
                .orElseThrow()
                .requestJson();
        assertEquals(RecordedApi.shape(recorded), RecordedApi.shape(ours));
        JsonNode ourModel =
                FakeTrackingServer.JSON.readTree(ours.path("model_json").asText());
        JsonNode theirModel =
                FakeTrackingServer.JSON.readTree(recorded.path("model_json").asText());
        assertEquals(fieldNames(theirModel), fieldNames(ourModel));
    }

    @Test
    void endingTheRunSendsUpdateWithStatusAndEndTime() {
        ActiveRun run = Mlflow.startRun("exp");
        run.end(RunStatus.KILLED);
        JsonNode update = server.requests().stream()
                .filter(r -> r.path().endsWith("/runs/update"))
                .findFirst()
                .orElseThrow()
                .json();
        assertEquals("KILLED", update.path("status").asText());
        assertTrue(update.path("end_time").isIntegralNumber());
        assertEquals("KILLED", server.runStatus(run.runId()));
        assertNotNull(Mlflow.store().getRun(run.runId()).endTime());
        assertFalse(server.requests().isEmpty());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /** Consecutive uploads as one step: the files of a model differ between MLflow and mlflow4j. */
    private static List<String> collapse(List<String> endpoints) {
        List<String> out = new ArrayList<>();
        for (String e : endpoints) {
            if (!(e.startsWith("PUT ")
                    && !out.isEmpty()
                    && out.get(out.size() - 1).equals(e))) {
                out.add(e);
            }
        }
        return out;
    }
}
