package io.mlflow4j.runtime.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.TrackingStores;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.MlflowException.ErrorCode;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.PythonFloats;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.store.Experiment;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileTrackingStoreTest {
    /** The reference file store: experiment and run that real MLflow 2.17.2 wrote. */
    private static final String REF_EXPERIMENT = "932069789314833687";

    private static final String REF_RUN = "1ab4c4a276324a57b6c1463fae79ba4f";
    private static final String REF_ROOT_URI = "file:///home/user/project/mlruns";

    @TempDir
    Path tmp;

    private Path root;
    private FileTrackingStore store;

    @BeforeEach
    void setUp() {
        root = tmp.resolve("mlruns");
        store = new FileTrackingStore(root);
    }

    private static String ref(String relative) {
        return Reference.read(Reference.v2("mlruns/" + relative));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String rootUri() {
        return "file://" + root.toAbsolutePath().normalize();
    }

    // ---- experiments ----

    @Test
    void defaultExperimentMetaIsWrittenLikeMlflows() {
        long before = System.currentTimeMillis();
        Experiment experiment = store.getExperiment("0");
        long after = System.currentTimeMillis();
        assertEquals(new Experiment("0", "Default", rootUri() + "/0", "active"), experiment);

        String written = read(root.resolve("0/meta.yaml"));
        Map<String, Object> ours = PyYaml.load(written);
        Map<String, Object> reference = PyYaml.load(ref("0/meta.yaml"));
        assertEquals(reference.keySet(), ours.keySet());
        long created = ((Number) ours.get("creation_time")).longValue();
        assertTrue(created >= before && created <= after, "creation_time is epoch millis: " + created);
        // Same text as MLflow's but for the root folder and the time.
        String expected = ref("0/meta.yaml")
                .replace(REF_ROOT_URI, rootUri())
                .replace(String.valueOf(reference.get("creation_time")), String.valueOf(created));
        assertEquals(expected, written);
        assertTrue(written.contains("experiment_id: '0'\n"), "the id is a quoted string");
    }

    @Test
    void experimentByNameIsCreatedAndFound() {
        long before = System.currentTimeMillis();
        String id = store.createExperiment("file-store-check");
        assertTrue(id.matches("[1-9][0-9]{0,17}"), "a numeric id of at most 18 digits: " + id);
        assertEquals(
                id, store.getExperimentByName("file-store-check").orElseThrow().experimentId());
        Experiment byId = store.getExperiment(id);
        assertEquals("file-store-check", byId.name());
        assertEquals(rootUri() + "/" + id, byId.artifactLocation());
        assertTrue(store.getExperimentByName("nope").isEmpty());
        assertTrue(Files.isRegularFile(root.resolve("0/meta.yaml")), "the Default experiment exists too");

        String written = read(root.resolve(id).resolve("meta.yaml"));
        Map<String, Object> ours = PyYaml.load(written);
        assertEquals(id, ours.get("experiment_id"), "read back as a string, not a number");
        long created = ((Number) ours.get("creation_time")).longValue();
        assertTrue(created >= before);
        Map<String, Object> reference = PyYaml.load(ref(REF_EXPERIMENT + "/meta.yaml"));
        String expected = ref(REF_EXPERIMENT + "/meta.yaml")
                .replace(REF_ROOT_URI, rootUri())
                .replace(REF_EXPERIMENT, id)
                .replace(String.valueOf(reference.get("creation_time")), String.valueOf(created));
        assertEquals(expected, written);
    }

    /** MLflow writes {@code pathlib.Path(root).as_uri()}: the path percent-encoded as UTF-8. */
    @Test
    void artifactLocationIsEncodedLikePythonsAsUri() {
        Path odd = tmp.resolve("with space \u00f6+@,%~_-.=;").resolve("mlruns");
        FileTrackingStore oddStore = new FileTrackingStore(odd);
        Experiment experiment = oddStore.getExperiment("0");
        // python3 -c "import pathlib; print(pathlib.PurePosixPath('/x/with space ö+@,%~_-.=;').as_uri())"
        String pythonSuffix = "/with%20space%20%C3%B6%2B%40%2C%25~_-.%3D%3B/mlruns/0";
        assertTrue(experiment.artifactLocation().startsWith("file:///"), experiment.artifactLocation());
        assertTrue(experiment.artifactLocation().endsWith(pythonSuffix), experiment.artifactLocation());
        assertEquals(oddStore.trackingUri() + "/0", experiment.artifactLocation());

        String runId = oddStore.createRun("0", "r", "u", 1, Map.of()).runId();
        Path model = odd.resolveSibling("model-src");
        try {
            Files.createDirectories(model);
            Files.writeString(model.resolve("MLmodel"), "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        oddStore.logArtifacts(runId, model, "model");
        assertEquals(
                odd.resolve("0").resolve(runId).resolve("artifacts/model"), oddStore.downloadArtifacts(runId, "model"));
        assertTrue(Files.isRegularFile(odd.resolve("0").resolve(runId).resolve("artifacts/model/MLmodel")));
        assertEquals(odd.toAbsolutePath(), ((FileTrackingStore) TrackingStores.forUri(oddStore.trackingUri())).root());
    }

    @Test
    void experimentIdsAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String id = store.createExperiment("e" + i);
            assertTrue(id.length() <= 18 && id.matches("\\d+"), id);
            ids.add(id);
        }
        assertEquals(30, ids.size());
    }

    @Test
    void duplicateExperimentNameIsRefused() {
        store.createExperiment("dup");
        MlflowException e = assertThrows(MlflowException.class, () -> store.createExperiment("dup"));
        assertEquals(ErrorCode.RESOURCE_ALREADY_EXISTS, e.errorCode());
        assertEquals(
                ErrorCode.RESOURCE_ALREADY_EXISTS,
                assertThrows(MlflowException.class, () -> store.createExperiment("Default"))
                        .errorCode());
        assertEquals(
                ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(MlflowException.class, () -> store.createExperiment(" "))
                        .errorCode());
    }

    @Test
    void unknownExperimentIsNotFound() {
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> store.getExperiment("12345"))
                        .errorCode());
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> store.getExperiment("../x"))
                        .errorCode());
    }

    // ---- runs ----

    @Test
    void runMetaIsWrittenLikeMlflows() {
        String expId = store.createExperiment("file-store-check");
        Map<String, Object> refMeta = PyYaml.load(ref(REF_EXPERIMENT + "/" + REF_RUN + "/meta.yaml"));
        long start = ((Number) refMeta.get("start_time")).longValue();
        long end = ((Number) refMeta.get("end_time")).longValue();

        RunInfo info = store.createRun(expId, "file-store-run", "root", start, Map.of("team", "java-port"));
        String runId = info.runId();
        assertTrue(runId.matches("[0-9a-f]{32}"), runId);
        assertEquals(RunStatus.RUNNING, info.status());
        Path runDir = root.resolve(expId).resolve(runId);
        String refText = ref(REF_EXPERIMENT + "/" + REF_RUN + "/meta.yaml")
                .replace(REF_ROOT_URI, rootUri())
                .replace(REF_EXPERIMENT, expId)
                .replace(REF_RUN, runId);

        String running = read(runDir.resolve("meta.yaml"));
        assertEquals(refText.replace("end_time: " + end, "end_time: null").replace("status: 3", "status: 1"), running);

        RunInfo finished = store.updateRun(runId, RunStatus.FINISHED, end);
        assertEquals(RunStatus.FINISHED, finished.status());
        String written = read(runDir.resolve("meta.yaml"));
        assertEquals(refText, written);
        assertEquals(refMeta.keySet(), PyYaml.load(written).keySet());
        assertEquals(3, ((Number) PyYaml.load(written).get("status")).intValue());

        RunInfo back = store.getRun(runId);
        assertEquals(
                new RunInfo(
                        runId,
                        expId,
                        "file-store-run",
                        "root",
                        RunStatus.FINISHED,
                        start,
                        end,
                        rootUri() + "/" + expId + "/" + runId + "/artifacts",
                        "active"),
                back);
        assertEquals(back.artifactUri(), store.getExperiment(expId).artifactLocation() + "/" + runId + "/artifacts");

        assertEquals("file-store-run", read(runDir.resolve("tags/mlflow.runName")));
        assertEquals(ref(REF_EXPERIMENT + "/" + REF_RUN + "/tags/team"), read(runDir.resolve("tags/team")));
        for (String dir : List.of("metrics", "params", "tags", "artifacts")) {
            assertTrue(Files.isDirectory(runDir.resolve(dir)), dir);
        }
    }

    @Test
    void unknownRunIsNotFoundAndBadRunIdIsRefused() {
        assertEquals(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> store.getRun("0123456789abcdef0123456789abcdef"))
                        .errorCode());
        assertEquals(
                ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(MlflowException.class, () -> store.getRun("../0")).errorCode());
    }

    // ---- params, metrics, tags ----

    @Test
    void paramsAreWrittenWithoutNewlineAndAreImmutable() {
        String runId = newRun();
        store.logParam(runId, "alpha", "0.5");
        store.logParam(runId, "solver", "lbfgs");
        Path params = runDir(runId).resolve("params");
        assertEquals(ref(REF_EXPERIMENT + "/" + REF_RUN + "/params/alpha"), read(params.resolve("alpha")));
        assertEquals(ref(REF_EXPERIMENT + "/" + REF_RUN + "/params/solver"), read(params.resolve("solver")));
        assertEquals("0.5", read(params.resolve("alpha")));

        store.logParam(runId, "alpha", "0.5"); // the same value again is fine
        MlflowException e = assertThrows(MlflowException.class, () -> store.logParam(runId, "alpha", "0.6"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        assertEquals("0.5", read(params.resolve("alpha")), "unchanged");
    }

    @Test
    void metricLinesMatchMlflowsFile() {
        String runId = newRun();
        // The values, timestamps and steps MLflow logged into the reference file.
        List<String[]> lines = new ArrayList<>();
        for (String line : ref(REF_EXPERIMENT + "/" + REF_RUN + "/metrics/loss").split("\n")) {
            lines.add(line.split(" "));
        }
        assertEquals(3, lines.size());
        for (String[] l : lines) {
            store.logMetric(runId, "loss", Double.parseDouble(l[1]), Long.parseLong(l[0]), Long.parseLong(l[2]));
        }
        assertEquals(
                ref(REF_EXPERIMENT + "/" + REF_RUN + "/metrics/loss"),
                read(runDir(runId).resolve("metrics/loss")));

        store.logMetric(runId, "rmse", 0.75, 1795884950372L, 0);
        assertEquals(
                ref(REF_EXPERIMENT + "/" + REF_RUN + "/metrics/rmse"),
                read(runDir(runId).resolve("metrics/rmse")));

        store.logMetric(runId, "nested/metric", 1e16, 5, 7);
        store.logMetric(runId, "nested/metric", Double.NaN, 6, 8);
        assertEquals("5 1e+16 7\n6 nan 8\n", read(runDir(runId).resolve("metrics/nested/metric")));
    }

    @Test
    void tagsAreWrittenAndRead() {
        String runId = newRun();
        store.setTag(runId, "team", "java-port");
        store.setTag(runId, "team", "jvm"); // tags may change
        store.setTag(runId, "a/b", "nested");
        assertEquals("jvm", read(runDir(runId).resolve("tags/team")));
        Map<String, String> tags = store.getTags(runId);
        assertEquals("jvm", tags.get("team"));
        assertEquals("nested", tags.get("a/b"));
        assertEquals("r", tags.get("mlflow.runName"));
        assertEquals("LOCAL", tags.get("mlflow.source.type"));
    }

    @Test
    void invalidKeysAreRefused() {
        String runId = newRun();
        for (String key : List.of("../x", "/abs", "a/../../b", "..", "x/..", "a//b", "", "bad:key", "a\\b")) {
            assertEquals(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    assertThrows(MlflowException.class, () -> store.logParam(runId, key, "v"), key)
                            .errorCode(),
                    key);
            assertEquals(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    assertThrows(MlflowException.class, () -> store.logMetric(runId, key, 1, 1, 0), key)
                            .errorCode(),
                    key);
            assertEquals(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    assertThrows(MlflowException.class, () -> store.setTag(runId, key, "v"), key)
                            .errorCode(),
                    key);
        }
        assertEquals(
                ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(MlflowException.class, () -> store.logParam(runId, "k".repeat(251), "v"))
                        .errorCode());
        assertFalse(Files.exists(tmp.resolve("x")));
        assertFalse(Files.exists(Paths.get("/abs")));
        try (Stream<Path> files = Files.list(runDir(runId).resolve("params"))) {
            assertEquals(0, files.count());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- log-model history ----

    @Test
    void logModelHistoryAppendsPythonJson() {
        String runId = newRun();
        String refHistory = ref(REF_EXPERIMENT + "/" + REF_RUN + "/tags/mlflow.log-model.history");
        List<Object> refEntries = PythonJson.parseArray(refHistory);
        assertEquals(1, refEntries.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) refEntries.get(0));
        assertEquals(
                List.of("run_id", "artifact_path", "utc_time_created", "model_uuid", "flavors"),
                List.copyOf(entry.keySet()));
        entry.put("run_id", runId);

        store.recordLoggedModel(runId, entry);
        Path tag = runDir(runId).resolve("tags").resolve(FileTrackingStore.LOG_MODEL_HISTORY);
        assertEquals(refHistory.replace(REF_RUN, runId), read(tag), "the same text MLflow wrote, for our run");

        Map<String, Object> second = new LinkedHashMap<>(entry);
        second.put("artifact_path", "model2");
        store.recordLoggedModel(runId, second);
        String two = read(tag);
        String first = refHistory.replace(REF_RUN, runId);
        assertEquals(first.substring(0, first.length() - 1) + ", " + PythonJson.dumps(second) + "]", two);
        List<Object> parsed = PythonJson.parseArray(two);
        assertEquals(2, parsed.size());
        assertEquals("model2", ((Map<?, ?>) parsed.get(1)).get("artifact_path"));
        assertEquals(two, store.getTags(runId).get(FileTrackingStore.LOG_MODEL_HISTORY));
    }

    // ---- artifacts ----

    @Test
    void logArtifactsCopiesAFolderUnderThePath() throws IOException {
        String runId = newRun();
        Path model = folder("model", Map.of("MLmodel", "flavors: {}\n", "data/weights.json", "[1, 2]"));
        store.logArtifacts(runId, model, "model");
        Path artifacts = runDir(runId).resolve("artifacts");
        assertEquals(
                Map.of("model/MLmodel", "flavors: {}\n", "model/data/weights.json", "[1, 2]"), contents(artifacts));
        assertEquals(artifacts.resolve("model"), store.downloadArtifacts(runId, "model"));
        assertTrue(Files.isRegularFile(model.resolve("MLmodel")), "the source is left alone");

        Path file = Files.writeString(tmp.resolve("config.json"), "{}");
        store.logArtifact(runId, file, "extra");
        assertEquals("{}", read(artifacts.resolve("extra/config.json")));
    }

    @Test
    void logArtifactsToAnExistingPathFailsAndChangesNothing() throws IOException {
        String runId = newRun();
        store.logArtifacts(runId, folder("v1", Map.of("MLmodel", "one", "a.txt", "a")), "model");
        Path artifacts = runDir(runId).resolve("artifacts");
        Map<String, String> before = contents(artifacts);

        Path other = folder("v2", Map.of("MLmodel", "two", "b.txt", "b"));
        MlflowException e = assertThrows(MlflowException.class, () -> store.logArtifacts(runId, other, "model"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        assertEquals(before, contents(artifacts));
        assertEquals(Set.of("model"), children(artifacts), "no staging folder left behind");
    }

    /** Logging to the artifact root adds the folder's entries there; one that exists refuses the whole call. */
    @Test
    void logArtifactsToTheRootIsAllOrNothingToo() throws IOException {
        String runId = newRun();
        store.logArtifacts(runId, folder("first", Map.of("plots/a.png", "A", "notes.txt", "n")), "");
        Path artifacts = runDir(runId).resolve("artifacts");
        assertEquals(Map.of("plots/a.png", "A", "notes.txt", "n"), contents(artifacts));

        store.logArtifacts(runId, folder("second", Map.of("report.txt", "r")), null);
        Map<String, String> before = contents(artifacts);
        assertEquals(Map.of("plots/a.png", "A", "notes.txt", "n", "report.txt", "r"), before);

        Path clashing = folder("third", Map.of("aaa.txt", "new", "plots/b.png", "B", "zzz.txt", "new"));
        MlflowException e = assertThrows(MlflowException.class, () -> store.logArtifacts(runId, clashing, ""));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        assertTrue(e.getMessage().contains("plots"), e.getMessage());
        assertEquals(before, contents(artifacts), "nothing of the refused folder was added");
        assertEquals(Set.of("plots", "notes.txt", "report.txt"), children(artifacts));
    }

    @Test
    void logArtifactsThatFailMidwayLeaveNothingBehind() throws IOException {
        String runId = newRun();
        Path source = folder("broken", Map.of("a.txt", "a", "sub/b.txt", "b", "z.txt", "z"));
        Files.createSymbolicLink(source.resolve("sub/dangling"), tmp.resolve("does-not-exist"));
        assertThrows(RuntimeException.class, () -> store.logArtifacts(runId, source, "model"));
        Path artifacts = runDir(runId).resolve("artifacts");
        assertEquals(Set.of(), children(artifacts), "neither the target nor a staging folder remains");
        store.logArtifacts(runId, folder("good", Map.of("MLmodel", "ok")), "model");
        assertEquals(Map.of("model/MLmodel", "ok"), contents(artifacts));
    }

    @Test
    void invalidArtifactPathsAreRefused() throws IOException {
        String runId = newRun();
        Path model = folder("m", Map.of("f", "x"));
        for (String path : List.of("../x", "/abs", "a/../../x", "a\\b")) {
            assertEquals(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    assertThrows(MlflowException.class, () -> store.logArtifacts(runId, model, path), path)
                            .errorCode());
            assertEquals(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    assertThrows(MlflowException.class, () -> store.logArtifact(runId, model.resolve("f"), path), path)
                            .errorCode());
        }
        assertEquals(Set.of(), children(runDir(runId).resolve("artifacts")));
        assertFalse(Files.exists(runDir(runId).resolve("x")));
    }

    // ---- reading what MLflow wrote ----

    @Test
    void readsTheReferenceStoreAndKeepsItsFormat() throws IOException {
        Path copy = tmp.resolve("reference-mlruns");
        AtomicFiles.copyTree(Reference.v2("mlruns"), copy);
        FileTrackingStore reference = new FileTrackingStore(copy);
        Experiment experiment =
                reference.getExperimentByName("file-store-check").orElseThrow();
        assertEquals(REF_EXPERIMENT, experiment.experimentId());
        assertEquals(REF_ROOT_URI + "/" + REF_EXPERIMENT, experiment.artifactLocation());
        RunInfo run = reference.getRun(REF_RUN);
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("file-store-run", run.runName());
        assertEquals("root", run.userId());
        Map<String, String> tags = reference.getTags(REF_RUN);
        assertEquals(
                Set.of(
                        "mlflow.log-model.history",
                        "team",
                        "mlflow.source.type",
                        "mlflow.runName",
                        "mlflow.source.name",
                        "mlflow.user"),
                tags.keySet());

        // Rewriting the run's meta (as ending it does) gives MLflow's text back.
        String before = read(copy.resolve(REF_EXPERIMENT + "/" + REF_RUN + "/meta.yaml"));
        reference.updateRun(REF_RUN, RunStatus.FINISHED, run.endTime());
        assertEquals(before, read(copy.resolve(REF_EXPERIMENT + "/" + REF_RUN + "/meta.yaml")));
        assertEquals(Set.of("0", REF_EXPERIMENT), experimentNamesById(copy).keySet(), "models/ is not an experiment");
    }

    // ---- concurrency ----

    @Test
    @Timeout(120)
    void concurrentThreadsCreateOneExperimentAndIntactMetricLines() throws Exception {
        int threads = 8;
        int runsPerThread = 20;
        int metricsPerThread = 50;
        String shared = store.createRun(store.getExperiment("0").experimentId(), "shared", "u", 1, Map.of())
                .runId();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                FileTrackingStore own = new FileTrackingStore(root); // a store per thread, same folder
                start.await();
                List<String> experimentIds = new ArrayList<>();
                for (int r = 0; r < runsPerThread; r++) {
                    Experiment e = own.getOrCreateExperiment("concurrent");
                    experimentIds.add(e.experimentId());
                    own.createRun(
                            e.experimentId(), "run-" + thread + "-" + r, "u", System.currentTimeMillis(), Map.of());
                }
                for (int m = 0; m < metricsPerThread; m++) {
                    own.logMetric(shared, "shared_metric", thread + m / 1000.0, 1000L * thread + m, m);
                }
                return experimentIds;
            }));
        }
        start.countDown();
        Set<String> seen = new HashSet<>();
        for (Future<List<String>> f : results) {
            seen.addAll(f.get(100, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(1, seen.size(), "every thread got the same experiment: " + seen);
        String expId = seen.iterator().next();
        Map<String, String> names = experimentNamesById(root);
        assertEquals(1, names.values().stream().filter("concurrent"::equals).count(), names.toString());
        try (Stream<Path> runs = Files.list(root.resolve(expId))) {
            assertEquals(
                    threads * runsPerThread, runs.filter(Files::isDirectory).count());
        }

        List<String> lines = Files.readAllLines(runDir(shared).resolve("metrics/shared_metric"));
        assertEquals(threads * metricsPerThread, lines.size());
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            for (int m = 0; m < metricsPerThread; m++) {
                expected.add((1000L * t + m) + " " + PythonFloats.repr(t + m / 1000.0) + " " + m);
            }
        }
        assertEquals(expected, new HashSet<>(lines), "every line intact");
    }

    @Test
    @Timeout(180)
    void concurrentProcessesCreateOneExperimentAndKeepEveryHistoryEntry() throws Exception {
        int perProcess = 200;
        String shared = store.createRun(store.getExperiment("0").experimentId(), "shared", "u", 1, Map.of())
                .runId();
        Path go = tmp.resolve("go");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (String writer : List.of("w1", "w2")) {
            Path out = tmp.resolve(writer + ".out");
            outputs.add(out);
            ProcessBuilder pb = new ProcessBuilder(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    CrossProcessWriter.class.getName(),
                    root.toString(),
                    "cross-process",
                    shared,
                    writer,
                    String.valueOf(perProcess),
                    go.toString());
            pb.redirectOutput(out.toFile());
            pb.redirectError(tmp.resolve(writer + ".err").toFile());
            processes.add(pb.start());
        }
        Thread.sleep(300); // let both JVMs start and wait for the signal
        Files.writeString(go, "go");
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertTrue(p.waitFor(170, TimeUnit.SECONDS), "writer " + i + " finished");
            assertEquals(
                    0,
                    p.exitValue(),
                    () -> "writer failed: " + read(tmp.resolve("w1.err")) + read(tmp.resolve("w2.err")));
        }

        Map<String, String> names = experimentNamesById(root);
        List<String> crossIds = names.entrySet().stream()
                .filter(e -> e.getValue().equals("cross-process"))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(1, crossIds.size(), names.toString());
        for (Path out : outputs) {
            assertEquals("experiment_id=" + crossIds.get(0), read(out).trim());
        }

        String history = read(runDir(shared).resolve("tags").resolve(FileTrackingStore.LOG_MODEL_HISTORY));
        List<Object> entries = PythonJson.parseArray(history);
        assertEquals(2 * perProcess, entries.size());
        Map<String, List<String>> byWriter = new TreeMap<>();
        for (Object entry : entries) {
            Map<?, ?> e = (Map<?, ?>) entry;
            byWriter.computeIfAbsent((String) e.get("model_uuid"), k -> new ArrayList<>())
                    .add((String) e.get("artifact_path"));
        }
        for (String writer : List.of("w1", "w2")) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perProcess; i++) {
                expected.add(writer + "/" + i);
            }
            assertEquals(expected, byWriter.get(writer), "all entries of " + writer + ", in order");
        }
        assertEquals(history, PythonJson.dumps(entries), "json.dumps text");
    }

    // ---- helpers ----

    private String newRun() {
        return store.createRun("0", "r", "u", System.currentTimeMillis(), Map.of("mlflow.source.type", "LOCAL"))
                .runId();
    }

    private Path runDir(String runId) {
        return root.resolve(store.getRun(runId).experimentId()).resolve(runId);
    }

    private Path folder(String name, Map<String, String> files) throws IOException {
        Path dir = tmp.resolve("src").resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return dir;
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                result.put(dir.relativize(f).toString().replace(File.separatorChar, '/'), read(f));
            }
        }
        return result;
    }

    private static Set<String> children(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            files.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    private static Map<String, String> experimentNamesById(Path mlruns) throws IOException {
        Map<String, String> names = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(mlruns)) {
            for (Path d : dirs.toList()) {
                Path meta = d.resolve("meta.yaml");
                if (d.getFileName().toString().matches("\\d+") && Files.isRegularFile(meta)) {
                    Map<String, Object> m = PyYaml.load(read(meta));
                    assertNotEquals(null, m.get("name"));
                    names.put((String) m.get("experiment_id"), (String) m.get("name"));
                }
            }
        }
        return names;
    }
}
