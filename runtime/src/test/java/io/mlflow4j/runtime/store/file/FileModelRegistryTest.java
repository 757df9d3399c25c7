package io.mlflow4j.runtime.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.MlflowException.ErrorCode;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.ModelVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileModelRegistry} on real temp folders: versions, latest and stages, aliases, names, concurrency. */
class FileModelRegistryTest {
    private static final String SOURCE = "file:///tmp/mlruns/1/0123456789abcdef0123456789abcdef/artifacts/model";

    @TempDir
    Path tmp;

    private FileModelRegistry registry;

    @BeforeEach
    void newRegistry() {
        registry = new FileModelRegistry(tmp);
    }

    @Test
    void versionsCountUpAndLatestIsTheHighestLiveOne() throws IOException {
        for (int i = 1; i <= 3; i++) {
            assertEquals(String.valueOf(i), register("m").version());
        }
        assertEquals("3", registry.latestVersion("m", null).version());

        setStage("m", 2, "Production");
        setStage("m", 3, "Deleted_Internal"); // how MLflow's file store deletes a version
        assertEquals("2", registry.latestVersion("m", null).version());
        assertEquals("2", registry.latestVersion("m", "production").version(), "stages match without regard to case");
        assertEquals("1", registry.latestVersion("m", "None").version());
        assertEquals(ErrorCode.RESOURCE_DOES_NOT_EXIST, code(() -> registry.latestVersion("m", "Staging")));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, code(() -> registry.latestVersion("m", "Shipping")));
        assertEquals(ErrorCode.RESOURCE_DOES_NOT_EXIST, code(() -> registry.getModelVersion("m", "3")));
        assertEquals("4", register("m").version(), "a deleted version's number is not reused");
    }

    @Test
    void aModelUriSourceIsStoredAsGivenAndResolvedForDownloads() {
        register("m");
        ModelVersion copy = registry.register("copy", "models:/m/1", null, ModelRegistry.DEFAULT_AWAIT);
        assertEquals("models:/m/1", copy.source());
        assertEquals(SOURCE, registry.downloadUri("copy", "1"));
    }

    @Test
    void aliasesPointAtLiveVersions() {
        register("m");
        register("m");
        registry.setAlias("m", "champion", "1");
        registry.setAlias("m", "challenger", "2");
        assertEquals(List.of("champion"), registry.getModelVersion("m", "1").aliases());
        registry.setAlias("m", "champion", "2");
        assertEquals(
                List.of("challenger", "champion"),
                registry.getModelVersionByAlias("m", "champion").aliases());
        assertEquals(List.of(), registry.getModelVersion("m", "1").aliases());

        assertEquals(ErrorCode.RESOURCE_DOES_NOT_EXIST, code(() -> registry.setAlias("m", "champion", "7")));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, code(() -> registry.setAlias("m", "champion", "two")));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, code(() -> registry.getModelVersionByAlias("m", "nobody")));
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST, code(() -> registry.getModelVersionByAlias("other", "champion")));
        for (String bad : new String[] {"", "Latest", "v1", "V22", "has space", "a/b", "x".repeat(256)}) {
            assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, code(() -> registry.setAlias("m", bad, "1")), bad);
        }
    }

    @Test
    void namesThatCannotBeFoldersAreRefused() {
        for (String bad : new String[] {"", "a/b", "a\\b", "100%", ".", ".."}) {
            MlflowException e = assertThrows(MlflowException.class, () -> registry.createRegisteredModel(bad), bad);
            assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        }
        assertTrue(Files.notExists(tmp.resolve("models/meta.yaml")));
        registry.createRegisteredModel("Iris classifier v2 (ok)");
        assertTrue(Files.isRegularFile(tmp.resolve("models/Iris classifier v2 (ok)/meta.yaml")));
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST, code(() -> registry.createModelVersion("missing", SOURCE, null)));
    }

    @Test
    void creatingAnExistingRegisteredModelKeepsIt() throws IOException {
        register("m");
        String before = Files.readString(tmp.resolve("models/m/meta.yaml"));
        registry.createRegisteredModel("m");
        assertEquals(before, Files.readString(tmp.resolve("models/m/meta.yaml")));
    }

    @Test
    @Timeout(120)
    void concurrentThreadsGetDistinctVersions() throws Exception {
        int threads = 2;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                FileModelRegistry own = new FileModelRegistry(tmp); // as two Mlflow.store() calls would
                start.await();
                List<String> versions = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    versions.add(own.register("shared", SOURCE, null, ModelRegistry.DEFAULT_AWAIT)
                            .version());
                }
                return versions;
            }));
        }
        start.countDown();
        Set<Integer> all = new TreeSet<>();
        for (Future<List<String>> f : results) {
            for (String v : f.get(100, TimeUnit.SECONDS)) {
                assertTrue(all.add(Integer.valueOf(v)), "version " + v + " given twice");
            }
        }
        pool.shutdown();
        assertEquals(threads * perThread, all.size());
        assertEquals(threads * perThread, ((TreeSet<Integer>) all).last());
        assertEquals(
                String.valueOf(threads * perThread),
                registry.latestVersion("shared", null).version());
    }

    @Test
    @Timeout(180)
    void concurrentProcessesGetDistinctVersions() throws Exception {
        int perProcess = 15;
        Path go = tmp.resolve("go");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (String name : List.of("p1", "p2")) {
            Path out = tmp.resolve(name + ".out");
            outputs.add(out);
            processes.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrossProcessRegistrar.class.getName(),
                            tmp.resolve("mlruns").toString(),
                            "shared",
                            SOURCE,
                            String.valueOf(perProcess),
                            go.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(tmp.resolve(name + ".err").toFile())
                    .start());
        }
        Thread.sleep(300);
        Files.writeString(go, "go");
        Set<Integer> all = new TreeSet<>();
        for (int i = 0; i < processes.size(); i++) {
            assertTrue(processes.get(i).waitFor(170, TimeUnit.SECONDS));
            int p = i;
            assertEquals(
                    0,
                    processes.get(i).exitValue(),
                    () -> "registrar failed: " + read(tmp.resolve("p" + (p + 1) + ".err")));
            for (String v : Files.readAllLines(outputs.get(i))) {
                assertTrue(all.add(Integer.valueOf(v.trim())), "version " + v + " given twice");
            }
        }
        assertEquals(2 * perProcess, all.size());
        assertEquals(2 * perProcess, ((TreeSet<Integer>) all).last());
    }

    private ModelVersion register(String name) {
        return registry.register(name, SOURCE, "0123456789abcdef0123456789abcdef", ModelRegistry.DEFAULT_AWAIT);
    }

    private void setStage(String name, int version, String stage) throws IOException {
        Path file = tmp.resolve("models")
                .resolve(name)
                .resolve("version-" + version)
                .resolve("meta.yaml");
        Map<String, Object> meta = PyYaml.load(Files.readString(file));
        meta.put("current_stage", stage);
        Files.writeString(file, PyYaml.dump(meta));
    }

    private static ErrorCode code(Runnable action) {
        return assertThrows(MlflowException.class, action::run).errorCode();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }
}
