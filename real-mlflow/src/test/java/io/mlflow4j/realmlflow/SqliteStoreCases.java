package io.mlflow4j.realmlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.store.ModelVersion;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.sqlite.SqliteTrackingStore;
import io.mlflow4j.runtime.uri.ModelUris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * MLflow 3's default store, {@code sqlite:///mlflow.db}, shared by mlflow4j and real MLflow 3.11.1:
 * each side with its default in one folder, {@code mlflow server} on mlflow4j's database, writers
 * at once, a database of an older MLflow, and {@code mlflow migrate-filestore} on mlflow4j's file store.
 */
final class SqliteStoreCases {
    private final MlflowInstall mlflow;
    private final Path dir;
    private final Lazy<PythonSide> python;
    /** The folder where both sides use their default store. */
    final Path project;

    SqliteStoreCases(MlflowInstall mlflow, Path dir, Lazy<PythonSide> python) throws Exception {
        this.mlflow = mlflow;
        this.dir = Files.createDirectories(dir);
        this.python = python;
        this.project = Files.createDirectories(dir.resolve("project"));
    }

    /** The six examples with no MLFLOW_TRACKING_URI in an empty folder: mlflow4j creates {@code mlflow.db}. */
    Map<Example, Example.Logged> javaLogsByDefault() throws Exception {
        Map<Example, Example.Logged> runs = new EnumMap<>(Example.class);
        for (Example example : Example.values()) {
            runs.put(example, example.runAgainst(null, project));
        }
        assertTrue(Files.isRegularFile(project.resolve("mlflow.db")), "mlflow4j's default made ./mlflow.db");
        try (Stream<Path> children = Files.list(project.resolve("mlruns"))) {
            assertFalse(
                    children.anyMatch(d -> Files.exists(d.resolve("meta.yaml"))),
                    "no experiment meta.yaml under ./mlruns, so MLflow keeps choosing mlflow.db");
        }
        return runs;
    }

    /** Python with its default in the same folder: the run, the version, and mlflow4j's default reads it back. */
    void pythonAddsToJavasDefault(Map<Example, Example.Logged> javaRuns) throws Exception {
        JsonNode written = python.get()
                .run(
                        "python_writes",
                        PythonSide.spec(
                                "tracking_uri", null, "experiment", "iris", "registered_name", "iris-classifier"),
                        project);
        assertEquals(
                "sqlite:///" + project.resolve("mlflow.db"),
                written.get("tracking_uri").asText());
        assertEquals("2", written.get("version").asText(), "Python's version comes after mlflow4j's version 1");
        SqliteTrackingStore ours = new SqliteTrackingStore(project.resolve("mlflow.db"), project.resolve("mlruns"));
        String pythonRun = written.get("run_id").asText();
        RunInfo run = ours.getRun(pythonRun);
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals(
                javaRuns.get(Example.IRIS).runId(),
                ours.registry().getModelVersion("iris-classifier", "1").runId());
        assertEquals(
                written.get("experiment_id").asText(),
                ours.getRun(javaRuns.get(Example.IRIS).runId()).experimentId(),
                "one experiment 'iris' for both");
        assertEquals(Map.of("written_by", "python"), ours.getParams(pythonRun));
        ModelVersion second = ours.registry().getModelVersion("iris-classifier", "2");
        assertEquals(pythonRun, second.runId());
        assertTrue(
                Files.isRegularFile(ModelUris.toLocalFolder("models:/iris-classifier/2", ours)
                        .resolve("MLmodel")),
                "mlflow4j finds the files of Python's version");
    }

