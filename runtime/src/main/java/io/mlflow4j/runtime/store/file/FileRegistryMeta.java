package io.mlflow4j.runtime.store.file;

import io.mlflow4j.runtime.internal.ModelStages;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.ModelVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code meta.yaml} files of MLflow's file-based model registry, key for key as MLflow 2.x
 * writes them ({@code dict(entity)} without {@code tags} and {@code latest_versions}, dumped with
 * sorted keys): {@code models/<name>/meta.yaml} for a registered model,
 * {@code models/<name>/version-<n>/meta.yaml} for a version.
 */
final class FileRegistryMeta {
    static final String FILE = "meta.yaml";
    static final String ALIASES = "aliases";
    static final String LAST_UPDATED = "last_updated_timestamp";
    static final String CURRENT_STAGE = "current_stage";
    static final String SOURCE = "source";
    static final String STORAGE_LOCATION = "storage_location";
    static final String VERSION = "version";

    private FileRegistryMeta() {}

    /**
     * A new registered model: no description, no aliases, created and updated now; for MLflow 3
     * with the keys 3.11.1 adds (no deployment job, the default workspace).
     */
    static Map<String, Object> registeredModel(String name, long now, MlflowTarget target) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(ALIASES, Map.of()); // alias -> version, a copy of the files under aliases/
        meta.put("creation_timestamp", now);
        meta.put("description", null);
        meta.put(LAST_UPDATED, now);
        meta.put("name", name);
        if (target.hasLoggedModels()) {
            meta.put("deployment_job_id", null);
            meta.put("deployment_job_state", null);
            meta.put("workspace", "default");
        }
        return meta;
    }

    /** A new version, READY at once (the file store copies nothing), in no stage. */
    static Map<String, Object> version(
            String name, long version, long now, String source, String runId, String storageLocation) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(ALIASES, List.of());
        meta.put("creation_timestamp", now);
        meta.put(CURRENT_STAGE, ModelStages.NONE);
        meta.put("description", null);
        meta.put(LAST_UPDATED, now);
        meta.put("name", name);
        meta.put("run_id", runId);
        meta.put("run_link", null);
        meta.put(SOURCE, source);
        meta.put("status", ModelVersion.READY);
        meta.put("status_message", null);
        meta.put(STORAGE_LOCATION, storageLocation);
        meta.put("user_id", null);
        meta.put(VERSION, version);
        return meta;
    }

    /**
     * A new version, key for key as MLflow 3.11's file registry writes it: no {@code aliases} key,
     * and {@code deployment_job_state}, {@code model_id} (the logged model's, or {@code null}) and
     * {@code workspace} added.
     */
    static Map<String, Object> mlflow3Version(
            String name, long version, long now, String source, String runId, String modelId, String storageLocation) {
        Map<String, Object> meta = version(name, version, now, source, runId, storageLocation);
        meta.remove(ALIASES);
        meta.put("deployment_job_state", null);
        meta.put("model_id", modelId);
        meta.put("workspace", "default");
        return meta;
    }

    static ModelVersion toVersion(Map<String, Object> meta, List<String> aliases) {
        Object status = meta.get("status");
        Object message = meta.get("status_message");
        return new ModelVersion(
                String.valueOf(meta.get("name")),
                String.valueOf(meta.get(VERSION)),
                text(meta.get(SOURCE)),
                text(meta.get("run_id")),
                status == null ? ModelVersion.READY : status.toString(),
                message == null ? "" : message.toString(),
                aliases);
    }

    static long versionNumber(Map<String, Object> meta) {
        Object v = meta.get(VERSION);
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
