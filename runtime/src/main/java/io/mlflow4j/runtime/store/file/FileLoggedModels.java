package io.mlflow4j.runtime.store.file;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.PythonFloats;
import io.mlflow4j.runtime.internal.StagingFolders;
import io.mlflow4j.runtime.internal.TrackingNames;
import io.mlflow4j.runtime.store.Experiment;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * MLflow 3's logged models in a file store, as MLflow's {@code FileStore} lays them out:
 * {@code <exp>/models/m-<id>/meta.yaml}, {@code params/}, {@code tags/}, {@code metrics/} and
 * {@code artifacts/}, and the run's link to it in {@code <exp>/<run>/outputs/m-<id>/meta.yaml}.
 */
final class FileLoggedModels {
    private final StoreLock lock;
    private final Supplier<List<Path>> experimentDirs;

    FileLoggedModels(StoreLock lock, Supplier<List<Path>> experimentDirs) {
        this.lock = lock;
        this.experimentDirs = experimentDirs;
    }

    LoggedModel create(
            Experiment experiment,
            Path experimentDir,
            String name,
            String sourceRunId,
            Map<String, String> params,
            Map<String, String> tags) {
        TrackingNames.validateKey("Logged model name", name);
        String modelId = "m-" + UUID.randomUUID().toString().replace("-", "");
        Path dir = experimentDir.resolve("models").resolve(modelId);
        long now = System.currentTimeMillis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(
                "artifact_location",
                experiment.artifactLocation().replaceAll("/+$", "") + "/models/" + modelId + "/artifacts");
        meta.put("creation_timestamp", now);
        meta.put("experiment_id", experiment.experimentId());
        meta.put("last_updated_timestamp", now);
        meta.put("lifecycle_stage", "active");
        meta.put("model_id", modelId);
        meta.put("model_type", null);
        meta.put("name", name);
        meta.put("source_run_id", sourceRunId);
        meta.put("status", LoggedModelStatus.PENDING.fileStoreNumber());
        meta.put("status_message", null);
        try {
            Files.createDirectories(dir.resolve("metrics"));
            Files.createDirectories(dir.resolve("params"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create the logged model folder " + dir + ": " + e.getMessage(), e);
        }
        params.forEach((key, value) -> {
            TrackingNames.validateKey("Param", key);
            AtomicFiles.writeString(dir.resolve("params").resolve(key), TrackingNames.paramValue(key, value));
        });
        writeTags(dir, tags);
        AtomicFiles.writeString(dir.resolve("meta.yaml"), PyYaml.dump(meta));
        return readModel(dir);
    }

    /** {@code <run dir>/outputs/<model id>/meta.yaml}, field for field as MLflow 3.11 wrote it in the recorded store. */
    void logOutput(Path runDir, String modelId, long step) {
        Path meta = runDir.resolve("outputs").resolve(modelId).resolve("meta.yaml");
        if (Files.exists(meta)) {
            return;
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("destination_id", modelId);
        output.put("destination_type", "MODEL_OUTPUT");
        output.put("source_id", modelId);
        output.put("source_type", "RUN_OUTPUT");
        output.put("step", step);
        output.put("tags", Map.of());
        AtomicFiles.writeString(meta, PyYaml.dump(output));
    }

    void logArtifacts(LoggedModel model, Path localDir) {
        Path target = artifactDir(model);
        if (Files.exists(target)) {
            throw MlflowException.invalidParameter("The logged model " + model.modelId() + " already has files at "
                    + target + ". Log the model again to get a new logged model.");
        }
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            // beside the model's artifacts, where MLflow lists nothing; stale ones of other models go too
            staging = StagingFolders.create(target.getParent(), FileTrackingStore.STAGING_PREFIX);
            StagingFolders.deleteStaleInChildren(target.getParent().getParent(), FileTrackingStore.STAGING_PREFIX);
            AtomicFiles.copyTree(localDir, staging.resolve("content"));
            AtomicFiles.move(staging.resolve("content"), target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not store the files of logged model " + model.modelId() + " at " + target + ": "
                            + e.getMessage() + ". Nothing was stored.",
                    e);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    LoggedModel finalize(String modelId, LoggedModelStatus status) {
        return lock.withLock(() -> {
            Path dir = modelDir(modelId);
            Map<String, Object> meta = new LinkedHashMap<>(PyYaml.load(read(dir.resolve("meta.yaml"))));
            meta.put("status", status.fileStoreNumber());
            meta.put("last_updated_timestamp", System.currentTimeMillis());
            meta.remove("lifecycle_stage"); // MLflow's finalize_logged_model rewrites meta.yaml without it
            AtomicFiles.writeString(dir.resolve("meta.yaml"), PyYaml.dump(meta));
            return readModel(dir);
        });
    }

    void setTags(String modelId, Map<String, String> tags) {
        writeTags(modelDir(modelId), tags);
    }

    /** One line per value, {@code <timestamp> <value> <step> <run id>}, as MLflow appends a model's metric. */
    void logMetric(String modelId, String runId, String key, double value, long timestamp, long step) {
        TrackingNames.validateKey("Metric", key);
        Path file = modelDir(modelId).resolve("metrics").resolve(key);
        String line = timestamp + " " + PythonFloats.repr(value) + " " + step + " " + runId + "\n";
        lock.withLock(() -> {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(
                        file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not write metric " + key + " to " + file + ": " + e.getMessage(), e);
            }
        });
    }

    LoggedModel get(String modelId) {
        return readModel(modelDir(modelId));
    }

    List<LoggedModel> search(Path experimentDir, String name) {
        Path models = experimentDir.resolve("models");
        if (!Files.isDirectory(models)) {
            return List.of();
        }
        List<Map.Entry<Long, LoggedModel>> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(models)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("meta.yaml")))
                    .toList()) {
                Map<String, Object> meta = PyYaml.load(read(dir.resolve("meta.yaml")));
                if (name.equals(meta.get("name")) && !"deleted".equals(meta.get("lifecycle_stage"))) {
                    found.add(Map.entry(((Number) meta.get("creation_timestamp")).longValue(), readModel(dir)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list logged models in " + models + ": " + e.getMessage(), e);
        }
        found.sort(Map.Entry.<Long, LoggedModel>comparingByKey(Comparator.reverseOrder()));
        return found.stream().map(Map.Entry::getValue).toList();
    }

    Path artifactDir(LoggedModel model) {
        if (!model.artifactLocation().startsWith("file:")) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Logged model " + model.modelId() + " stores its files at " + model.artifactLocation()
                            + ", which this file store cannot write to.");
        }
        return Paths.get(URI.create(model.artifactLocation()));
    }

    private Path modelDir(String modelId) {
        if (modelId == null || !modelId.matches("m-[0-9a-f]{32}")) {
            throw MlflowException.invalidParameter(
                    "'" + modelId + "' is not a logged model id; one looks like m-<32 hex digits>.");
        }
        for (Path experiment : experimentDirs.get()) {
            Path dir = experiment.resolve("models").resolve(modelId);
            if (Files.isRegularFile(dir.resolve("meta.yaml"))) {
                return dir;
            }
        }
        throw MlflowException.notFound("Logged model '" + modelId + "' not found.");
    }

    private static void writeTags(Path dir, Map<String, String> tags) {
        tags.forEach((key, value) -> {
            TrackingNames.validateKey("Tag", key);
            AtomicFiles.writeString(dir.resolve("tags").resolve(key), TrackingNames.tagValue(key, value));
        });
    }

    private static LoggedModel readModel(Path dir) {
        Map<String, Object> meta = PyYaml.load(read(dir.resolve("meta.yaml")));
        Object runId = meta.get("source_run_id");
        return new LoggedModel(
                String.valueOf(meta.get("model_id")),
                String.valueOf(meta.get("experiment_id")),
                String.valueOf(meta.get("name")),
                String.valueOf(meta.get("artifact_location")),
                runId == null ? null : runId.toString(),
                LoggedModelStatus.fromFileStoreNumber(((Number) meta.get("status")).intValue()),
                FileTrackingStore.readValues(dir.resolve("params"), "params of " + dir),
                FileTrackingStore.readValues(dir.resolve("tags"), "tags of " + dir));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