    /** {@code mlflow server --backend-store-uri sqlite:///...} on mlflow4j's database: no migration, the schema untouched. */
    String serverOnJavasDatabase(List<AutoCloseable> toClose) throws Exception {
        Path db = project.resolve("mlflow.db");
        String schemaBefore = schema(db);
        int port = Http.freePort();
        ChildProcess server = Servers.trackingServerOn(mlflow, db, dir, port);
        toClose.add(server);
        ChildProcess.Result log = server.output();
        String output = log.stdout() + log.stderr();
        assertFalse(
                output.contains("Updating database tables") || output.contains("Creating initial MLflow database"),
                () -> "mlflow server migrated mlflow4j's database:\n" + output);
        assertEquals(schemaBefore, schema(db), "the schema and revision mlflow4j wrote are MLflow's own");
        return "http://127.0.0.1:" + port;
    }

    /** 4 Java threads × 200 runs and a Python process × 200 runs into one {@code mlflow.db} at once. */
    void concurrentWriters() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("concurrent"));
        Path db = folder.resolve("mlflow.db");
        int threads = 4;
        int javaRuns = 200;
        int pythonRuns = 200;
        int steps = 5;
        new SqliteTrackingStore(db, folder.resolve("mlruns")).getOrCreateExperiment("shared");
        Path ready = folder.resolve("python-ready");
        Path go = folder.resolve("go");
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            Future<JsonNode> pythonSide = pool.submit(() -> python.get()
                    .run(
                            "log_runs",
                            PythonSide.spec(
                                    "tracking_uri",
                                    "sqlite:///" + db,
                                    "experiment",
                                    "shared",
                                    "runs",
                                    pythonRuns,
                                    "steps",
                                    steps,
                                    "ready_file",
                                    ready.toString(),
                                    "go_file",
                                    go.toString()),
                            folder));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!Files.exists(ready) && System.nanoTime() < deadline && !pythonSide.isDone()) {
                Thread.sleep(50);
            }
            Files.writeString(go, "go");
            List<Future<?>> javaSide = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                javaSide.add(pool.submit(() -> {
                    SqliteTrackingStore store = new SqliteTrackingStore(db, folder.resolve("mlruns"));
                    String experiment = store.getOrCreateExperiment("shared").experimentId();
                    for (int r = 0; r < javaRuns; r++) {
                        RunInfo run =
                                store.createRun(experiment, "java-" + r, "java", System.currentTimeMillis(), Map.of());
                        store.logParam(run.runId(), "writer", "java");
                        for (int step = 0; step < steps; step++) {
                            store.logMetric(run.runId(), "m", step, System.currentTimeMillis(), step);
                        }
                        store.updateRun(run.runId(), RunStatus.FINISHED, System.currentTimeMillis());
                    }
                    return null;
                }));
            }
            for (Future<?> f : javaSide) {
                f.get(20, TimeUnit.MINUTES);
            }
            assertEquals(
                    pythonRuns,
                    pythonSide.get(20, TimeUnit.MINUTES).get("run_ids").size());
        } finally {
            pool.shutdownNow();
        }
        int total = threads * javaRuns + pythonRuns;
        assertEquals(total, count(db, "SELECT COUNT(*) FROM runs WHERE status = 'FINISHED'"), "finished runs");
        assertEquals(total, count(db, "SELECT COUNT(*) FROM params WHERE key = 'writer'"), "params");
        assertEquals(total * steps, count(db, "SELECT COUNT(*) FROM metrics"), "metric values");
        assertEquals(
                total, count(db, "SELECT COUNT(*) FROM latest_metrics WHERE step = " + (steps - 1)), "latest metrics");
    }

    /**
     * A database MLflow 2.17.2 made is refused with MLflow's remedy; after 3.11.1's
     * {@code mlflow db upgrade}, mlflow4j writes to it and 3.11.1 reads what it wrote.
     */
    void olderDatabaseAfterUpgrade(MlflowInstall older) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("from-" + older.version()));
        String uri = "sqlite:///" + folder.resolve("old.db");
        new PythonSide(older, folder)
                .run(
                        "python_writes",
                        PythonSide.spec(
                                "tracking_uri", uri, "experiment", "iris", "registered_name", "iris-classifier"),
                        folder);
        try {
            Example.IRIS.runAgainst(uri, folder);
            throw new IllegalStateException(
                    "mlflow4j wrote to MLflow " + older.version() + "'s database without an upgrade");
        } catch (AssertionError refused) {
            assertTrue(refused.getMessage().contains("'mlflow db upgrade " + uri + "'"), refused::getMessage);
        }
        ChildProcess.Result upgrade =
                ChildProcess.run(mlflow.command("mlflow", "db", "upgrade", uri), folder, Duration.ofMinutes(5));
        assertEquals(0, upgrade.exit(), upgrade::describe);
        Example.Logged logged = Example.IRIS.runAgainst(uri, folder);
        assertEquals("2", logged.version(), "after the version MLflow " + older.version() + " registered");
        JsonNode seen = python.get()
                .run(
                        "tracking",
                        PythonSide.spec(
                                "tracking_uri",
                                uri,
                                "models",
                                Map.of(
                                        "iris",
                                        PythonSide.spec(
                                                "run_id",
                                                logged.runId(),
                                                "registered_name",
                                                "iris-classifier",
                                                "version",
                                                "2",
                                                "model_id",
                                                logged.modelId(),
                                                "example_folder",
                                                RealMlflowSuiteTest.folders
                                                        .get(Example.IRIS)
                                                        .toString()))),
                        folder)
                .get("iris");
        assertFalse(seen.has("error"), seen::toString);
        assertEquals("FINISHED", seen.get("run").get("status").asText());
        assertEquals("[1,2]", seen.get("versions").toString());
        assertEquals("2", seen.get("champion").asText());
        seen.get("loads")
                .fields()
                .forEachRemaining(load ->
                        assertFalse(load.getValue().has("error"), () -> load.getKey() + ": " + load.getValue()));
    }

    /** {@code mlflow migrate-filestore} on mlflow4j's file store of the six examples: 6 runs, 6 models with aliases. */
    void migrateFileStore(Path fileStore) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrated"));
        Path db = folder.resolve("migrated.db");
        String uri = "sqlite:///" + db;
        ChildProcess.Result migrate = ChildProcess.run(
                mlflow.command(
                        "mlflow",
                        "migrate-filestore",
                        "--source",
                        fileStore.toString(),
                        "--target",
                        uri,
                        "--no-progress"),
                folder,
                Duration.ofMinutes(10));
        assertEquals(0, migrate.exit(), migrate::describe);
        assertTrue(migrate.stdout().contains("Migration summary"), migrate::describe);
        JsonNode summary = python.get().run("store_summary", PythonSide.spec("tracking_uri", uri), folder);
        assertEquals(Example.values().length, summary.get("runs").size(), summary::toString);
        assertEquals("[\"FINISHED\"]", summary.get("statuses").toString());
        assertEquals(Example.values().length, summary.get("registered").size(), summary::toString);
        SqliteTrackingStore ours = new SqliteTrackingStore(db, folder.resolve("mlruns"));
        summary.get("registered").fields().forEachRemaining(model -> {
            assertTrue(model.getValue().get("aliases").has("champion"), model::toString);
            Path files = ModelUris.toLocalFolder("models:/" + model.getKey() + "@champion", ours);
            assertTrue(
                    Files.isRegularFile(files.resolve("MLmodel")),
                    "mlflow4j loads " + model.getKey() + " from the migrated database");
        });
    }

    private static String schema(Path db) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
                while (r.next()) {
                    text.append(r.getString(1))
                            .append(' ')
                            .append(r.getString(2))
                            .append(' ')
                            .append(r.getString(3))
                            .append('\n');
                }
            }
            try (ResultSet r = s.executeQuery("SELECT version_num FROM alembic_version")) {
                text.append("revision ").append(r.next() ? r.getString(1) : null);
            }
        }
        return text.toString();
    }

    private static int count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
