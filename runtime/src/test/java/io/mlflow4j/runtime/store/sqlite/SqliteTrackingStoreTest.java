package io.mlflow4j.runtime.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.MlflowVersionSetting;
import io.mlflow4j.runtime.TrackingStores;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.store.LogBatch;
import io.mlflow4j.runtime.store.Metric;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store's rules: MLflow's for params, metrics and batches, revisions, concurrency and the default store. */
class SqliteTrackingStoreTest {
    @TempDir
    Path dir;

    private SqliteTrackingStore store() {
        return new SqliteTrackingStore(dir.resolve("mlflow.db"), dir.resolve("mlruns"));
    }

    private RunInfo newRun(SqliteTrackingStore store) {
        String experiment = store.getOrCreateExperiment("exp").experimentId();
        return store.createRun(experiment, "r", "me", System.currentTimeMillis(), Map.of());
    }

    @Test
    void aParamKeepsItsValueAndAFailedBatchWritesNothing() throws Exception {
        SqliteTrackingStore store = store();
        RunInfo run = newRun(store);
        store.logParam(run.runId(), "alpha", "0.5");
        store.logParam(run.runId(), "alpha", "0.5"); // the same value again is fine, as in MLflow
        MlflowException changed = assertThrows(
                MlflowException.class,
                () -> store.logBatch(
                        run.runId(),
                        new LogBatch(
                                List.of(new Metric("loss", 1, 1, 0)),
                                List.of(Map.entry("beta", "1"), Map.entry("alpha", "0.7")),
                                List.of(Map.entry("t", "v")))));
        assertTrue(changed.getMessage().contains("Changing param values is not allowed"), changed.getMessage());
        assertEquals(Map.of("alpha", "0.5"), store.getParams(run.runId()), "beta of the failed batch is not there");
        assertTrue(!store.getTags(run.runId()).containsKey("t"), "nor its tag");
        try (Connection c = SqliteConformanceTest.open(store.databaseFile())) {
            assertEquals(0, ((Number) Sql.value(c, "SELECT COUNT(*) FROM metrics")).intValue(), "nor its metric");
        }
    }

    @Test
    void metricsKeepEveryStepOnceAndTheLatestByStepThenTimeThenValue() throws Exception {
        SqliteTrackingStore store = store();
        RunInfo run = newRun(store);
        String id = run.runId();
        store.logMetric(id, "loss", 0.5, 100, 5);
        store.logMetric(id, "loss", 0.5, 100, 5); // the same metric twice is stored once, as MLflow dedups
        store.logMetric(id, "loss", 0.9, 200, 3); // a later time at an earlier step is not the latest
        store.logMetric(id, "nan", Double.NaN, 1, 0);
        store.logMetric(id, "inf", Double.POSITIVE_INFINITY, 1, 0);
        try (Connection c = SqliteConformanceTest.open(store.databaseFile())) {
            assertEquals(2, ((Number) Sql.value(c, "SELECT COUNT(*) FROM metrics WHERE key = 'loss'")).intValue());
            assertEquals(
                    Map.of("key", "loss", "value", 0.5, "timestamp", 100, "step", 5, "is_nan", 0, "run_uuid", id),
                    Sql.row(c, "SELECT * FROM latest_metrics WHERE key = 'loss'")
                            .orElseThrow());
            assertEquals(
                    List.of(0.0, 1),
                    List.copyOf(Sql.row(c, "SELECT value, is_nan FROM metrics WHERE key = 'nan'")
                            .orElseThrow()
                            .values()));
            assertEquals(Double.MAX_VALUE, Sql.value(c, "SELECT value FROM latest_metrics WHERE key = 'inf'"));
        }
    }

