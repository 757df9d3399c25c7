package io.mlflow4j.runtime.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.ModelVersion;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.uri.ModelUris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry files mlflow4j writes against those real MLflow 2.17.2 wrote
 * ({@code mlruns/models/file-store-model/} of the reference): same keys, same order, same
 * formatting; values that differ by nature (timestamps, run ids, paths) compared by shape.
 */
class FileRegistryConformanceTest {
    private static final String MODEL = "file-store-model";
    private static final Pattern MILLIS = Pattern.compile("\\d{13}");
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern MODEL_SOURCE = Pattern.compile("file:///\\S+/\\d+/[0-9a-f]{32}/artifacts/model");
    private static final Map<String, Pattern> BY_SHAPE = Map.of(
            "creation_timestamp",
            MILLIS,
            "last_updated_timestamp",
            MILLIS,
            "run_id",
            RUN_ID,
            "source",
            MODEL_SOURCE,
            "storage_location",
            MODEL_SOURCE);

    @TempDir
    Path tmp;

    /** The 2.17.2 layout, for a store written for MLflow 2 (LocalLoggedModelsTest checks 3.11.1's). */
    @Test
    void registeredModelAndVersionFilesMatchMlflows() throws IOException {
        FileTrackingStore store = new FileTrackingStore(tmp.resolve("mlruns"), MlflowTarget.MLFLOW_2);
        RunInfo run = registerOneVersion(store);
        Path modelDir = tmp.resolve("mlruns/models").resolve(MODEL);

        String ours = Files.readString(modelDir.resolve("meta.yaml"));
        sameLayout(Reference.read(Reference.v2("mlruns/models/" + MODEL + "/meta.yaml")), ours);
        String oursVersion = Files.readString(modelDir.resolve("version-1/meta.yaml"));
        sameLayout(Reference.read(Reference.v2("mlruns/models/" + MODEL + "/version-1/meta.yaml")), oursVersion);

        Map<String, Object> version = PyYaml.load(oursVersion);
        assertEquals(run.runId(), version.get("run_id"));
        assertEquals(run.artifactUri() + "/model", version.get("source"));
        assertEquals(version.get("source"), version.get("storage_location"));
        assertEquals(1, version.get("version"), "an int, not a string");
        assertEquals(
                version.get("creation_timestamp"),
                PyYaml.load(ours).get("last_updated_timestamp"),
                "registering touches the registered model at the version's creation time, as in the reference");
    }

    @Test
    void anAliasIsAFileAndACopyInTheRegisteredModelsMeta() throws IOException {
        FileTrackingStore store = new FileTrackingStore(tmp.resolve("mlruns"));
        registerOneVersion(store);
        Path modelDir = tmp.resolve("mlruns/models").resolve(MODEL);
        String versionBefore = Files.readString(modelDir.resolve("version-1/meta.yaml"));

        store.registry().setAlias(MODEL, "champion", "1");

        assertEquals("1", Files.readString(modelDir.resolve("aliases/champion")), "the version, no newline");
        String meta = Files.readString(modelDir.resolve("meta.yaml"));
        assertTrue(meta.startsWith("aliases:\n  champion: '1'\ncreation_timestamp: "), meta);
        assertEquals(
                versionBefore,
                Files.readString(modelDir.resolve("version-1/meta.yaml")),
                "MLflow leaves the version's meta.yaml alone when setting an alias");
        assertEquals(
                List.of("champion"),
                store.registry().getModelVersionByAlias(MODEL, "champion").aliases());

        store.registry().deleteAlias(MODEL, "champion");
        assertTrue(Files.readString(modelDir.resolve("meta.yaml")).startsWith("aliases: {}\n"));
        assertTrue(Files.notExists(modelDir.resolve("aliases/champion")));
    }

    @Test
    void loadingThroughAModelsUriLeavesTheRegisteredModelMetaFileAsMlflowDoes() throws IOException {
        FileTrackingStore store = new FileTrackingStore(tmp.resolve("mlruns"));
        RunInfo run = registerOneVersion(store);
        store.registry().setAlias(MODEL, "champion", "1");
        Path folder = ModelUris.toLocalFolder("models:/" + MODEL + "@champion", store);
        assertEquals(store.downloadArtifacts(run.runId(), "model"), folder, "the run's own folder, nothing copied");
        assertEquals(
                Reference.read(
                        Reference.v2("mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/artifacts/model/"
                                + "registered_model_meta")),
                Files.readString(folder.resolve("registered_model_meta")));
    }

    @Test
    void readsAndExtendsTheRegistryMlflowWrote() throws IOException {
        AtomicFiles.copyTree(Reference.v2("mlruns/models"), tmp.resolve("models"));
        FileModelRegistry registry = new FileModelRegistry(tmp);
        String source =
                "file:///home/user/project/mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/artifacts/model";

        ModelVersion first = registry.getModelVersion(MODEL, "1");
        assertEquals(
                new ModelVersion(MODEL, "1", source, "1ab4c4a276324a57b6c1463fae79ba4f", "READY", "", List.of()),
                first);
        assertEquals(first, registry.latestVersion(MODEL, null));
        assertEquals(first, registry.latestVersion(MODEL, "none"));
        assertEquals(source, registry.downloadUri(MODEL, "1"));

        ModelVersion second = registry.register(MODEL, source, null, ModelRegistry.DEFAULT_AWAIT);
        assertEquals("2", second.version());
        registry.setAlias(MODEL, "champion", "2");
        assertEquals("2", registry.getModelVersionByAlias(MODEL, "champion").version());
        Map<String, Object> meta = PyYaml.load(
                Files.readString(tmp.resolve("models").resolve(MODEL).resolve("meta.yaml")));
        assertEquals(1795884952183L, ((Number) meta.get("creation_timestamp")).longValue(), "creation time kept");
        assertEquals(Map.of("champion", "2"), meta.get("aliases"));
    }

    private static RunInfo registerOneVersion(FileTrackingStore store) throws IOException {
        RunInfo run = store.createRun(
                store.getOrCreateExperiment("file-store-check").experimentId(),
                "file-store-run",
                "root",
                System.currentTimeMillis(),
                Map.of());
        Path model = Files.createDirectories(store.root().resolveSibling("staging/model"));
        Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
        store.logArtifacts(run.runId(), model, "model");
        ModelVersion version = store.registry()
                .register(MODEL, run.artifactUri() + "/model", run.runId(), ModelRegistry.DEFAULT_AWAIT);
        assertEquals("1", version.version());
        return run;
    }

    /** Same keys in the same order on the same lines; values equal, or of the same shape for {@link #BY_SHAPE}. */
    private static void sameLayout(String reference, String ours) {
        assertTrue(ours.endsWith("\n"), "ends with a newline, as PyYAML's");
        List<String> expected = reference.lines().toList();
        List<String> actual = ours.lines().toList();
        assertEquals(
                expected.stream().map(FileRegistryConformanceTest::key).toList(),
                actual.stream().map(FileRegistryConformanceTest::key).toList(),
                ours);
        for (int i = 0; i < expected.size(); i++) {
            String key = key(expected.get(i));
            String want = expected.get(i).substring(key.length());
            String got = actual.get(i).substring(key.length());
            Pattern shape = BY_SHAPE.get(key);
            if (shape != null) {
                assertTrue(shape.matcher(want.substring(2)).matches(), "reference " + key + want);
                assertTrue(shape.matcher(got.substring(2)).matches(), key + got + " is shaped like " + want);
            } else {
                assertEquals(want, got, key);
            }
        }
    }

    private static String key(String line) {
        return line.substring(0, line.indexOf(':'));
    }
}
