package io.mlflow4j.runtime.store.file;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.ModelStages;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.RegistryNames;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The model registry of a local {@code mlruns} folder, in the layout of MLflow's file-based
 * registry ({@code mlflow/store/model_registry/file_store.py}), so MLflow reads what this writes
 * and the other way round:
 *
 * <pre>
 * mlruns/models/&lt;name&gt;/meta.yaml              the registered model
 * mlruns/models/&lt;name&gt;/aliases/&lt;alias&gt;         the version number the alias points at
 * mlruns/models/&lt;name&gt;/version-&lt;n&gt;/meta.yaml    a version: source, run id, stage, status
 * </pre>
 *
 * A version's files are not copied: its {@code source} is the run's artifact folder
 * ({@code file:///.../artifacts/model}). Every read-modify-write runs under the store's
 * {@link StoreLock} (threads and processes), so concurrent registrations get distinct version
 * numbers; files are replaced atomically.
 */
final class FileModelRegistry implements ModelRegistry {
    private static final String TAGS = "tags";
    private final Path models;
    private final StoreLock lock;
    private final MlflowTarget target;
    private final Function<String, LoggedModel> loggedModels;

    /** The registry of the {@code mlruns} folder {@code storeRoot} (it lives in {@code storeRoot/models}). */
    public FileModelRegistry(Path storeRoot) {
        this(new FileTrackingStore(storeRoot));
    }

    /** The registry of a file store, written in the layout of the store's MLflow version. */
    public FileModelRegistry(FileTrackingStore store) {
        Path root = store.root();
        this.models = root.resolve("models");
        this.lock = new StoreLock(root);
        this.target = store.target();
        this.loggedModels = store::getLoggedModel;
    }

    @Override
    public void createRegisteredModel(String name) {
        RegistryNames.validateFileStoreModelName(name);
        lock.withLock(() -> {
            Path meta = models.resolve(name).resolve(FileRegistryMeta.FILE);
            if (!Files.isRegularFile(meta)) {
                write(meta, FileRegistryMeta.registeredModel(name, System.currentTimeMillis(), target));
            }
        });
    }

    @Override
    public ModelVersion createModelVersion(String name, String source, String runId) {
        RegistryNames.validateFileStoreModelName(name);
        requireSource(name, source);
        return createVersion(name, source, runId, null, storageLocation(source));
    }

    /** The logged model's run and artifact location come from the file store it lives in. */
    @Override
    public ModelVersion createModelVersion(String name, String source, String runId, String modelId) {
        RegistryNames.validateFileStoreModelName(name);
        requireSource(name, source);
        LoggedModel model = loggedModels.apply(modelId);
        return createVersion(
                name, source, runId != null ? runId : model.sourceRunId(), modelId, model.artifactLocation());
    }

    private static void requireSource(String name, String source) {
        if (source == null || source.isBlank()) {
            throw MlflowException.invalidParameter("The source of the new version of '" + name + "' is empty. Give"
                    + " the model's location, such as runs:/<run id>/model.");
        }
    }

    private ModelVersion createVersion(
            String name, String source, String runId, String modelId, String storageLocation) {
        return lock.withLock(() -> {
            Path modelDir = existingModelDir(name);
            long now = System.currentTimeMillis();
            long version = nextVersion(modelDir);
            Map<String, Object> meta = target.hasLoggedModels()
                    ? FileRegistryMeta.mlflow3Version(name, version, now, source, runId, modelId, storageLocation)
                    : FileRegistryMeta.version(name, version, now, source, runId, storageLocation);
            write(modelDir.resolve("version-" + version).resolve(FileRegistryMeta.FILE), meta);
            touch(modelDir, now);
            return FileRegistryMeta.toVersion(meta, List.of());
        });
    }

    @Override
    public ModelVersion getModelVersion(String name, String version) {
        Map<String, Object> meta = versionMeta(name, version);
        return FileRegistryMeta.toVersion(meta, aliasesOf(models.resolve(name), String.valueOf(meta.get("version"))));
    }

    /** Versions in a file store are READY as soon as they exist. */
    @Override
    public ModelVersion awaitReady(String name, String version, Duration timeout) {
        ModelVersion current = getModelVersion(name, version);
        if (!ModelVersion.READY.equals(current.status())) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Version " + version + " of model '" + name + "' is " + current.status() + ": "
                            + current.statusMessage() + ". Register it again.");
        }
        return current;
    }

    @Override
    public void setAlias(String name, String alias, String version) {
        RegistryNames.validateFileStoreModelName(name);
        RegistryNames.validateAlias(alias);
        lock.withLock(() -> {
            versionMeta(name, version);
            Path modelDir = models.resolve(name);
            AtomicFiles.writeString(modelDir.resolve(FileRegistryMeta.ALIASES).resolve(alias), version);
            touch(modelDir, System.currentTimeMillis());
        });
    }

    @Override
    public void deleteAlias(String name, String alias) {
        RegistryNames.validateFileStoreModelName(name);
        RegistryNames.validateAlias(alias);
        lock.withLock(() -> {
            Path modelDir = existingModelDir(name);
            try {
                if (Files.deleteIfExists(
                        modelDir.resolve(FileRegistryMeta.ALIASES).resolve(alias))) {
                    touch(modelDir, System.currentTimeMillis());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Could not delete alias '" + alias + "' of model '" + name + "': " + e.getMessage(), e);
            }
        });
    }

    // As MLflow's file store: a tag is a file under tags/ (a key with slashes makes folders), and
    // every change moves the registered model's last_updated_timestamp.
    @Override
    public void setRegisteredModelTag(String name, String key, String value) {
        RegistryNames.validateTag(key, value);
        lock.withLock(() -> {
            Path modelDir = existingModelDir(name);
            AtomicFiles.writeString(modelDir.resolve(TAGS).resolve(key), value);
            touch(modelDir, System.currentTimeMillis());
        });
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        RegistryNames.validateTagKey(key);
        lock.withLock(() -> {
            Path modelDir = existingModelDir(name);
            if (deleteTag(modelDir, key)) {
                touch(modelDir, System.currentTimeMillis());
            }
        });
    }

    @Override
    public Map<String, String> getRegisteredModelTags(String name) {
        return tags(existingModelDir(name));
    }

    @Override
    public void setModelVersionTag(String name, String version, String key, String value) {
        RegistryNames.validateTag(key, value);
        lock.withLock(() -> {
            Path versionDir = versionDir(name, version);
            AtomicFiles.writeString(versionDir.resolve(TAGS).resolve(key), value);
            touch(versionDir.getParent(), System.currentTimeMillis());
        });
    }

    @Override
    public void deleteModelVersionTag(String name, String version, String key) {
        RegistryNames.validateTagKey(key);
        lock.withLock(() -> {
            Path versionDir = versionDir(name, version);
            if (deleteTag(versionDir, key)) {
                touch(versionDir.getParent(), System.currentTimeMillis());
            }
        });
    }

    @Override
    public Map<String, String> getModelVersionTags(String name, String version) {
        return tags(versionDir(name, version));
    }

    private Path versionDir(String name, String version) {
        Map<String, Object> meta = versionMeta(name, version);
        return models.resolve(name).resolve("version-" + meta.get("version"));
    }

    private static boolean deleteTag(Path dir, String key) {
        try {
            return Files.deleteIfExists(dir.resolve(TAGS).resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete tag '" + key + "' in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The files under {@code dir/tags/}, by their path below it. */
    private static Map<String, String> tags(Path dir) {
        Map<String, String> tags = new TreeMap<>();
        Path tagsDir = dir.resolve(TAGS);
        if (!Files.isDirectory(tagsDir)) {
            return tags;
        }
        try (Stream<Path> files = Files.walk(tagsDir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")) // a write in progress
                    .forEach(f -> tags.put(tagsDir.relativize(f).toString().replace('\\', '/'), read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the tags in " + tagsDir + ": " + e.getMessage(), e);
        }
        return tags;
    }

    @Override
    public ModelVersion getModelVersionByAlias(String name, String alias) {
        RegistryNames.validateFileStoreModelName(name);
        RegistryNames.validateAlias(alias);
        Path file = existingModelDir(name).resolve(FileRegistryMeta.ALIASES).resolve(alias);
        if (!Files.isRegularFile(file)) {
            throw MlflowException.invalidParameter("Registered model alias " + alias + " not found. Set it first:"
                    + " Mlflow.setRegisteredModelAlias(\"" + name + "\", \"" + alias + "\", <version>).");
        }
        return getModelVersion(name, read(file).strip());
    }

    @Override
    public ModelVersion latestVersion(String name, String stage) {
        RegistryNames.validateFileStoreModelName(name);
        Set<String> stages = stage == null ? Set.copyOf(ModelStages.ALL) : Set.of(ModelStages.canonical(stage));
        Path modelDir = existingModelDir(name);
        Map<String, Object> latest = null;
        for (Map<String, Object> meta : versionMetas(modelDir)) {
            if (stages.contains(String.valueOf(meta.get(FileRegistryMeta.CURRENT_STAGE)))
                    && (latest == null
                            || FileRegistryMeta.versionNumber(meta) > FileRegistryMeta.versionNumber(latest))) {
                latest = meta;
            }
        }
        if (latest == null) {
            throw MlflowException.notFound("Registered model '" + name + "' has no versions"
                    + (stage != null ? " in stage '" + stage + "'" : "") + ". Register one first.");
        }
        return FileRegistryMeta.toVersion(latest, aliasesOf(modelDir, String.valueOf(latest.get("version"))));
    }

    /** The version's {@code storage_location}, else its {@code source}, as MLflow's file store answers. */
    @Override
    public String downloadUri(String name, String version) {
        Map<String, Object> meta = versionMeta(name, version);
        Object location = meta.get(FileRegistryMeta.STORAGE_LOCATION);
        return String.valueOf(location != null ? location : meta.get(FileRegistryMeta.SOURCE));
    }

    // ---- files ----

    /** A {@code models:/<name>/<version>} source is stored as given, its files found through that version. */
    private String storageLocation(String source) {
        if (!source.startsWith("models:")) {
            return source;
        }
        String[] parts =
                source.substring("models:".length()).replaceFirst("^/+", "").split("/");
        if (parts.length != 2 || !parts[1].matches("\\d+")) {
            throw MlflowException.invalidParameter(
                    "Unable to fetch model from model URI source '" + source + "'. Use models:/<name>/<version>.");
        }
        return downloadUri(parts[0], parts[1]);
    }

    private Path existingModelDir(String name) {
        RegistryNames.validateFileStoreModelName(name);
        Path dir = models.resolve(name);
        if (!Files.isRegularFile(dir.resolve(FileRegistryMeta.FILE))) {
            throw MlflowException.notFound("Registered Model with name=" + name + " not found in " + models + ".");
        }
        return dir;
    }

    /** The meta of a live version; deleted versions (stage {@code Deleted_Internal}) are not found. */
    private Map<String, Object> versionMeta(String name, String version) {
        RegistryNames.validateVersion(version);
        Path file = existingModelDir(name).resolve("version-" + version).resolve(FileRegistryMeta.FILE);
        Map<String, Object> meta = Files.isRegularFile(file) ? PyYaml.load(read(file)) : null;
        if (meta == null || ModelStages.DELETED_INTERNAL.equals(meta.get(FileRegistryMeta.CURRENT_STAGE))) {
            throw MlflowException.notFound("Model Version (name=" + name + ", version=" + version + ") not found.");
        }
        return meta;
    }

    private static List<Map<String, Object>> versionMetas(Path modelDir) {
        List<Map<String, Object>> metas = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(modelDir)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("version-"))
                    .sorted()
                    .toList()) {
                Path file = dir.resolve(FileRegistryMeta.FILE);
                if (Files.isRegularFile(file)) {
                    metas.add(PyYaml.load(read(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the versions in " + modelDir + ": " + e.getMessage(), e);
        }
        return metas;
    }

    /** One more than the highest version ever created, deleted ones included, as MLflow counts. */
    private static long nextVersion(Path modelDir) {
        long highest = 0;
        for (Map<String, Object> meta : versionMetas(modelDir)) {
            highest = Math.max(highest, FileRegistryMeta.versionNumber(meta));
        }
        return highest + 1;
    }

    /** Alias name to version, read from the files under {@code aliases/}. */
    private static Map<String, String> aliases(Path modelDir) {
        Map<String, String> aliases = new TreeMap<>();
        Path dir = modelDir.resolve(FileRegistryMeta.ALIASES);
        if (!Files.isDirectory(dir)) {
            return aliases;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .forEach(f -> aliases.put(f.getFileName().toString(), read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the aliases in " + dir + ": " + e.getMessage(), e);
        }
        return aliases;
    }

    private static List<String> aliasesOf(Path modelDir, String version) {
        return aliases(modelDir).entrySet().stream()
                .filter(e -> e.getValue().equals(version))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Rewrites the registered model's meta.yaml with {@code last_updated_timestamp} now and the
     * {@code aliases} map as the alias files say, as MLflow does after every change.
     */
    private static void touch(Path modelDir, long now) {
        Path file = modelDir.resolve(FileRegistryMeta.FILE);
        Map<String, Object> meta = PyYaml.load(read(file));
        meta.put(FileRegistryMeta.ALIASES, aliases(modelDir));
        meta.put(FileRegistryMeta.LAST_UPDATED, now);
        write(file, meta);
    }

    private static void write(Path file, Map<String, Object> meta) {
        AtomicFiles.writeString(file, PyYaml.dump(meta));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