    @Test
    void theRunNameTagRenamesTheRunAndTagsAreReplaced() {
        SqliteTrackingStore store = store();
        RunInfo run = newRun(store);
        store.setTag(run.runId(), "t", "1");
        store.setTag(run.runId(), "t", "2");
        store.setTag(run.runId(), "mlflow.runName", "renamed");
        assertEquals("2", store.getTags(run.runId()).get("t"));
        assertEquals("renamed", store.getRun(run.runId()).runName());
        RunInfo ended = store.updateRun(run.runId(), RunStatus.FINISHED, 42L);
        assertEquals(RunStatus.FINISHED, ended.status());
        assertEquals(42L, ended.endTime());
    }

    @Test
    void experimentsAreFoundByNameAndNumberedAfterDefault() {
        SqliteTrackingStore store = store();
        assertEquals("Default", store.getExperiment("0").name());
        assertEquals(
                dir.resolve("mlruns/0").toString(), store.getExperiment("0").artifactLocation());
        String id = store.createExperiment("first");
        assertEquals("1", id);
        assertEquals(id, store.getOrCreateExperiment("first").experimentId());
        assertEquals("2", store.getOrCreateExperiment("second").experimentId());
        MlflowException taken = assertThrows(MlflowException.class, () -> store.createExperiment("first"));
        assertEquals(MlflowException.ErrorCode.RESOURCE_ALREADY_EXISTS, taken.errorCode());
        assertEquals(
                MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST,
                assertThrows(MlflowException.class, () -> store.getExperiment("77"))
                        .errorCode());
    }

