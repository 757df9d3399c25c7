package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.ModelStages;
import io.mlflow4j.runtime.internal.RegistryNames;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.ModelVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MLflow's model registry in the same SQLite database as the runs, in the rows MLflow 3.11.1's
 * {@code SqlAlchemyStore} for the registry writes: {@code registered_models}, {@code model_versions}
 * (READY at once, stage {@code None}, numbered one past the highest ever created) and
 * {@code registered_model_aliases}, all in the {@code default} workspace. Each operation is one
 * transaction, so concurrent registrations get distinct version numbers.
 */
final class SqliteModelRegistry implements ModelRegistry {
    /** The stage MLflow gives a deleted version; such versions are invisible but keep their number. */
    private static final String DELETED_INTERNAL = "Deleted_Internal";

    private static final String WORKSPACE = SqliteSchema.WORKSPACE;

    private final SqliteDatabase db;
    private final SqliteTrackingStore store;

    SqliteModelRegistry(SqliteDatabase db, SqliteTrackingStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public void createRegisteredModel(String name) {
        validateName(name);
        db.write(c -> {
            long now = System.currentTimeMillis();
            Sql.update(
                    c,
                    "INSERT OR IGNORE INTO registered_models (name, creation_time, last_updated_time, description,"
                            + " workspace) VALUES (?, ?, ?, NULL, ?)",
                    name,
                    now,
                    now,
                    WORKSPACE);
            return null;
        });
    }

    @Override
    public ModelVersion createModelVersion(String name, String source, String runId) {
        validateName(name);
        requireSource(name, source);
        return db.write(c -> createVersion(c, name, source, runId, storageLocation(c, source)));
    }

    /** The version's files are the logged model's; its run is the model's unless given. */
    @Override
    public ModelVersion createModelVersion(String name, String source, String runId, String modelId) {
        validateName(name);
        requireSource(name, source);
        LoggedModel model = store.getLoggedModel(modelId);
        return db.write(c ->
                createVersion(c, name, source, runId != null ? runId : model.sourceRunId(), model.artifactLocation()));
    }

    private ModelVersion createVersion(Connection c, String name, String source, String runId, String storageLocation)
            throws SQLException {
        registeredModel(c, name);
        long version = ((Number) Sql.value(
                        c,
                        "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE workspace = ?"
                                + " AND name = ?",
                        WORKSPACE,
                        name))
                .longValue();
        long now = System.currentTimeMillis();
        Sql.update(
                c,
                "INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id,"
                        + " current_stage, source, run_id, status, status_message, run_link, storage_location, workspace)"
                        + " VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                name,
                version,
                now,
                now,
                ModelStages.NONE,
                source,
                runId,
                ModelVersion.READY,
                storageLocation,
                WORKSPACE);
        Sql.update(
                c,
                "UPDATE registered_models SET last_updated_time = ? WHERE workspace = ? AND name = ?",
                now,
                WORKSPACE,
                name);
        return version(c, name, Long.toString(version));
    }

    private static void requireSource(String name, String source) {
        if (source == null || source.isBlank()) {
            throw MlflowException.invalidParameter("The source of the new version of '" + name + "' is empty. Give"
                    + " the model's location, such as runs:/<run id>/model.");
        }
    }

    /** A {@code models:/<name>/<version>} source is stored as given, its files found through that version. */
    private String storageLocation(Connection c, String source) throws SQLException {
        if (!source.startsWith("models:")) {
            return source;
        }
        String[] parts =
                source.substring("models:".length()).replaceFirst("^/+", "").split("/");
        if (parts.length != 2 || !parts[1].matches("\\d+")) {
            throw MlflowException.invalidParameter(
                    "Unable to fetch model from model URI source '" + source + "'. Use models:/<name>/<version>.");
        }
        return downloadUri(version(c, parts[0], parts[1]), row(c, parts[0], parts[1]));
    }

    @Override
    public ModelVersion getModelVersion(String name, String version) {
        return db.read(c -> version(c, name, version));
    }

    /** Versions are READY when created: nothing to wait for. */
    @Override
    public ModelVersion awaitReady(String name, String version, Duration timeout) {
        ModelVersion v = getModelVersion(name, version);
        if (!ModelVersion.READY.equals(v.status())) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Model version " + name + "/" + version + " is " + v.status()
                            + (v.statusMessage().isEmpty() ? "" : ": " + v.statusMessage()) + ".");
        }
        return v;
    }

    @Override
    public void setAlias(String name, String alias, String version) {
        RegistryNames.validateAlias(alias);
        db.write(c -> {
            version(c, name, version);
            Sql.update(
                    c,
                    "INSERT INTO registered_model_aliases (alias, version, name, workspace) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (workspace, name, alias) DO UPDATE SET version = excluded.version",
                    alias,
                    Long.parseLong(version),
                    name,
                    WORKSPACE);
            return null;
        });
    }

    @Override
    public void deleteAlias(String name, String alias) {
        RegistryNames.validateAlias(alias);
        db.write(c -> {
            registeredModel(c, name);
            Sql.update(
                    c,
                    "DELETE FROM registered_model_aliases WHERE workspace = ? AND name = ? AND alias = ?",
                    WORKSPACE,
                    name,
                    alias);
            return null;
        });
    }

    // MLflow's SQL store leaves last_updated_time alone when tags change; so does this.
    @Override
    public void setRegisteredModelTag(String name, String key, String value) {
        RegistryNames.validateTag(key, value);
        db.write(c -> {
            registeredModel(c, name);
            Sql.update(
                    c,
                    "INSERT INTO registered_model_tags (\"key\", value, name, workspace) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (workspace, \"key\", name) DO UPDATE SET value = excluded.value",
                    key,
                    value,
                    name,
                    WORKSPACE);
            return null;
        });
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        RegistryNames.validateTagKey(key);
        db.write(c -> {
            registeredModel(c, name);
            Sql.update(
                    c,
                    "DELETE FROM registered_model_tags WHERE workspace = ? AND name = ? AND \"key\" = ?",
                    WORKSPACE,
                    name,
                    key);
            return null;
        });
    }

    @Override
    public Map<String, String> getRegisteredModelTags(String name) {
        return db.read(c -> {
            registeredModel(c, name);
            return tags(Sql.rows(
                    c,
                    "SELECT \"key\", value FROM registered_model_tags WHERE workspace = ? AND name = ?",
                    WORKSPACE,
                    name));
        });
    }

    @Override
    public void setModelVersionTag(String name, String version, String key, String value) {
        RegistryNames.validateTag(key, value);
        db.write(c -> {
            Object number = version(c, name, version).version();
            Sql.update(
                    c,
                    "INSERT INTO model_version_tags (\"key\", value, name, version, workspace) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (workspace, \"key\", name, version) DO UPDATE SET value = excluded.value",
                    key,
                    value,
                    name,
                    Long.parseLong(number.toString()),
                    WORKSPACE);
            return null;
        });
    }

    @Override
    public void deleteModelVersionTag(String name, String version, String key) {
        RegistryNames.validateTagKey(key);
        db.write(c -> {
            Object number = version(c, name, version).version();
            Sql.update(
                    c,
                    "DELETE FROM model_version_tags WHERE workspace = ? AND name = ? AND version = ? AND \"key\" = ?",
                    WORKSPACE,
                    name,
                    Long.parseLong(number.toString()),
                    key);
            return null;
        });
    }

    @Override
    public Map<String, String> getModelVersionTags(String name, String version) {
        return db.read(c -> {
            Object number = version(c, name, version).version();
            return tags(Sql.rows(
                    c,
                    "SELECT \"key\", value FROM model_version_tags WHERE workspace = ? AND name = ? AND version = ?",
                    WORKSPACE,
                    name,
                    Long.parseLong(number.toString())));
        });
    }

    private static Map<String, String> tags(List<Map<String, Object>> rows) {
        Map<String, String> tags = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            tags.put((String) row.get("key"), Sql.string(row.get("value")));
        }
        return tags;
    }

    @Override
    public ModelVersion getModelVersionByAlias(String name, String alias) {
        RegistryNames.validateAlias(alias);
        return db.read(c -> {
            registeredModel(c, name);
            Object version = Sql.value(
                    c,
                    "SELECT version FROM registered_model_aliases WHERE workspace = ? AND name = ?" + " AND alias = ?",
                    WORKSPACE,
                    name,
                    alias);
            if (version == null) {
                throw MlflowException.invalidParameter("Registered model alias " + alias + " not found. Set it first:"
                        + " Mlflow.setRegisteredModelAlias(\"" + name + "\", \"" + alias + "\", <version>).");
            }
            return version(c, name, version.toString());
        });
    }

    @Override
    public ModelVersion latestVersion(String name, String stage) {
        List<String> stages = stage == null ? ModelStages.ALL : List.of(ModelStages.canonical(stage));
        return db.read(c -> {
            registeredModel(c, name);
            Object latest = null;
            for (Map<String, Object> row : Sql.rows(
                    c,
                    "SELECT version, current_stage FROM model_versions WHERE"
                            + " workspace = ? AND name = ? ORDER BY version DESC",
                    WORKSPACE,
                    name)) {
                if (stages.contains(String.valueOf(row.get("current_stage")))) {
                    latest = row.get("version");
                    break;
                }
            }
            if (latest == null) {
                throw MlflowException.notFound("Registered model '" + name + "' has no versions"
                        + (stage != null ? " in stage '" + stage + "'" : "") + ". Register one first.");
            }
            return version(c, name, latest.toString());
        });
    }

    /** The version's {@code storage_location}, else its {@code source}, as MLflow's registry answers. */
    @Override
    public String downloadUri(String name, String version) {
        return db.read(c -> downloadUri(version(c, name, version), row(c, name, version)));
    }

    private static String downloadUri(ModelVersion version, Map<String, Object> row) {
        Object location = row.get("storage_location");
        return location != null ? location.toString() : version.source();
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw MlflowException.invalidParameter("Missing value for required parameter 'name'. Give the registered"
                    + " model a name, such as 'iris-classifier'.");
        }
    }

    private static void registeredModel(Connection c, String name) throws SQLException {
        validateName(name);
        if (Sql.value(c, "SELECT 1 FROM registered_models WHERE workspace = ? AND name = ?", WORKSPACE, name) == null) {
            throw MlflowException.notFound("Registered Model with name=" + name + " not found.");
        }
    }

    private static Map<String, Object> row(Connection c, String name, String version) throws SQLException {
        long number = RegistryNames.validateVersion(version);
        return Sql.row(
                        c,
                        "SELECT * FROM model_versions WHERE workspace = ? AND name = ? AND version = ?"
                                + " AND current_stage != ?",
                        WORKSPACE,
                        name,
                        number,
                        DELETED_INTERNAL)
                .orElseThrow(() -> MlflowException.notFound(
                        "Model Version (name=" + name + ", version=" + version + ") not found."));
    }

    private static ModelVersion version(Connection c, String name, String version) throws SQLException {
        registeredModel(c, name);
        Map<String, Object> row = row(c, name, version);
        List<String> aliases = new ArrayList<>();
        for (Map<String, Object> a : Sql.rows(
                c,
                "SELECT alias FROM registered_model_aliases WHERE workspace = ? AND name = ?"
                        + " AND version = ? ORDER BY alias",
                WORKSPACE,
                name,
                row.get("version"))) {
            aliases.add((String) a.get("alias"));
        }
        Object status = row.get("status");
        Object message = row.get("status_message");
        return new ModelVersion(
                name,
                String.valueOf(row.get("version")),
                Sql.string(row.get("source")),
                Sql.string(row.get("run_id")),
                status == null ? ModelVersion.READY : status.toString(),
                message == null ? "" : message.toString(),
                aliases);
    }
}
