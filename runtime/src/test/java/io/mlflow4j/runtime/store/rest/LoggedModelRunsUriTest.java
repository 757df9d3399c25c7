package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.model.MlmodelFile;
import io.mlflow4j.runtime.uri.ModelUris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runs:/<run>/<name>} of a model MLflow 3 logged: its files are under the experiment's
 * {@code models/m-<id>/artifacts}, the run's own folder is empty, and the server answers a GET of
 * the missing path with a 500 that says "No such file or directory" (3.11.1 recording).
 */
class LoggedModelRunsUriTest {
    @TempDir
    Path tmp;

    FakeTrackingServer server;
    RestTrackingStore store;
    String runId;

    @BeforeEach
    void start() throws IOException {
        server = FakeTrackingServer.start(
                Files.createDirectories(tmp.resolve("server")), Reference.v311("http_capture_tracking.jsonl"));
        // MLflow's default retries: a retried "no such file" would take minutes and show in the request count
        store = new RestTrackingStore(
                server.uri(),
                HttpSettings.fromEnvironment(
                        Map.of(HttpSettings.BACKOFF_FACTOR_ENV, "0.01", HttpSettings.BACKOFF_JITTER_ENV, "0")));
        String experimentId = store.getOrCreateExperiment("real-check-proxied").experimentId();
        runId = store.createRun(experimentId, "real-check-run", "u", 1L, Map.of())
                .runId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void placeLoggedModel(Path folder, String name) throws IOException {
        AtomicFiles.copyTree(folder, server.artifact(server.addLoggedModel(runId, name)));
    }

    private long gets(String pathSuffix) {
        return server.requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().endsWith(pathSuffix))
                .count();
    }

    @Test
    void aPythonLoggedModelIsFoundAndRefusedWithTodaysMessageWithoutRetries() throws IOException {
        placeLoggedModel(Reference.v311("logged_model_via_server"), "model");

        Path folder = ModelUris.toLocalFolder("runs:/" + runId + "/model", store);
        assertEquals(
                Files.readString(Reference.v311("logged_model_via_server/MLmodel")),
                Files.readString(folder.resolve("MLmodel")));
        assertTrue(Files.isRegularFile(folder.resolve("code/my_loader.py")));
        MlflowException e = assertThrows(
                MlflowException.class, () -> MlmodelFile.read(folder).javaFlavor());
        assertTrue(e.getMessage().contains("Only models saved by mlflow4j can be loaded in Java"), e.getMessage());

        assertEquals(0, gets("/" + runId + "/artifacts/model"), "the logged model is looked up before any file GET");
        List<FakeTrackingServer.Request> searches = server.requests().stream()
                .filter(r -> r.path().endsWith("/logged-models/search"))
                .toList();
        assertEquals(1, searches.size());
        assertEquals("name = 'model'", searches.get(0).json().path("filter").asText());
        assertEquals(List.of(), server.violations());
    }

    @Test
    void anMlflow4jModelLoggedTheMlflow3WayLoadsAndPredicts() throws IOException {
        Path weights = Files.write(tmp.resolve("weights.bin"), new byte[1000]);
        Path saved = MlflowModels.save(new WeightsModel(weights), tmp.resolve("saved"));
        placeLoggedModel(saved, "model");
        Mlflow.setTrackingUri(server.uri().toString());
        try (LoadedModel model = MlflowModels.load("runs:/" + runId + "/model")) {
            assertEquals(
                    1001.5, model.predict(WeightsModel.input(1.5)).column(0).getDouble(0));
        } finally {
            Mlflow.setTrackingUri(null);
        }
        Path mlmodel = store.downloadArtifacts(runId, "model/MLmodel");
        assertTrue(Files.readString(mlmodel).contains("java_function"), "a path inside the logged model");
    }

    @Test
    void nothingAtThePathFailsAtOnceWithoutRetryingTheServersNoSuchFile() {
        MlflowException e =
                assertThrows(MlflowException.class, () -> ModelUris.toLocalFolder("runs:/" + runId + "/model", store));
        assertEquals(MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST, e.errorCode());
        assertTrue(e.getMessage().contains("Nothing found at mlflow-artifacts:/"), e.getMessage());
        assertEquals(1, gets("/" + runId + "/artifacts/model"), "a 500 'No such file or directory' is not retried");
    }

    @Test
    void aLoggedModelOfAnotherRunWithTheSameNameIsNotTaken() throws IOException {
        String otherRun = store.createRun(store.getRun(runId).experimentId(), "other", "u", 1L, Map.of())
                .runId();
        AtomicFiles.copyTree(
                Reference.v311("logged_model_via_server"), server.artifact(server.addLoggedModel(otherRun, "model")));
        MlflowException e =
                assertThrows(MlflowException.class, () -> ModelUris.toLocalFolder("runs:/" + runId + "/model", store));
        assertEquals(MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST, e.errorCode());
    }
}
