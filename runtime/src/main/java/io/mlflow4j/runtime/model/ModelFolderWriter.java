package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.Versions;
import io.mlflow4j.runtime.store.MlflowTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes an MLflow model folder for a model: {@code MLmodel} with the {@code python_function}
 * flavor (MLflow loads it through {@code code/mlflow4j_loader.py}) and the {@code java_function}
 * flavor (Java loads it), the environment files, {@code artifacts/<name>} for each
 * {@code @Artifact}, and the model's code under {@code data/}. Everything is written into a
 * temporary folder beside the target and moved into place at the end, so a failed save leaves
 * nothing behind.
 */
public final class ModelFolderWriter {
    private static final DateTimeFormatter PY_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ModelFolderWriter() {}

    /**
     * Where a logged model sits. MLflow 2: its run and its path in the run's artifacts
     * ({@code modelId} {@code null}). MLflow 3: its run, the logged model's artifact location (which
     * MLflow 3 writes as {@code artifact_path}) and its id.
     */
    public record LogTarget(String runId, String artifactPath, String modelId) {
        public static LogTarget mlflow2(String runId, String artifactPath) {
            return new LogTarget(runId, artifactPath, null);
        }
    }

    /** A model folder that was written. */
    public record WrittenModel(Path root, String modelUuid, String utcTimeCreated, Map<String, Object> flavors) {
        /** The entry MLflow appends to the run's {@code mlflow.log-model.history} tag (Model.get_tags_dict). */
        public Map<String, Object> historyEntry(LogTarget target) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("run_id", target.runId());
            entry.put("artifact_path", target.artifactPath());
            entry.put("utc_time_created", utcTimeCreated);
            entry.put("model_uuid", modelUuid);
            entry.put("flavors", flavors);
            return entry;
        }
    }

    /**
     * @param logTarget the run and artifact path when the folder is being logged, else {@code null}
     */
    public static WrittenModel write(ModelAdapter<?> adapter, Path target, LogTarget logTarget, MlflowTarget format) {
        Path absoluteTarget = target.toAbsolutePath().normalize();
        checkTargetIsFree(absoluteTarget);
        Map<String, Path> artifacts = checkedArtifacts(adapter);
        Table example = null;
        if (adapter instanceof ColumnPredictor columns && (example = columns.inputExample()) != null) {
            InputExamples.check(adapter, columns, example);
        }
        List<Tensor> tensorExample = null;
        if (adapter instanceof TensorPredictor tensors && (tensorExample = tensors.tensorExample()) != null) {
            InputExamples.checkTensors(adapter, tensors, tensorExample);
        }
        Path staging = null;
        try {
            Files.createDirectories(absoluteTarget.getParent());
            staging = AtomicFiles.createStagingDirectory(
                    absoluteTarget.getParent(), "." + absoluteTarget.getFileName() + ".tmp-");
            for (Map.Entry<String, Path> artifact : artifacts.entrySet()) {
                Path to = staging.resolve(ModelLayout.ARTIFACTS_DIR).resolve(artifact.getKey());
                if (logTarget != null) {
                    // logging writes a throw-away folder that the store then copies or uploads: link, don't copy
                    AtomicFiles.linkOrCopyTree(artifact.getValue(), to);
                } else {
                    AtomicFiles.copyTree(artifact.getValue(), to);
                }
            }
            List<String> classpath = ClasspathPackager.packageClasspath(
                    adapter.spec().modelClass(), adapter.spec().adapterClass(), staging);
            Files.writeString(staging.resolve(ModelLayout.CLASSPATH_FILE), String.join("\n", classpath) + "\n");
            PythonFlavor.writeFiles(staging);
            Map<String, Object> exampleInfo = example != null
                    ? InputExamples.write(staging, example, adapter.inputExampleParams())
                    : tensorExample != null
                            ? InputExamples.writeTensors(staging, tensorExample, adapter.inputExampleParams())
                            : null;

            // MLflow 3 gives a logged model's folder the model's id as its uuid.
            String modelUuid = logTarget != null && logTarget.modelId() != null
                    ? logTarget.modelId()
                    : UUID.randomUUID().toString().replace("-", "");
            String created = utcNow();
            Map<String, Object> flavors = new LinkedHashMap<>();
            flavors.put(ModelLayout.PYTHON_FLAVOR, PythonFlavor.flavor());
            flavors.put(ModelLayout.JAVA_FLAVOR, javaFlavor(adapter.spec(), artifacts));
            Map<String, Object> mlmodel = mlmodel(
                    adapter.spec(),
                    flavors,
                    modelUuid,
                    created,
                    logTarget,
                    AtomicFiles.totalSize(staging, null),
                    format);
            if (exampleInfo != null) {
                mlmodel.put("saved_input_example_info", exampleInfo);
            }
            Files.writeString(staging.resolve(ModelLayout.MLMODEL), PyYaml.dump(mlmodel));

            if (Files.isDirectory(absoluteTarget)) {
                Files.delete(absoluteTarget); // empty, checked above
            }
            AtomicFiles.move(staging, absoluteTarget);
            staging = null;
            return new WrittenModel(absoluteTarget, modelUuid, created, flavors);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not save model '" + adapter.spec().name() + "' to " + absoluteTarget + ": " + e.getMessage()
                            + ". Nothing was written.",
                    e);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private static void checkTargetIsFree(Path target) {
        if (Files.isRegularFile(target)) {
            throw MlflowException.invalidParameter(
                    "Cannot save the model to " + target + ": a file is there. Choose a new folder.");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> children = Files.list(target)) {
                if (children.findAny().isPresent()) {
                    throw new MlflowException(
                            MlflowException.ErrorCode.RESOURCE_ALREADY_EXISTS,
                            "Path '" + target
                                    + "' already exists and is not empty. Save the model to a new or empty folder.");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Map<String, Path> checkedArtifacts(ModelAdapter<?> adapter) {
        ModelSpec spec = adapter.spec();
        Map<String, Path> sources = adapter.artifactSources();
        Map<String, Path> checked = new LinkedHashMap<>();
        for (String name : spec.artifactNames()) {
            Path source = sources.get(name);
            if (source == null) {
                throw MlflowException.invalidParameter(
                        "Artifact '" + name + "' of " + spec.modelClass().getSimpleName()
                                + " is not set. Set its @Artifact field to the file or folder to package before saving.");
            }
            if (!Files.exists(source)) {
                throw MlflowException.invalidParameter("Artifact '" + name + "' of "
                        + spec.modelClass().getSimpleName() + " points to " + source.toAbsolutePath()
                        + ", which does not exist. Set the field to an existing file or folder.");
            }
            checked.put(name, source.toAbsolutePath().normalize());
        }
        return checked;
    }

    private static Map<String, Object> javaFlavor(ModelSpec spec, Map<String, Path> artifacts) {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("adapter_class", spec.adapterClass().getName());
        if (!artifacts.isEmpty()) {
            // Same shape as python_function's artifacts: {name: {path, uri}}.
            Map<String, Object> described = new LinkedHashMap<>();
            artifacts.forEach((name, source) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", ModelLayout.ARTIFACTS_DIR + "/" + name);
                entry.put("uri", source.toString());
                described.put(name, entry);
            });
            flavor.put("artifacts", described);
        }
        flavor.put("classpath", ModelLayout.CLASSPATH_FILE);
        flavor.put("data", ModelLayout.DATA_DIR);
        flavor.put("java_version", System.getProperty("java.specification.version"));
        flavor.put("mlflow4j_version", Versions.mlflow4j());
        flavor.put("model_class", spec.modelClass().getName());
        return flavor;
    }

    private static Map<String, Object> mlmodel(
            ModelSpec spec,
            Map<String, Object> flavors,
            String modelUuid,
            String created,
            LogTarget logTarget,
            long sizeBytes,
            MlflowTarget format) {
        Map<String, Object> mlmodel = new LinkedHashMap<>();
        if (logTarget != null) {
            mlmodel.put("artifact_path", logTarget.artifactPath());
            mlmodel.put("run_id", logTarget.runId());
        }
        mlmodel.put("flavors", flavors);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("mlflow4j_version", Versions.mlflow4j());
        metadata.put("model_name", spec.name());
        if (!spec.description().isEmpty()) {
            metadata.put("model_description", spec.description());
        }
        mlmodel.put("metadata", metadata);
        // The MLflow release whose format this folder follows; MLflow only reads it for messages.
        mlmodel.put("mlflow_version", format.hasLoggedModels() ? Versions.MLFLOW_3_FORMAT : Versions.MLFLOW_FORMAT);
        // MLflow sums the folder's files at save time, before MLmodel itself is written.
        mlmodel.put("model_size_bytes", sizeBytes);
        mlmodel.put("model_uuid", modelUuid);
        mlmodel.put("signature", spec.signature().toMlmodelMap());
        mlmodel.put("utc_time_created", created);
        if (format.hasLoggedModels()) {
            // The keys MLflow 3.11 writes for every python_function model, with the values it
            // writes for a model without type hints or prompts (model_id is null when saved, not logged).
            mlmodel.put("is_signature_from_type_hint", false);
            mlmodel.put("model_id", logTarget == null ? null : logTarget.modelId());
            mlmodel.put("prompts", null);
            mlmodel.put("type_hint_from_example", false);
        }
        return mlmodel;
    }

    /** Python's {@code str(datetime.utcnow())}: microseconds, omitted when zero. */
    static String utcNow() {
        return pythonDatetime(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    static String pythonDatetime(LocalDateTime time) {
        String base = PY_DATETIME.format(time);
        int micros = time.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }
}
