package io.mlflow4j.realmlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's six examples against real MLflow, for each installation found (see
 * {@link MlflowInstall}): their folders loaded and predicted by {@code mlflow.pyfunc}, served by
 * {@code mlflow models serve} beside {@code mlflow4j serve}, logged to a real {@code mlflow server},
 * and local stores shared both ways. Without MLflow it says so in one line and runs nothing.
 */
class RealMlflowSuiteTest {
    @TempDir
    static Path work;

    static List<MlflowInstall> installs = List.of();
    /** The examples logged once to a local file store by mlflow4j. */
    static Path localStore;

    static final Map<Example, Example.Logged> localRuns = new EnumMap<>(Example.class);
    static final Map<Example, Path> folders = new EnumMap<>(Example.class);
    static final Map<Example, Map<String, String>> cases = new EnumMap<>(Example.class);
    /** What {@code mlflow4j serve} answered to each case. */
    static final Map<Example, Lazy<Map<String, Http.Reply>>> ours = new EnumMap<>(Example.class);

    static final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void logTheExamples() throws Exception {
        installs = MlflowInstall.find();
        if (installs.isEmpty()) {
            System.out.println("real-MLflow suite: did not run: no MLflow found (set " + MlflowInstall.VARIABLE
                    + " to a folder with bin/mlflow, or put mlflow on the PATH)");
            return;
        }
        System.out.println("real-MLflow suite: running with " + installs);
        localStore = work.resolve("mlruns");
        for (Example example : Example.values()) {
            Example.Logged logged = example.runAgainst(fileUri(localStore), work);
            localRuns.put(example, logged);
            Path folder = Example.folderIn(localStore, logged);
            folders.put(example, folder);
            cases.put(example, ScoringCases.of(Files.readString(folder.resolve("serving_input_example.json"))));
            ours.put(example, new Lazy<>(() -> Servers.askMlflow4j(folder, cases.get(example), work)));
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** Reported as skipped, not as passed, when there is no MLflow to run against. */
    @Test
    void realMlflowIsThere() {
        Assumptions.assumeFalse(installs.isEmpty(), "no real MLflow: the suite did not run");
    }

    @TestFactory
    Stream<DynamicNode> realMlflow() {
        Assumptions.assumeFalse(installs.isEmpty(), "no real MLflow: the suite did not run");
        return installs.stream().map(mlflow -> new VersionCases(mlflow).all());
    }

    /** Every case for one MLflow version, counted so the log says how many ran. */
    private static final class VersionCases {
        private final MlflowInstall mlflow;
        private final AtomicInteger ran = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final Path dir;
        private final Lazy<PythonSide> python;

        VersionCases(MlflowInstall mlflow) {
            this.mlflow = mlflow;
            this.dir = work.resolve("mlflow-" + mlflow.version());
            this.python = new Lazy<>(() -> new PythonSide(mlflow, Files.createDirectories(dir)));
        }

        DynamicNode all() {
            return dynamicContainer(
                    mlflow.toString(),
                    Stream.of(
                            dynamicContainer("pyfunc loads and predicts each folder", foldersCases()),
                            dynamicContainer("mlflow models serve answers as mlflow4j serve", serveCases()),
                            dynamicContainer("a real mlflow server", trackingServerCases()),
                            dynamicContainer("Python reads the local store mlflow4j wrote", localStoreCases()),
                            dynamicContainer(
                                    "mlflow4j adds to a local store Python wrote",
                                    Stream.of(counted(
                                            "runs and versions numbered after Python's", this::javaAddsToPythonStore))),
                            dynamicContainer("MLflow 3's default store, sqlite:///mlflow.db", sqliteCases()),
                            dynamicTest(
                                    "summary",
                                    () -> System.out.println("real-MLflow suite, " + mlflow + ": " + ran.get()
                                            + " cases ran, " + failed.get() + " failed"))));
        }

        /** A case, counted, whose failure names the version and the case (Surefire lists dynamic tests by index only). */
        private DynamicNode counted(String name, Executable test) {
            return dynamicTest(name, () -> {
                ran.incrementAndGet();
                try {
                    test.execute();
                } catch (Throwable t) {
                    failed.incrementAndGet();
                    throw new AssertionError(mlflow + ", " + name + ": " + t.getMessage(), t);
                }
            });
        }

        private Stream<DynamicNode> foldersCases() {
            Lazy<JsonNode> seen = new Lazy<>(() -> {
                Map<String, String> named = new LinkedHashMap<>();
                folders.forEach((e, f) -> named.put(e.label(), f.toString()));
                return python.get().run("folders", PythonSide.spec("folders", named));
            });
            return Stream.of(Example.values())
                    .map(example -> counted("pyfunc " + example.label(), () -> {
                        JsonNode result = ok(seen.get().get(example.label()), example.label());
                        assertTrue(result.get("flavors").toString().contains("python_function"), result::toString);
                        assertTrue(result.get("flavors").toString().contains("java_function"), result::toString);
                        ExpectedPython.assertKindAndDtypes(
                                result.get("signature").get("outputs").asText(), result);
                        SameAnswers.assertSameJson(
                                javaPredictions(example),
                                result.get("predictions").get("predictions"),
                                "predictions");
                    }));
        }

        private Stream<DynamicNode> serveCases() {
            return Stream.of(Example.values()).map(example -> {
                Lazy<Map<String, Http.Reply>> theirs = new Lazy<>(() -> Servers.askMlflow(
                        mlflow, folders.get(example), cases.get(example), Files.createDirectories(dir)));
                return dynamicContainer(
                        example.label(),
                        cases.get(example).keySet().stream()
                                .map(name -> counted(
                                        "serve " + example.label() + " " + name,
                                        () -> SameAnswers.assertSameReply(
                                                theirs.get().get(name),
                                                ours.get(example).get().get(name)))));
            });
        }

        /** The examples logged to a local store written for this MLflow's major version, then read by Python. */
        private Stream<DynamicNode> localStoreCases() {
            Path store = dir.resolve("local").resolve("mlruns");
            Lazy<Map<Example, Example.Logged>> logged = new Lazy<>(() -> {
                Map<Example, Example.Logged> runs = new EnumMap<>(Example.class);
                for (Example example : Example.values()) {
                    runs.put(
                            example,
                            example.runAgainst(
                                    fileUri(store),
                                    Files.createDirectories(dir.resolve("local")),
                                    String.valueOf(mlflow.major())));
                }
                return runs;
            });
            Lazy<JsonNode> seen = new Lazy<>(() -> {
                Map<Example, Example.Logged> runs = logged.get();
                return python.get().run("tracking", trackingSpec(fileUri(store), runs));
            });
            return Stream.concat(
                    storeReadCases("local store", seen, logged, store),
                    Stream.of(counted(
                            "local store: registry tags both ways",
                            () -> RegistryTagCases.bothWays(
                                    python.get(),
                                    fileUri(store),
                                    fileUri(store),
                                    dir,
                                    logged.get().get(Example.IRIS)))));
        }

        private Stream<DynamicNode> trackingServerCases() {
            String[] trackingUri = new String[1];
            Lazy<Map<Example, Example.Logged>> logged = new Lazy<>(() -> {
                Path serverDir = Files.createDirectories(dir.resolve("server"));
                int port = Http.freePort();
                trackingUri[0] = "http://127.0.0.1:" + port;
                toClose.add(Servers.trackingServer(mlflow, serverDir, port));
                Map<Example, Example.Logged> runs = new EnumMap<>(Example.class);
                for (Example example : Example.values()) {
                    runs.put(example, example.runAgainst(trackingUri[0], serverDir));
                }
                return runs;
            });
            Lazy<JsonNode> seen = new Lazy<>(() -> {
                Map<Example, Example.Logged> runs = logged.get();
                return python.get().run("tracking", trackingSpec(trackingUri[0], runs));
            });
            return Stream.concat(
                    storeReadCases("tracking server", seen, logged, null),
                    Stream.of(
                            counted(
                                    "tracking server: mlflow4j on a Python model by runs:/ says why at once",
                                    () -> pythonModelByRunsUri(trackingUri, logged)),
                            counted(
                                    "tracking server: registry tags both ways",
                                    () -> RegistryTagCases.bothWays(
                                            python.get(),
                                            trackingUri[0],
                                            trackingUri[0],
                                            dir,
                                            logged.get().get(Example.IRIS)))));
        }

        /**
         * Both sides on MLflow 3's default store. Only with 3.11.1: mlflow4j writes its database
         * schema, which an older MLflow cannot open and a newer one opens after {@code mlflow db upgrade}.
         */
        private Stream<DynamicNode> sqliteCases() {
            if (!mlflow.version().equals("3.11.1")) {
                System.out.println("real-MLflow suite, " + mlflow
                        + ": no sqlite:///mlflow.db cases (mlflow4j writes 3.11.1's schema)");
                return Stream.of();
            }
            Lazy<SqliteStoreCases> sqlite =
                    new Lazy<>(() -> new SqliteStoreCases(mlflow, dir.resolve("sqlite"), python));
            Lazy<Map<Example, Example.Logged>> logged =
                    new Lazy<>(() -> sqlite.get().javaLogsByDefault());
            Lazy<JsonNode> seenByDefault = new Lazy<>(
                    () -> python.get().run("tracking", trackingSpec(null, logged.get()), sqlite.get().project));
            Lazy<JsonNode> seenThroughServer = new Lazy<>(() -> python.get()
                    .run("tracking", trackingSpec(sqlite.get().serverOnJavasDatabase(toClose), logged.get())));
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(dynamicContainer(
                    "Python's default in the same folder sees mlflow4j's default",
                    storeReadCases("default store", seenByDefault, logged, null)));
            cases.add(dynamicContainer(
                    "mlflow server on mlflow4j's database, without a migration",
                    storeReadCases("server on mlflow4j's database", seenThroughServer, logged, null)));
            cases.add(counted(
                    "Python's default adds to mlflow4j's default, and mlflow4j reads it",
                    () -> sqlite.get().pythonAddsToJavasDefault(logged.get())));
            cases.add(counted(
                    "default store: registry tags both ways",
                    () -> RegistryTagCases.bothWays(
                            python.get(),
                            "sqlite:///" + sqlite.get().project.resolve("mlflow.db"),
                            null,
                            sqlite.get().project,
                            logged.get().get(Example.IRIS))));
            cases.add(counted(
                    "4 Java threads x 200 runs and Python x 200 runs into one mlflow.db at once",
                    () -> sqlite.get().concurrentWriters()));
            for (MlflowInstall older : installs) {
                if (older.major() < 3) {
                    cases.add(counted(
                            "MLflow " + older.version() + "'s database: refused, then used after mlflow db upgrade",
                            () -> sqlite.get().olderDatabaseAfterUpgrade(older)));
                }
            }
            cases.add(counted(
                    "mlflow migrate-filestore moves mlflow4j's file store of the six examples",
                    () -> sqlite.get().migrateFileStore(localStore)));
            return cases.stream();
        }

        /** @param fileStore the local store, or null for a server */
        private Stream<DynamicNode> storeReadCases(
                String store, Lazy<JsonNode> seen, Lazy<Map<Example, Example.Logged>> runs, Path fileStore) {
            return Stream.of(Example.values())
                    .map(example -> counted(store + " " + example.label(), () -> {
                        JsonNode result = ok(seen.get().get(example.label()), example.label());
                        Example.Logged logged = runs.get().get(example);
                        assertEquals(
                                mlflow.major() >= 3,
                                logged.modelId() != null,
                                () -> "a model logged for MLflow " + mlflow.version() + " is " + logged.modelUri());
                        if (logged.modelId() != null) {
                            assertLoggedModel(result, logged, fileStore != null);
                        }
                        assertEquals("FINISHED", result.get("run").get("status").asText());
                        assertEquals(
                                localParams(example), fields(result.get("run").get("params")), "params");
                        assertEquals(
                                localMetricNames(example),
                                fields(result.get("run").get("metrics")).keySet(),
                                "metric names");
                        assertEquals(
                                "READY", result.get("version").get("status").asText());
                        assertEquals(
                                logged.runId(),
                                result.get("version").get("run_id").asText(),
                                "the version's run");
                        assertFalse(result.get("versions").isEmpty(), "registered versions");
                        assertEquals(
                                result.get("versions")
                                        .get(result.get("versions").size() - 1)
                                        .asText(),
                                result.get("champion").asText(),
                                "@champion is the example's new version");
                        result.get("loads").fields().forEachRemaining(load -> {
                            JsonNode prediction = ok(load.getValue(), load.getKey());
                            SameAnswers.assertSameJson(
                                    javaPredictions(example),
                                    prediction.get("predictions").get("predictions"),
                                    load.getKey());
                        });
                    }));
        }

        /**
         * A model Python logged (an MLflow 3 logged model on a 3.x server, so the run's own folder is
         * empty) is found through runs:/ and refused as not an mlflow4j model, without retrying the
         * server's "no such file" answers (which once took 4 minutes).
         */
        private void pythonModelByRunsUri(String[] trackingUri, Lazy<Map<Example, Example.Logged>> logged)
                throws Exception {
            logged.get(); // the server is up
            JsonNode written = python.get()
                    .run(
                            "python_writes",
                            PythonSide.spec(
                                    "tracking_uri",
                                    trackingUri[0],
                                    "experiment",
                                    "python-model",
                                    "registered_name",
                                    "python-model"));
            Path input = Files.writeString(dir.resolve("doubles.json"), "{\"inputs\": [[1.0]]}");
            ProcessBuilder predict = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    System.getProperty("mlflow4j.cli.jar"),
                    "predict",
                    "-m",
                    "runs:/" + written.get("run_id").asText() + "/model",
                    "-i",
                    input.toString());
            predict.environment().keySet().removeIf(k -> k.startsWith("MLFLOW"));
            predict.environment().put("MLFLOW_TRACKING_URI", trackingUri[0]);
            long start = System.nanoTime();
            ChildProcess.Result result = ChildProcess.run(predict, dir, Duration.ofMinutes(5));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("real-MLflow suite, " + mlflow
                    + ": mlflow4j predict on a Python model by runs:/ answered in " + millis + " ms");
            assertEquals(1, result.exit(), result::describe);
            assertTrue(result.stderr().contains("java_function"), result::describe);
            assertTrue(millis < 60_000, "no retries of a missing file: " + millis + " ms");
        }

        /** What MLflow 3's Python API shows of a logged model that mlflow4j logged. */
        /**
         * @param versionKeepsModelId a file store's version keeps the model's id; 3.11.1's SQL store has no
         *     such column (its version links the model through its source alone)
         */
        private void assertLoggedModel(JsonNode result, Example.Logged logged, boolean versionKeepsModelId) {
            JsonNode model = result.get("logged_model");
            assertEquals("READY", model.get("status").asText(), model::toString);
            assertEquals("model", model.get("name").asText());
            assertEquals(logged.runId(), model.get("source_run_id").asText());
            assertEquals(
                    fields(result.get("run").get("params")),
                    fields(model.get("params")),
                    "the run's params on the model");
            assertEquals("LOCAL", model.get("tags").get("mlflow.source.type").asText());
            assertTrue(
                    model.get("tags")
                            .get("mlflow.modelVersions")
                            .asText()
                            .contains("\"" + logged.registeredName() + "\""),
                    model::toString);
            assertTrue(
                    model.get("files").toString().contains("MLmodel"),
                    () -> "files at " + model.get("artifact_location"));
            assertTrue(result.get("search_ids").toString().contains(logged.modelId()), "search_logged_models lists it");
            if (versionKeepsModelId) {
                assertEquals(
                        logged.modelId(), result.get("version").get("model_id").asText(), "the version's model_id");
            }
            assertEquals(
                    "models:/" + logged.modelId(),
                    result.get("version").get("source").asText());
        }

        private void javaAddsToPythonStore() throws Exception {
            Path store = Files.createDirectories(dir.resolve("python-first")).resolve("mlruns");
            JsonNode first = python.get()
                    .run(
                            "python_writes",
                            PythonSide.spec(
                                    "tracking_uri",
                                    fileUri(store),
                                    "experiment",
                                    "iris",
                                    "registered_name",
                                    "iris-classifier"));
            Example.Logged java = Example.IRIS.runAgainst(fileUri(store), dir, String.valueOf(mlflow.major()));
            assertEquals("2", java.version(), "mlflow4j's version comes after Python's version 1");
            JsonNode seen = ok(
                    python.get()
                            .run("tracking", trackingSpec(fileUri(store), Map.of(Example.IRIS, java)))
                            .get(Example.IRIS.label()),
                    "iris");
            assertEquals(
                    first.get("experiment_id").asText(),
                    seen.get("run").get("experiment_id").asText(),
                    "mlflow4j logged into Python's experiment 'iris'");
            List<String> runs = new ArrayList<>();
            seen.get("runs_in_experiment").forEach(r -> runs.add(r.asText()));
            assertTrue(runs.containsAll(List.of(first.get("run_id").asText(), java.runId())), runs::toString);
            assertEquals("[1,2]", seen.get("versions").toString());
            assertEquals("2", seen.get("champion").asText());
            seen.get("loads").fields().forEachRemaining(load -> ok(load.getValue(), load.getKey()));
        }
    }

    private static Map<String, Object> trackingSpec(String trackingUri, Map<Example, Example.Logged> runs) {
        Map<String, Object> models = new LinkedHashMap<>();
        runs.forEach((example, run) -> models.put(
                example.label(),
                PythonSide.spec(
                        "run_id",
                        run.runId(),
                        "registered_name",
                        run.registeredName(),
                        "version",
                        run.version(),
                        "model_id",
                        run.modelId(),
                        "example_folder",
                        folders.get(example).toString())));
        return PythonSide.spec("tracking_uri", trackingUri, "models", models);
    }

    /** What mlflow4j serve answered for the model's own serving example: Java's prediction. */
    private static JsonNode javaPredictions(Example example) {
        Http.Reply reply = ours.get(example).get().get("serving_input_example");
        assertEquals(200, reply.status(), () -> "mlflow4j serve on the serving example: " + reply.body());
        try {
            return ScoringCases.JSON.readTree(reply.body()).get("predictions");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode ok(JsonNode result, String what) {
        assertTrue(result != null, () -> "Python returned nothing for " + what);
        assertFalse(
                result.has("error"),
                () -> what + ": " + result.get("error").asText() + "\n"
                        + result.path("trace").asText());
        return result;
    }

    private static Map<String, String> localParams(Example example) throws IOException {
        return readFolder(runFolder(example).resolve("params"), false);
    }

    private static Set<String> localMetricNames(Example example) throws IOException {
        return readFolder(runFolder(example).resolve("metrics"), true).keySet();
    }

    private static Path runFolder(Example example) throws IOException {
        String runId = localRuns.get(example).runId();
        try (Stream<Path> experiments = Files.list(localStore)) {
            return experiments
                    .map(e -> e.resolve(runId))
                    .filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Map<String, String> readFolder(Path folder, boolean namesOnly) throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    values.put(folder.relativize(file).toString(), namesOnly ? "" : Files.readString(file));
                }
            }
        }
        return values;
    }

    private static Map<String, String> fields(JsonNode node) {
        Map<String, String> values = new TreeMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    static String fileUri(Path store) {
        return "file://" + store.toAbsolutePath();
    }
}
