package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.internal.RegistryNames;
import io.mlflow4j.runtime.internal.RunNames;
import io.mlflow4j.runtime.internal.TrackingNames;
import io.mlflow4j.runtime.store.Experiment;
import io.mlflow4j.runtime.store.LogBatch;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.Metric;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's SQL tracking store in a SQLite file, the store MLflow 3 uses by default
 * ({@code sqlite:///mlflow.db}): the same tables, rows and values MLflow 3.11.1's
 * {@code SqlAlchemyStore} writes, so MLflow's Python client, {@code mlflow ui} and
 * {@code mlflow server} read what this writes and the other way round. Artifacts go to local
 * folders under the artifact root ({@code ./mlruns} of the working directory, as MLflow's client
 * chooses), recorded as plain absolute paths as MLflow records them. Each operation is one
 * transaction.
 */
public final class SqliteTrackingStore implements TrackingStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteTrackingStore.class);
    private static final String RUN_NAME_TAG = "mlflow.runName";
    private static final String LOG_MODEL_HISTORY = "mlflow.log-model.history";

    private final SqliteDatabase db;
    private final String uri;
    private final String artifactRoot;
    private final SqliteLoggedModels loggedModels;

    /**
     * @param databaseFile the SQLite file, created with MLflow's schema if missing
     * @param artifactRoot the folder new experiments keep their artifacts in, such as {@code ./mlruns}
     */
    public SqliteTrackingStore(Path databaseFile, Path artifactRoot) {
        MlflowTarget configured = MlflowTarget.configured();
        if (configured == MlflowTarget.MLFLOW_2) {
            throw MlflowException.invalidParameter("mlflow4j writes MLflow 3.11.1's database schema, which MLflow 2.x"
                    + " cannot open, but " + MlflowTarget.VARIABLE
                    + "=2 asks for MLflow 2. For MLflow 2.x use a file store"
                    + " (MLFLOW_TRACKING_URI=./mlruns) or its tracking server.");
        }
        Path file = databaseFile.toAbsolutePath().normalize();
        this.uri = SqliteUris.toUri(file);
        this.artifactRoot = artifactRoot.toAbsolutePath().normalize().toString();
        String root = this.artifactRoot;
        String name = this.uri;
        this.db = SqliteDatabase.at(file, c -> {
            SqliteSchema.prepare(c, name, root);
            return null;
        });
        this.loggedModels = new SqliteLoggedModels();
    }

    /** The database file. */
    public Path databaseFile() {
        return db.file();
    }

    @Override
    public String trackingUri() {
        return uri;
    }

    @Override
    public MlflowTarget target() {
        return MlflowTarget.MLFLOW_3;
    }

    /** The model registry in the same database, as MLflow's registry URI defaults to the tracking URI. */
    @Override
    public ModelRegistry registry() {
        return new SqliteModelRegistry(db, this);
    }

    // ---- experiments ----

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return db.read(c -> experimentByName(c, name));
    }

    @Override
    public Experiment getExperiment(String experimentId) {
        return db.read(c -> experiment(c, experimentId));
    }

    @Override
    public void setExperimentTag(String experimentId, String key, String value) {
        RegistryNames.validateExperimentTag(key, value);
        db.write(c -> {
            Experiment experiment = experiment(c, experimentId);
            if (!"active".equals(experiment.lifecycleStage())) {
                throw MlflowException.invalidParameter(
                        "The experiment " + experimentId + " must be in the 'active' lifecycle_stage to set tags");
            }
            Sql.update(
                    c,
                    "INSERT INTO experiment_tags (\"key\", value, experiment_id) VALUES (?, ?, ?)"
                            + " ON CONFLICT (\"key\", experiment_id) DO UPDATE SET value = excluded.value",
                    key,
                    value,
                    Long.parseLong(experimentId));
            return null;
        });
    }

    @Override
    public Map<String, String> getExperimentTags(String experimentId) {
        return db.read(c -> {
            experiment(c, experimentId);
            Map<String, String> tags = new TreeMap<>();
            for (Map<String, Object> row : Sql.rows(
                    c,
                    "SELECT \"key\", value FROM experiment_tags WHERE experiment_id = ?",
                    Long.parseLong(experimentId))) {
                tags.put((String) row.get("key"), Sql.string(row.get("value")));
            }
            return tags;
        });
    }

    @Override
    public String createExperiment(String name) {
        validateExperimentName(name);
        return db.write(c -> {
            if (experimentByName(c, name).isPresent()) {
                throw new MlflowException(
                        MlflowException.ErrorCode.RESOURCE_ALREADY_EXISTS,
                        "Experiment(name=" + name + ") already exists. Choose another name.");
            }
            return insertExperiment(c, name);
        });
    }

    @Override
    public Experiment getOrCreateExperiment(String name) {
        validateExperimentName(name);
        return db.write(c -> {
            Optional<Experiment> existing = experimentByName(c, name);
            Experiment experiment = existing.isPresent() ? existing.get() : experiment(c, insertExperiment(c, name));
            if (!"active".equals(experiment.lifecycleStage())) {
                throw MlflowException.invalidParameter("Cannot use the deleted experiment '" + name + "' (id "
                        + experiment.experimentId() + "). Restore it (mlflow experiments restore --experiment-id "
                        + experiment.experimentId() + "), or delete it for good (mlflow gc) to create a new one.");
            }
            return experiment;
        });
    }

    private static void validateExperimentName(String name) {
        if (name == null || name.isBlank()) {
            throw MlflowException.invalidParameter(
                    "Invalid experiment name: '" + name + "'. Give the experiment a non-empty name.");
        }
    }

    /** As MLflow: the row first, then its artifact location from the id the database gave it. */
    private String insertExperiment(Connection c, String name) throws SQLException {
        long now = System.currentTimeMillis();
        Sql.update(
                c,
                "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time,"
                        + " workspace) VALUES (?, NULL, 'active', ?, ?, ?)",
                name,
                now,
                now,
                SqliteSchema.WORKSPACE);
        String id = String.valueOf(((Number) Sql.value(c, "SELECT last_insert_rowid()")).longValue());
        Sql.update(
                c,
                "UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?",
                artifactRoot + "/" + id,
                Long.parseLong(id));
        return id;
    }

    private static Optional<Experiment> experimentByName(Connection c, String name) throws SQLException {
        return Sql.row(c, "SELECT * FROM experiments WHERE name = ? AND workspace = ?", name, SqliteSchema.WORKSPACE)
                .map(SqliteTrackingStore::toExperiment);
    }

    private Experiment experiment(Connection c, String experimentId) throws SQLException {
        if (experimentId == null || !experimentId.matches("\\d{1,18}")) {
            throw MlflowException.notFound("No Experiment with id=" + experimentId + " exists in " + uri + ".");
        }
        return Sql.row(c, "SELECT * FROM experiments WHERE experiment_id = ?", Long.parseLong(experimentId))
                .map(SqliteTrackingStore::toExperiment)
                .orElseThrow(() ->
                        MlflowException.notFound("No Experiment with id=" + experimentId + " exists in " + uri + "."));
    }

    private static Experiment toExperiment(Map<String, Object> row) {
        return new Experiment(
                String.valueOf(row.get("experiment_id")),
                (String) row.get("name"),
                (String) row.get("artifact_location"),
                (String) row.get("lifecycle_stage"));
    }

    // ---- runs ----

    @Override
    public RunInfo createRun(
            String experimentId, String runName, String userId, long startTime, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            TrackingNames.validateKey("Tag", k);
            allTags.put(k, TrackingNames.tagValue(k, v));
        });
        String name = runName != null ? runName : RunNames.random();
        allTags.put(RUN_NAME_TAG, name);
        return db.write(c -> {
            Experiment experiment = experiment(c, experimentId);
            if (!"active".equals(experiment.lifecycleStage())) {
                throw MlflowException.invalidParameter("The experiment " + experimentId
                        + " must be in the 'active' state." + " Current state is " + experiment.lifecycleStage() + ".");
            }
            String runId = UUID.randomUUID().toString().replace("-", "");
            String artifactUri = experiment.artifactLocation().replaceAll("/+$", "") + "/" + runId + "/artifacts";
            // As MLflow's SqlAlchemyStore.create_run: source fields empty, source_type UNKNOWN.
            Sql.update(
                    c,
                    "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status,"
                            + " start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time)"
                            + " VALUES (?, ?, 'UNKNOWN', '', '', ?, 'RUNNING', ?, NULL, '', 'active', ?, ?, NULL)",
                    runId,
                    name,
                    userId,
                    startTime,
                    artifactUri,
                    Long.parseLong(experimentId));
            for (Map.Entry<String, String> tag : allTags.entrySet()) {
                Sql.update(
                        c,
                        "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)",
                        tag.getKey(),
                        tag.getValue(),
                        runId);
            }
            return run(c, runId);
        });
    }

    @Override
    public RunInfo getRun(String runId) {
        return db.read(c -> run(c, runId));
    }

    @Override
    public RunInfo updateRun(String runId, RunStatus status, Long endTime) {
        return db.write(c -> {
            activeRun(c, runId);
            Sql.update(c, "UPDATE runs SET status = ?, end_time = ? WHERE run_uuid = ?", status.name(), endTime, runId);
            return run(c, runId);
        });
    }

    RunInfo run(Connection c, String runId) throws SQLException {
        TrackingNames.validateRunId(runId);
        Map<String, Object> row = Sql.row(c, "SELECT * FROM runs WHERE run_uuid = ?", runId)
                .orElseThrow(() -> MlflowException.notFound("Run with id=" + runId + " not found in " + uri
                        + ". Check the run id and MLFLOW_TRACKING_URI."));
        return new RunInfo(
                runId,
                String.valueOf(row.get("experiment_id")),
                (String) row.get("name"),
                (String) row.get("user_id"),
                RunStatus.valueOf((String) row.get("status")),
                Sql.longOrNull(row.get("start_time")) == null ? 0 : Sql.longOrNull(row.get("start_time")),
                Sql.longOrNull(row.get("end_time")),
                (String) row.get("artifact_uri"),
                (String) row.get("lifecycle_stage"));
    }

    RunInfo activeRun(Connection c, String runId) throws SQLException {
        RunInfo run = run(c, runId);
        if (!"active".equals(run.lifecycleStage())) {
            throw MlflowException.invalidParameter("The run " + runId
                    + " must be in the 'active' state. Current state is " + run.lifecycleStage() + ".");
        }
        return run;
    }

    // ---- params, metrics, tags ----

    @Override
    public void logParam(String runId, String key, String value) {
        logBatch(runId, new LogBatch(List.of(), List.of(Map.entry(key, value)), List.of()));
    }

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step) {
        logMetric(runId, key, value, timestamp, step, null);
    }

    @Override
    public void setTag(String runId, String key, String value) {
        logBatch(runId, new LogBatch(List.of(), List.of(), List.of(Map.entry(key, value))));
    }

    /**
     * The whole batch in one transaction, checked first as MLflow checks each entry, with MLflow's
     * rules: a param logged again must keep its value; a metric logged twice with the same key,
     * value, timestamp and step is kept once; {@code latest_metrics} keeps the newest by step, then
     * timestamp, then value. No size limit applies here: MLflow's limits per request are for the
     * REST API, which this store does not go through.
     */
    @Override
    public void logBatch(String runId, LogBatch batch) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (Map.Entry<String, String> p : batch.params()) {
            TrackingNames.validateKey("Param", p.getKey());
            params.add(Map.entry(p.getKey(), TrackingNames.paramValue(p.getKey(), p.getValue())));
        }
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (Map.Entry<String, String> t : batch.tags()) {
            TrackingNames.validateKey("Tag", t.getKey());
            tags.add(Map.entry(t.getKey(), TrackingNames.tagValue(t.getKey(), t.getValue())));
        }
        for (Metric m : batch.metrics()) {
            TrackingNames.validateKey("Metric", m.key());
        }
        db.write(c -> {
            activeRun(c, runId);
            writeParams(c, runId, params);
            writeTags(c, runId, tags);
            writeMetrics(c, runId, batch.metrics(), null, null);
            return null;
        });
    }

    private static void writeParams(Connection c, String runId, List<Map.Entry<String, String>> params)
            throws SQLException {
        for (Map.Entry<String, String> p : params) {
            Object old = Sql.value(c, "SELECT value FROM params WHERE run_uuid = ? AND key = ?", runId, p.getKey());
            if (old == null) {
                Sql.update(
                        c,
                        "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)",
                        p.getKey(),
                        p.getValue(),
                        runId);
            } else if (!old.equals(p.getValue())) {
                throw MlflowException.invalidParameter(
                        "Changing param values is not allowed. Param with key='" + p.getKey()
                                + "' was already logged with value='" + old + "' for run ID='" + runId
                                + "'. Attempted logging new value '" + p.getValue() + "'.");
            }
        }
    }

    private static void writeTags(Connection c, String runId, List<Map.Entry<String, String>> tags)
            throws SQLException {
        for (Map.Entry<String, String> t : tags) {
            Sql.update(
                    c,
                    "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)"
                            + " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value",
                    t.getKey(),
                    t.getValue(),
                    runId);
            if (RUN_NAME_TAG.equals(t.getKey())) {
                Sql.update(
                        c, "UPDATE runs SET name = ? WHERE run_uuid = ?", t.getValue(), runId); // as MLflow's set_tag
            }
        }
    }

    /** The run's metrics, and the logged model's too when {@code modelId} is given. */
    static void writeMetrics(Connection c, String runId, List<Metric> metrics, String modelId, Long experimentId)
            throws SQLException {
        if (metrics.isEmpty()) {
            return;
        }
        try (PreparedStatement history = Sql.batch(
                        c,
                        "INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step,"
                                + " is_nan) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement latest = Sql.batch(
                        c,
                        "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan,"
                                + " run_uuid) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key, run_uuid) DO UPDATE SET"
                                + " value = excluded.value, timestamp = excluded.timestamp, step = excluded.step,"
                                + " is_nan = excluded.is_nan WHERE (excluded.step, excluded.timestamp, excluded.value)"
                                + " > (latest_metrics.step, latest_metrics.timestamp, latest_metrics.value)")) {
            for (Metric m : metrics) {
                boolean nan = Double.isNaN(m.value());
                double value = storedValue(m.value());
                Sql.bind(history, m.key(), value, m.timestamp(), runId, m.step(), nan ? 1 : 0);
                history.addBatch();
                Sql.bind(latest, m.key(), value, m.timestamp(), m.step(), nan ? 1 : 0, runId);
                latest.addBatch();
            }
            history.executeBatch();
            latest.executeBatch();
        }
        if (modelId != null) {
            try (PreparedStatement model = Sql.batch(
                    c,
                    "INSERT OR IGNORE INTO logged_model_metrics (model_id, metric_name,"
                            + " metric_timestamp_ms, metric_step, metric_value, experiment_id, run_id, dataset_uuid, dataset_name,"
                            + " dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
                for (Metric m : metrics) {
                    Sql.bind(model, modelId, m.key(), m.timestamp(), m.step(), m.value(), experimentId, runId);
                    model.addBatch();
                }
                model.executeBatch();
            }
        }
    }

    /** As MLflow's {@code sanitize_metric_value}: NaN is stored as 0 with {@code is_nan}, infinities as the largest doubles. */
    static double storedValue(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
        }
        return value;
    }

    @Override
    public Map<String, String> getTags(String runId) {
        return db.read(c -> {
            run(c, runId);
            return keyValues(c, "SELECT key, value FROM tags WHERE run_uuid = ?", runId);
        });
    }

    @Override
    public Map<String, String> getParams(String runId) {
        return db.read(c -> {
            run(c, runId);
            return keyValues(c, "SELECT key, value FROM params WHERE run_uuid = ?", runId);
        });
    }

    static Map<String, String> keyValues(Connection c, String sql, Object... args) throws SQLException {
        Map<String, String> values = new TreeMap<>();
        for (Map<String, Object> row : Sql.rows(c, sql, args)) {
            values.put(String.valueOf(row.get("key")), Sql.string(row.get("value")));
        }
        return values;
    }

    @Override
    public void recordLoggedModel(String runId, Map<String, Object> historyEntry) {
        db.write(c -> {
            activeRun(c, runId);
            Object old =
                    Sql.value(c, "SELECT value FROM tags WHERE run_uuid = ? AND key = ?", runId, LOG_MODEL_HISTORY);
            List<Object> history = new ArrayList<>();
            if (old != null) {
                history.addAll(PythonJson.parseArray(old.toString()));
            }
            history.add(historyEntry);
            String value = PythonJson.dumps(history);
            if (value.length() > TrackingNames.MAX_TAG_VALUE_LENGTH) {
                LOG.warn(
                        "The {} tag of run {} is {} characters long; MLflow keeps at most {}: cut.",
                        LOG_MODEL_HISTORY,
                        runId,
                        value.length(),
                        TrackingNames.MAX_TAG_VALUE_LENGTH);
            }
            writeTags(
                    c, runId, List.of(Map.entry(LOG_MODEL_HISTORY, TrackingNames.tagValue(LOG_MODEL_HISTORY, value))));
            return null;
        });
    }

    // ---- MLflow 3: logged models ----

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step, String modelId) {
        TrackingNames.validateKey("Metric", key);
        List<Metric> metric = List.of(new Metric(key, value, timestamp, step));
        db.write(c -> {
            RunInfo run = activeRun(c, runId);
            Long experimentId = null;
            if (modelId != null) {
                experimentId =
                        Long.parseLong(loggedModels.get(c, modelId).experimentId()); // an unknown model fails first
            }
            writeMetrics(
                    c,
                    runId,
                    metric,
                    modelId,
                    experimentId != null ? experimentId : Long.parseLong(run.experimentId()));
            return null;
        });
    }

    @Override
    public LoggedModel createLoggedModel(
            String experimentId,
            String name,
            String sourceRunId,
            Map<String, String> params,
            Map<String, String> tags) {
        return db.write(c -> loggedModels.create(c, experiment(c, experimentId), name, sourceRunId, params, tags));
    }

    @Override
    public void logOutputs(String runId, String modelId, long step) {
        db.write(c -> {
            activeRun(c, runId);
            loggedModels.get(c, modelId);
            loggedModels.linkOutput(c, runId, modelId, step);
            return null;
        });
    }

    @Override
    public void logLoggedModelArtifacts(String modelId, Path localDir) {
        LoggedModel model = getLoggedModel(modelId);
        Path target = LocalArtifacts.toPath(model.artifactLocation(), "Logged model " + modelId);
        if (Files.exists(target)) {
            throw MlflowException.invalidParameter("The logged model " + modelId + " already has files at " + target
                    + ". Log the model again to get a new logged model.");
        }
        LocalArtifacts.putFolder(
                target.getParent(), localDir, target.getFileName().toString(), "Logged model " + modelId);
    }

    @Override
    public LoggedModel finalizeLoggedModel(String modelId, LoggedModelStatus status) {
        return db.write(c -> loggedModels.finalize(c, modelId, status));
    }

    @Override
    public void setLoggedModelTags(String modelId, Map<String, String> tags) {
        db.write(c -> {
            loggedModels.setTags(c, modelId, tags);
            return null;
        });
    }

    @Override
    public LoggedModel getLoggedModel(String modelId) {
        return db.read(c -> loggedModels.get(c, modelId));
    }

    @Override
    public List<LoggedModel> searchLoggedModels(String experimentId, String name) {
        return db.read(c -> {
            experiment(c, experimentId);
            return loggedModels.search(c, Long.parseLong(experimentId), name);
        });
    }

    // ---- artifacts ----

    @Override
    public void logArtifacts(String runId, Path localDir, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        LocalArtifacts.putFolder(runArtifactRoot(runId), localDir, artifactPath, "Run " + runId);
    }

    @Override
    public void logArtifact(String runId, Path localFile, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        LocalArtifacts.putFile(runArtifactRoot(runId), localFile, artifactPath);
    }

    @Override
    public Path downloadArtifacts(String runId, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        Path root = LocalArtifacts.toPath(getRun(runId).artifactUri(), "Run " + runId);
        Path path = artifactPath == null || artifactPath.isEmpty() ? root : root.resolve(artifactPath);
        if (!Files.exists(path)) {
            throw MlflowException.notFound(
                    "Run " + runId + " has no artifact at '" + artifactPath + "' (looked in " + path + ").");
        }
        return path;
    }

    @Override
    public Path downloadArtifactUri(String artifactUri) {
        Path path = LocalArtifacts.toPath(artifactUri, "The model");
        if (!Files.exists(path)) {
            throw MlflowException.notFound("No artifacts at " + artifactUri + ".");
        }
        return path;
    }

    private Path runArtifactRoot(String runId) {
        RunInfo run = db.read(c -> activeRun(c, runId));
        return LocalArtifacts.toPath(run.artifactUri(), "Run " + runId);
    }
}
