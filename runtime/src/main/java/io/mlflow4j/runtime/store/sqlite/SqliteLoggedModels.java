package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.TrackingNames;
import io.mlflow4j.runtime.store.Experiment;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * MLflow 3's logged models in the database, in the rows MLflow 3.11.1 writes: {@code logged_models}
 * (status 1 PENDING, 2 READY, 3 UPLOAD_FAILED, as the proto numbers them), its params and tags,
 * and the run's link to it in {@code inputs} (RUN_OUTPUT to MODEL_OUTPUT). Each method runs inside
 * the caller's transaction.
 */
final class SqliteLoggedModels {
    LoggedModel create(
            Connection c,
            Experiment experiment,
            String name,
            String sourceRunId,
            Map<String, String> params,
            Map<String, String> tags)
            throws SQLException {
        TrackingNames.validateKey("Logged model name", name);
        String modelId = "m-" + UUID.randomUUID().toString().replace("-", "");
        long experimentId = Long.parseLong(experiment.experimentId());
        long now = System.currentTimeMillis();
        String location = experiment.artifactLocation().replaceAll("/+$", "") + "/models/" + modelId + "/artifacts";
        Sql.update(
                c,
                "INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms,"
                        + " last_updated_timestamp_ms, status, lifecycle_stage, model_type, source_run_id, status_message)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'active', NULL, ?, NULL)",
                modelId,
                experimentId,
                name,
                location,
                now,
                now,
                LoggedModelStatus.PENDING.fileStoreNumber(),
                sourceRunId);
        for (Map.Entry<String, String> p : params.entrySet()) {
            TrackingNames.validateKey("Param", p.getKey());
            Sql.update(
                    c,
                    "INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value) VALUES (?, ?, ?, ?)",
                    modelId,
                    experimentId,
                    p.getKey(),
                    TrackingNames.paramValue(p.getKey(), p.getValue()));
        }
        writeTags(c, modelId, experimentId, tags);
        return get(c, modelId);
    }

    /** The run's output: one {@code inputs} row, with a 32-hex-digit id as MLflow's SQL store writes it. */
    void linkOutput(Connection c, String runId, String modelId, long step) throws SQLException {
        Sql.update(
                c,
                "INSERT OR IGNORE INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id,"
                        + " step) VALUES (?, 'RUN_OUTPUT', ?, 'MODEL_OUTPUT', ?, ?)",
                UUID.randomUUID().toString().replace("-", ""),
                runId,
                modelId,
                step);
    }

    LoggedModel finalize(Connection c, String modelId, LoggedModelStatus status) throws SQLException {
        get(c, modelId);
        Sql.update(
                c,
                "UPDATE logged_models SET status = ?, last_updated_timestamp_ms = ? WHERE model_id = ?",
                status.fileStoreNumber(),
                System.currentTimeMillis(),
                modelId);
        return get(c, modelId);
    }

    void setTags(Connection c, String modelId, Map<String, String> tags) throws SQLException {
        LoggedModel model = get(c, modelId);
        writeTags(c, modelId, Long.parseLong(model.experimentId()), tags);
    }

    private static void writeTags(Connection c, String modelId, long experimentId, Map<String, String> tags)
            throws SQLException {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            TrackingNames.validateKey("Tag", t.getKey());
            Sql.update(
                    c,
                    "INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (model_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                    modelId,
                    experimentId,
                    t.getKey(),
                    TrackingNames.tagValue(t.getKey(), t.getValue()));
        }
    }

    LoggedModel get(Connection c, String modelId) throws SQLException {
        if (modelId == null || !modelId.matches("m-[0-9a-f]{32}")) {
            throw MlflowException.invalidParameter(
                    "'" + modelId + "' is not a logged model id; one looks like m-<32 hex digits>.");
        }
        Map<String, Object> row = Sql.row(c, "SELECT * FROM logged_models WHERE model_id = ?", modelId)
                .orElseThrow(() -> MlflowException.notFound("Logged model with ID '" + modelId + "' not found."));
        return toModel(c, row);
    }

    /** The experiment's live models of this name, newest first, as {@code search_logged_models} orders them. */
    List<LoggedModel> search(Connection c, long experimentId, String name) throws SQLException {
        List<LoggedModel> found = new ArrayList<>();
        for (Map<String, Object> row : Sql.rows(
                c,
                "SELECT * FROM logged_models WHERE experiment_id = ? AND name = ?"
                        + " AND lifecycle_stage = 'active' ORDER BY creation_timestamp_ms DESC, model_id",
                experimentId,
                name)) {
            found.add(toModel(c, row));
        }
        return found;
    }

    private static LoggedModel toModel(Connection c, Map<String, Object> row) throws SQLException {
        String modelId = (String) row.get("model_id");
        Map<String, String> params = new TreeMap<>();
        for (Map<String, Object> p :
                Sql.rows(c, "SELECT param_key, param_value FROM logged_model_params WHERE model_id = ?", modelId)) {
            params.put((String) p.get("param_key"), (String) p.get("param_value"));
        }
        Map<String, String> tags = new TreeMap<>();
        for (Map<String, Object> t :
                Sql.rows(c, "SELECT tag_key, tag_value FROM logged_model_tags WHERE model_id = ?", modelId)) {
            tags.put((String) t.get("tag_key"), (String) t.get("tag_value"));
        }
        return new LoggedModel(
                modelId,
                String.valueOf(row.get("experiment_id")),
                (String) row.get("name"),
                (String) row.get("artifact_location"),
                (String) row.get("source_run_id"),
                status(((Number) row.get("status")).intValue()),
                params,
                tags);
    }

    private static LoggedModelStatus status(int number) {
        for (LoggedModelStatus s : LoggedModelStatus.values()) {
            if (s.fileStoreNumber() == number) {
                return s;
            }
        }
        throw new MlflowException(
                MlflowException.ErrorCode.INVALID_STATE,
                "Unknown logged model status " + number
                        + " in the database; mlflow4j knows PENDING (1), READY (2) and UPLOAD_FAILED (3).");
    }
}
