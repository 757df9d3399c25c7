package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's database schema: a new database gets exactly the tables, indexes and alembic revision
 * MLflow 3.11.1 creates, so MLflow of that version opens it without a migration. An existing one
 * is used as it is at 3.11.1's revision; at an older revision MLflow knows, it is refused with
 * MLflow's own remedy ({@code mlflow db upgrade}); at a revision newer than we know, it is used
 * when every table and column mlflow4j writes is there.
 */
final class SqliteSchema {
    /** The alembic head of MLflow 3.11.1. */
    static final String HEAD = "c3d6457b6d8a";
    /** The workspace every row belongs to without MLflow's (server-only) workspaces feature. */
    static final String WORKSPACE = "default";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteSchema.class);
    private static final String RESOURCE_DIR = "/io/mlflow4j/runtime/store/sqlite/";

    /** The tables and columns mlflow4j reads and writes. */
    static final Map<String, List<String>> USED = used();

    private SqliteSchema() {}

    /**
     * Creates MLflow's schema in an empty database, or checks an existing one's revision.
     *
     * @param artifactRoot where experiments keep their artifacts, for the Default experiment of a new database
     */
    static void prepare(Connection c, String uri, String artifactRoot) throws SQLException {
        Set<String> tables = new HashSet<>();
        for (Map<String, Object> row : Sql.rows(c, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
            tables.add((String) row.get("name"));
        }
        if (tables.isEmpty()) {
            create(c, artifactRoot);
            return;
        }
        Object revision =
                tables.contains("alembic_version") ? Sql.value(c, "SELECT version_num FROM alembic_version") : null;
        if (revision == null) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "The database " + uri + " holds tables but"
                            + " no MLflow schema revision (alembic_version), so it is not an MLflow database, or MLflow did not"
                            + " finish creating it. Give MLflow its own database file (such as sqlite:///mlflow.db in another folder).");
        }
        String rev = revision.toString();
        if (rev.equals(HEAD)) {
            return;
        }
        List<String> known = revisions();
        if (known.contains(rev)) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Detected out-of-date database schema (found"
                            + " version " + rev + ", but expected " + HEAD + ") in " + uri
                            + ": it was made by an older MLflow."
                            + " Take a backup of the database, then run 'mlflow db upgrade " + uri
                            + "' with MLflow 3.11.1 or"
                            + " later to migrate it to the schema mlflow4j writes.");
        }
        List<String> missing = missingColumns(c);
        if (!missing.isEmpty()) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "The database " + uri + " is at MLflow schema"
                            + " revision " + rev + ", which mlflow4j does not know, and lacks "
                            + String.join(", ", missing)
                            + ", which mlflow4j writes. Use a database at MLflow 3.11.1's revision " + HEAD
                            + " or a newer mlflow4j.");
        }
        LOG.info(
                "The database {} is at MLflow schema revision {}, newer than 3.11.1's {}; every table and column"
                        + " mlflow4j writes is there, so it is used as it is.",
                uri,
                rev,
                HEAD);
    }

    private static void create(Connection c, String artifactRoot) throws SQLException {
        for (String statement : statements()) {
            Sql.execute(c, statement);
        }
        // The three rows MLflow 3.11.1 writes into a new database (see default_store.md of the reference).
        Sql.update(c, "INSERT INTO alembic_version (version_num) VALUES (?)", HEAD);
        Sql.update(
                c,
                "INSERT INTO workspaces (name, description, default_artifact_root) VALUES (?, ?, NULL)",
                WORKSPACE,
                "Default workspace for legacy resources");
        long now = System.currentTimeMillis();
        Sql.update(
                c,
                "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time,"
                        + " last_update_time, workspace) VALUES (0, 'Default', ?, 'active', ?, ?, ?)",
                artifactRoot + "/0",
                now,
                now,
                WORKSPACE);
    }

    /** The statements of the schema resource: each ends with ';' at a line's end, a trigger with "END;". */
    static List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : resource("mlflow-3.11.1-schema.sql").split("\n")) {
            if (current.isEmpty() && (line.startsWith("--") || line.isBlank())) {
                continue;
            }
            current.append(line).append('\n');
            boolean trigger = current.toString().startsWith("CREATE TRIGGER");
            if (trigger ? line.equals("END;") : line.endsWith(";")) {
                String text = current.toString().strip();
                statements.add(text.substring(0, text.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    /** MLflow's alembic revisions, oldest first. */
    static List<String> revisions() {
        return resource("mlflow-revisions.txt")
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    private static List<String> missingColumns(Connection c) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> table : USED.entrySet()) {
            Set<String> columns = new HashSet<>();
            for (Map<String, Object> row : Sql.rows(c, "SELECT name FROM pragma_table_info(?)", table.getKey())) {
                columns.add((String) row.get("name"));
            }
            for (String column : table.getValue()) {
                if (!columns.contains(column)) {
                    missing.add(columns.isEmpty() ? "table " + table.getKey() : table.getKey() + "." + column);
                    if (columns.isEmpty()) {
                        break;
                    }
                }
            }
        }
        return missing;
    }

    private static Map<String, List<String>> used() {
        Map<String, List<String>> used = new LinkedHashMap<>();
        used.put(
                "experiments",
                List.of(
                        "experiment_id",
                        "name",
                        "artifact_location",
                        "lifecycle_stage",
                        "creation_time",
                        "last_update_time",
                        "workspace"));
        used.put(
                "runs",
                List.of(
                        "run_uuid",
                        "name",
                        "source_type",
                        "source_name",
                        "entry_point_name",
                        "user_id",
                        "status",
                        "start_time",
                        "end_time",
                        "source_version",
                        "lifecycle_stage",
                        "artifact_uri",
                        "experiment_id",
                        "deleted_time"));
        used.put("params", List.of("key", "value", "run_uuid"));
        used.put("tags", List.of("key", "value", "run_uuid"));
        used.put("metrics", List.of("key", "value", "timestamp", "run_uuid", "step", "is_nan"));
        used.put("latest_metrics", List.of("key", "value", "timestamp", "step", "is_nan", "run_uuid"));
        used.put(
                "inputs",
                List.of("input_uuid", "source_type", "source_id", "destination_type", "destination_id", "step"));
        used.put(
                "logged_models",
                List.of(
                        "model_id",
                        "experiment_id",
                        "name",
                        "artifact_location",
                        "creation_timestamp_ms",
                        "last_updated_timestamp_ms",
                        "status",
                        "lifecycle_stage",
                        "model_type",
                        "source_run_id",
                        "status_message"));
        used.put("logged_model_params", List.of("model_id", "experiment_id", "param_key", "param_value"));
        used.put("logged_model_tags", List.of("model_id", "experiment_id", "tag_key", "tag_value"));
        used.put(
                "logged_model_metrics",
                List.of(
                        "model_id",
                        "metric_name",
                        "metric_timestamp_ms",
                        "metric_step",
                        "metric_value",
                        "experiment_id",
                        "run_id"));
        used.put(
                "registered_models", List.of("name", "creation_time", "last_updated_time", "description", "workspace"));
        used.put(
                "model_versions",
                List.of(
                        "name",
                        "version",
                        "creation_time",
                        "last_updated_time",
                        "description",
                        "user_id",
                        "current_stage",
                        "source",
                        "run_id",
                        "status",
                        "status_message",
                        "run_link",
                        "storage_location",
                        "workspace"));
        used.put("registered_model_aliases", List.of("alias", "version", "name", "workspace"));
        return Collections.unmodifiableMap(used);
    }

    private static String resource(String name) {
        try (InputStream in = SqliteSchema.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("mlflow4j's jar lacks " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