    @Test
    void anOlderMlflowsDatabaseIsRefusedWithTheUpgradeCommand() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = SqliteConformanceTest.open(db)) {
            Sql.execute(c, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
            Sql.update(c, "INSERT INTO alembic_version VALUES ('f5a4f2784254')"); // MLflow 2.17.2's head
        }
        SqliteTrackingStore store = new SqliteTrackingStore(db, dir.resolve("mlruns"));
        MlflowException e = assertThrows(MlflowException.class, () -> store.getExperiment("0"));
        assertTrue(e.getMessage().contains("found version f5a4f2784254, but expected c3d6457b6d8a"), e.getMessage());
        assertTrue(e.getMessage().contains("'mlflow db upgrade " + SqliteUris.toUri(db) + "'"), e.getMessage());
    }

    @Test
    void aNewerRevisionIsUsedWhenItHasEverythingWeWriteAndRefusedOtherwise() throws Exception {
        SqliteTrackingStore created = new SqliteTrackingStore(dir.resolve("newer.db"), dir.resolve("mlruns"));
        created.getExperiment("0");
        Path copy = dir.resolve("newer-copy.db");
        Files.copy(dir.resolve("newer.db"), copy);
        try (Connection c = SqliteConformanceTest.open(dir.resolve("newer.db"))) {
            Sql.update(c, "UPDATE alembic_version SET version_num = 'ffffffffffff'");
        }
        assertEquals(
                "1", new SqliteTrackingStore(dir.resolve("newer.db"), dir.resolve("mlruns")).createExperiment("x"));

        try (Connection c = SqliteConformanceTest.open(copy)) {
            Sql.update(c, "UPDATE alembic_version SET version_num = 'ffffffffffff'");
            Sql.execute(c, "ALTER TABLE runs DROP COLUMN deleted_time");
        }
        MlflowException e = assertThrows(
                MlflowException.class, () -> new SqliteTrackingStore(copy, dir.resolve("mlruns")).getExperiment("0"));
        assertTrue(
                e.getMessage().contains("revision ffffffffffff")
                        && e.getMessage().contains("runs.deleted_time"),
                e.getMessage());
    }

    @Test
    void aDatabaseThatIsNotMlflowsIsRefused() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = SqliteConformanceTest.open(db)) {
            Sql.execute(c, "CREATE TABLE notes (text TEXT)");
        }
        MlflowException e = assertThrows(
                MlflowException.class, () -> new SqliteTrackingStore(db, dir.resolve("mlruns")).getExperiment("0"));
        assertTrue(e.getMessage().contains("no MLflow schema revision"), e.getMessage());
    }

    @Test
    void threadsWritingAtOnceLoseNothing() throws Exception {
        int threads = 4;
        int runsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                SqliteTrackingStore store = store(); // a store per thread, one database
                for (int r = 0; r < runsEach; r++) {
                    RunInfo run = newRun(store);
                    store.logParam(run.runId(), "p", "1");
                    for (int step = 0; step < 10; step++) {
                        store.logMetric(run.runId(), "m", step, System.currentTimeMillis(), step);
                    }
                    store.updateRun(run.runId(), RunStatus.FINISHED, System.currentTimeMillis());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        try (Connection c = SqliteConformanceTest.open(dir.resolve("mlflow.db"))) {
            assertEquals(
                    threads * runsEach,
                    ((Number) Sql.value(c, "SELECT COUNT(*) FROM runs WHERE status = 'FINISHED'")).intValue());
            assertEquals(threads * runsEach * 10, ((Number) Sql.value(c, "SELECT COUNT(*) FROM metrics")).intValue());
            assertEquals(1, ((Number) Sql.value(c, "SELECT COUNT(*) FROM experiments WHERE name = 'exp'")).intValue());
        }
    }

    @Test
    void twoJvmsWritingAtOnceLoseNothing() throws Exception {
        Path db = dir.resolve("mlflow.db");
        store().getOrCreateExperiment("exp");
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder java = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    SqliteWriterMain.class.getName(),
                    db.toString(),
                    dir.resolve("mlruns").toString(),
                    "40");
            java.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("writer-" + i + ".log").toFile());
            writers.add(java.start());
        }
        for (int i = 0; i < writers.size(); i++) {
            assertTrue(writers.get(i).waitFor(5, TimeUnit.MINUTES), "writer " + i + " finished");
            assertEquals(
                    0,
                    writers.get(i).exitValue(),
                    () -> "writer failed: " + read(dir.resolve("writer-0.log")) + read(dir.resolve("writer-1.log")));
        }
        try (Connection c = SqliteConformanceTest.open(db)) {
            assertEquals(80, ((Number) Sql.value(c, "SELECT COUNT(*) FROM runs")).intValue());
            assertEquals(80 * 20, ((Number) Sql.value(c, "SELECT COUNT(*) FROM metrics")).intValue());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void theDefaultIsMlflowsSqliteDatabaseUnlessMlrunsHoldsExperiments() throws Exception {
        TrackingStore fresh = TrackingStores.defaultStore(dir);
        assertInstanceOf(SqliteTrackingStore.class, fresh);
        assertEquals("sqlite:///" + dir.resolve("mlflow.db"), fresh.trackingUri());
        // only a registry, or an experiment folder without meta.yaml, does not count (MLflow's rule)
        Files.createDirectories(dir.resolve("mlruns/models/m"));
        Files.createDirectories(dir.resolve("mlruns/1"));
        assertInstanceOf(SqliteTrackingStore.class, TrackingStores.defaultStore(dir));
        Files.writeString(dir.resolve("mlruns/1/meta.yaml"), "name: x\n");
        assertInstanceOf(FileTrackingStore.class, TrackingStores.defaultStore(dir));

        Path other = Files.createDirectories(dir.resolve("mlflow2-team"));
        MlflowVersionSetting.with("2", () -> {
            assertInstanceOf(FileTrackingStore.class, TrackingStores.defaultStore(other), "MLflow 2.x keeps ./mlruns");
            MlflowException e = assertThrows(
                    MlflowException.class, () -> TrackingStores.forUri("sqlite:///" + other.resolve("x.db")));
            assertTrue(e.getMessage().contains("MLflow 2.x cannot open"), e.getMessage());
        });
        assertEquals(other.resolve("a.db"), SqliteUris.toPath("sqlite:///" + other.resolve("a.db")));
        assertThrows(MlflowException.class, () -> SqliteUris.toPath("sqlite://"));
    }
}
