package io.mlflow4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.model.EchoModelAdapter;
import io.mlflow4j.runtime.store.ModelVersion;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mlflow} and {@link ActiveRun} against a real local file store. */
class MlflowTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void useTempStore() {
        Mlflow.setTrackingUri(tmp.toString());
    }

    @AfterEach
    void resetTrackingUri() {
        Mlflow.setTrackingUri(null);
    }

    @Test
    void runClosedNormallyIsFinished() throws IOException {
        long before = System.currentTimeMillis();
        String runId;
        String experimentId;
        try (ActiveRun run = Mlflow.startRun("exp", "my-run")) {
            runId = run.runId();
            experimentId = run.experimentId();
            assertEquals(RunStatus.RUNNING, Mlflow.store().getRun(runId).status());
            run.logParam("alpha", 0.5)
                    .logParam("epochs", 20)
                    .logMetric("loss", 1.0)
                    .logMetric("loss", 0.5, 1);
        }
        RunInfo info = Mlflow.store().getRun(runId);
        assertEquals(RunStatus.FINISHED, info.status());
        assertEquals("my-run", info.runName());
        assertNotNull(info.endTime());
        assertTrue(info.endTime() >= before);
        assertEquals(
                experimentId,
                Mlflow.store().getExperimentByName("exp").orElseThrow().experimentId());

        Path runDir = tmp.resolve(experimentId).resolve(runId);
        Map<String, Object> meta = PyYaml.load(Files.readString(runDir.resolve("meta.yaml")));
        assertEquals(3, ((Number) meta.get("status")).intValue());
        assertEquals("0.5", Files.readString(runDir.resolve("params/alpha")));
        assertEquals("20", Files.readString(runDir.resolve("params/epochs")));
        assertEquals(2, Files.readAllLines(runDir.resolve("metrics/loss")).size());

        // The run tags MLflow's own client sets (the reference run also has a user tag and the model history).
        Set<String> referenceTags = new HashSet<>();
        try (var files = Files.list(Reference.v2("mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/tags"))) {
            files.forEach(f -> referenceTags.add(f.getFileName().toString()));
        }
        referenceTags.removeAll(Set.of("team", "mlflow.log-model.history"));
        assertEquals(referenceTags, Mlflow.store().getTags(runId).keySet());
        assertEquals("my-run", Mlflow.store().getTags(runId).get("mlflow.runName"));
    }

    @Test
    void runBodyThatThrowsEndsFailedAndRethrows() {
        AtomicReference<String> runId = new AtomicReference<>();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> Mlflow.run("exp", run -> {
                    runId.set(run.runId());
                    run.logMetric("before_failure", 1.0);
                    throw boom;
                }));
        assertSame(boom, thrown);
        RunInfo info = Mlflow.store().getRun(runId.get());
        assertEquals(RunStatus.FAILED, info.status());
        assertNotNull(info.endTime());
    }

    @Test
    void runBodyThatReturnsEndsFinished() throws Exception {
        String runId = Mlflow.run("exp", ActiveRun::runId);
        assertEquals(RunStatus.FINISHED, Mlflow.store().getRun(runId).status());
    }

    @Test
    void failedStoreCallMarksTheRunFailed() {
        String runId;
        try (ActiveRun run = Mlflow.startRun()) {
            runId = run.runId();
            assertEquals("0", run.experimentId(), "no name: the Default experiment");
            run.logParam("p", 1);
            assertThrows(MlflowException.class, () -> run.logParam("p", 2));
        }
        assertEquals(RunStatus.FAILED, Mlflow.store().getRun(runId).status());
    }

    @Test
    void endedRunRefusesMoreLogging() {
        ActiveRun run = Mlflow.startRun("exp");
        run.end(RunStatus.KILLED);
        MlflowException e = assertThrows(MlflowException.class, () -> run.logMetric("m", 1));
        assertEquals(MlflowException.ErrorCode.INVALID_STATE, e.errorCode());
        run.close(); // no effect after end
        assertEquals(RunStatus.KILLED, Mlflow.store().getRun(run.runId()).status());
    }

    @Test
    void floatParamsAreWrittenAsPythonWrites() throws IOException {
        String runId;
        String experimentId;
        try (ActiveRun run = Mlflow.startRun("exp")) {
            runId = run.runId();
            experimentId = run.experimentId();
            run.logParam("d", 1e16).logParam("f", 0.1f).logParam("s", "text");
        }
        Path params = tmp.resolve(experimentId).resolve(runId).resolve("params");
        assertEquals("1e+16", Files.readString(params.resolve("d")), "str(1e16) in Python");
        assertEquals("0.1", Files.readString(params.resolve("f")));
        assertEquals("text", Files.readString(params.resolve("s")));
    }

    @Test
    void aLocalMlflow2StoreRegistersModelsAndLoadsThemByModelsUris() throws Exception {
        MlflowVersionSetting.with("2", this::registersAndLoadsInAnMlflow2Store);
    }

    private void registersAndLoadsInAnMlflow2Store() throws IOException {
        ModelInfo info;
        try (ActiveRun run = Mlflow.startRun("exp")) {
            info = MlflowModels.log(new EchoModelAdapter(), run, "model", LogOptions.registeredModelName("echo"));
        }
        assertEquals("1", info.registeredModelVersion().version());
        assertEquals("models:/echo/1", info.registeredModelVersion().modelUri());
        Path modelFolder = Mlflow.store().downloadArtifacts(info.runId(), "model");
        Map<String, Object> meta = PyYaml.load(Files.readString(tmp.resolve("models/echo/version-1/meta.yaml")));
        assertEquals(Mlflow.store().getRun(info.runId()).artifactUri() + "/model", meta.get("source"));

        ModelVersion second = Mlflow.registerModel(info.modelUri(), "echo");
        assertEquals("2", second.version());
        assertEquals(info.runId(), second.runId());
        Mlflow.setRegisteredModelAlias("echo", "champion", "1");

        for (String uri :
                new String[] {"models:/echo/1", "models:/echo@champion", "models:/echo/latest", "models:/echo/2"}) {
            try (LoadedModel loaded = MlflowModels.load(uri)) {
                assertEquals(modelFolder.toRealPath(), loaded.modelRoot().toRealPath(), uri);
            }
        }
        assertEquals("2", Mlflow.registry().latestVersion("echo", null).version());
        assertEquals(
                "1",
                Mlflow.registry().getModelVersionByAlias("echo", "champion").version());
    }

    @Test
    void trackingUriIsResetToTheEnvironment() {
        assertEquals(tmp.toString(), Mlflow.getTrackingUri());
        Mlflow.setTrackingUri(null);
        assertEquals(System.getenv(Mlflow.TRACKING_URI_ENV), Mlflow.getTrackingUri());
        if (System.getenv(Mlflow.TRACKING_URI_ENV) == null) {
            assertNull(Mlflow.getTrackingUri());
        }
    }
}
