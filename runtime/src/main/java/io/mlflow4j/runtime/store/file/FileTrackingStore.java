package io.mlflow4j.runtime.store.file;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.FileUris;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.PythonFloats;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.internal.RegistryNames;
import io.mlflow4j.runtime.internal.StagingFolders;
import io.mlflow4j.runtime.internal.TrackingNames;
import io.mlflow4j.runtime.store.Experiment;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.LoggedModelStatus;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.ModelRegistry;
import io.mlflow4j.runtime.store.RunInfo;
import io.mlflow4j.runtime.store.RunStatus;
import io.mlflow4j.runtime.store.TrackingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local {@code mlruns} folder, in exactly the layout MLflow's own {@code FileStore} writes and
 * reads (MLflow 2.x, and 3.x up to its file store's removal): {@code <exp>/meta.yaml},
 * {@code <exp>/<run>/meta.yaml}, {@code params/}, {@code metrics/}, {@code tags/},
 * {@code artifacts/}. Safe for several threads and several processes at once: every
 * read-modify-write runs under {@link StoreLock}, and files are replaced atomically.
 */
public final class FileTrackingStore implements TrackingStore {
    static final String DEFAULT_EXPERIMENT_ID = "0";
    private static final Logger LOG = LoggerFactory.getLogger(FileTrackingStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final StoreLock lock;
    private final MlflowTarget target;
    private final FileLoggedModels loggedModels;

    /** A file store written for MLflow 3, unless {@link MlflowTarget#configured()} says 2. */
    public FileTrackingStore(Path root) {
        this(root, MlflowTarget.configured() == null ? MlflowTarget.MLFLOW_3 : MlflowTarget.configured());
    }

    public FileTrackingStore(Path root, MlflowTarget target) {
        this.root = root.toAbsolutePath().normalize();
        this.lock = new StoreLock(this.root);
        this.target = target;
        this.loggedModels = new FileLoggedModels(lock, this::experimentDirs);
    }

    public Path root() {
        return root;
    }

    @Override
    public String trackingUri() {
        return fileUri(root);
    }

    /** MLflow's file-based model registry, under {@code <root>/models}. */
    @Override
    public ModelRegistry registry() {
        return new FileModelRegistry(this);
    }

    // ---- experiments ----

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        ensureDefaultExperiment();
        for (Path dir : experimentDirs()) {
            Map<String, Object> meta = readYaml(dir.resolve("meta.yaml"));
            if (name.equals(meta.get("name"))) {
                return Optional.of(toExperiment(meta));
            }
        }
        return Optional.empty();
    }

    @Override
    public Experiment getExperiment(String experimentId) {
        ensureDefaultExperiment();
        Path meta = root.resolve(experimentId).resolve("meta.yaml");
        if (!experimentId.matches("\\d+") || !Files.isRegularFile(meta)) {
            throw MlflowException.notFound("Could not find experiment with ID " + experimentId + " in " + root + ".");
        }
        return toExperiment(readYaml(meta));
    }

    // As MLflow's file store: a file per tag under <experiment>/tags/ (a key with slashes makes folders).
    @Override
    public void setExperimentTag(String experimentId, String key, String value) {
        RegistryNames.validateExperimentTag(key, value);
        lock.withLock(() -> {
            requireActive(getExperiment(experimentId));
            AtomicFiles.writeString(root.resolve(experimentId).resolve("tags").resolve(key), value);
        });
    }

    @Override
    public Map<String, String> getExperimentTags(String experimentId) {
        getExperiment(experimentId);
        Map<String, String> tags = new TreeMap<>();
        Path dir = root.resolve(experimentId).resolve("tags");
        if (!Files.isDirectory(dir)) {
            return tags;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")) // a write in progress
                    .toList()) {
                tags.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the tags in " + dir + ": " + e.getMessage(), e);
        }
        return tags;
    }

    private static void requireActive(Experiment experiment) {
        if (!"active".equals(experiment.lifecycleStage())) {
            throw MlflowException.invalidParameter("The experiment " + experiment.experimentId()
                    + " must be in the 'active' lifecycle_stage to set tags");
        }
    }

    @Override
    public String createExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw MlflowException.invalidParameter(
                    "Invalid experiment name: '" + name + "'. Give the experiment a non-empty name.");
        }
        return lock.withLock(() -> {
            if (getExperimentByName(name).isPresent()) {
                throw new MlflowException(
                        MlflowException.ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment '" + name + "' already exists.");
            }
            String id;
            do {
                id = Long.toString(100_000_000_000_000_000L
                        + Math.floorMod(RANDOM.nextLong(), 900_000_000_000_000_000L)); // 18 digits, as MLflow's
            } while (Files.exists(root.resolve(id)));
            writeExperiment(id, name);
            return id;
        });
    }

    @Override
    public Experiment getOrCreateExperiment(String name) {
        return lock.withLock(() -> {
            Optional<Experiment> existing = getExperimentByName(name);
            Experiment experiment = existing.orElseGet(() -> getExperiment(createExperiment(name)));
            if (!"active".equals(experiment.lifecycleStage())) {
                throw MlflowException.invalidParameter("Cannot use the deleted experiment '" + name + "'. Restore it,"
                        + " or delete it permanently (remove " + root.resolve(".trash") + "/"
                        + experiment.experimentId()
                        + ") to create a new one.");
            }
            return experiment;
        });
    }

    private void ensureDefaultExperiment() {
        if (Files.isRegularFile(root.resolve(DEFAULT_EXPERIMENT_ID).resolve("meta.yaml"))) {
            return;
        }
        lock.withLock(() -> {
            if (!Files.isRegularFile(root.resolve(DEFAULT_EXPERIMENT_ID).resolve("meta.yaml"))) {
                writeExperiment(DEFAULT_EXPERIMENT_ID, "Default");
            }
        });
    }

    private void writeExperiment(String id, String name) {
        long now = System.currentTimeMillis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", fileUri(root.resolve(id)));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        AtomicFiles.writeString(root.resolve(id).resolve("meta.yaml"), PyYaml.dump(meta));
    }

    private List<Path> experimentDirs() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                    .filter(d -> Files.isRegularFile(d.resolve("meta.yaml")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list experiments in " + root, e);
        }
    }

    private static Experiment toExperiment(Map<String, Object> meta) {
        return new Experiment(
                String.valueOf(meta.get("experiment_id")),
                (String) meta.get("name"),
                (String) meta.get("artifact_location"),
                String.valueOf(meta.get("lifecycle_stage")));
    }

    // ---- runs ----

    @Override
    public RunInfo createRun(
            String experimentId, String runName, String userId, long startTime, Map<String, String> tags) {
        Experiment experiment = getExperiment(experimentId);
        if (!"active".equals(experiment.lifecycleStage())) {
            throw MlflowException.invalidParameter(
                    "Experiment " + experimentId + " is deleted; runs cannot be created in it.");
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        Path runDir = root.resolve(experimentId).resolve(runId);
        String artifactUri = experiment.artifactLocation() + "/" + runId + "/artifacts";
        RunInfo info = new RunInfo(
                runId, experimentId, runName, userId, RunStatus.RUNNING, startTime, null, artifactUri, "active");
        try {
            Files.createDirectories(runDir.resolve("metrics"));
            Files.createDirectories(runDir.resolve("params"));
            Files.createDirectories(runDir.resolve("tags"));
            Files.createDirectories(runDir.resolve("artifacts"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create run folder " + runDir + ": " + e.getMessage(), e);
        }
        writeRunMeta(runDir, info);
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        allTags.put("mlflow.runName", runName);
        for (Map.Entry<String, String> tag : allTags.entrySet()) {
            setTag(runId, tag.getKey(), tag.getValue());
        }
        return info;
    }

    @Override
    public RunInfo getRun(String runId) {
        return readRunMeta(runDir(runId));
    }

    @Override
    public RunInfo updateRun(String runId, RunStatus status, Long endTime) {
        Path dir = runDir(runId);
        return lock.withLock(() -> {
            RunInfo old = readRunMeta(dir);
            RunInfo updated = new RunInfo(
                    old.runId(),
                    old.experimentId(),
                    old.runName(),
                    old.userId(),
                    status,
                    old.startTime(),
                    endTime,
                    old.artifactUri(),
                    old.lifecycleStage());
            writeRunMeta(dir, updated);
            return updated;
        });
    }

    private void writeRunMeta(Path runDir, RunInfo info) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_uri", info.artifactUri());
        meta.put("end_time", info.endTime());
        meta.put("entry_point_name", "");
        meta.put("experiment_id", info.experimentId());
        meta.put("lifecycle_stage", info.lifecycleStage());
        meta.put("run_id", info.runId());
        meta.put("run_name", info.runName());
        meta.put("run_uuid", info.runId());
        meta.put("source_name", "");
        meta.put("source_type", 4); // SourceType.LOCAL
        meta.put("source_version", "");
        meta.put("start_time", info.startTime());
        meta.put("status", info.status().number());
        meta.put("tags", List.of());
        meta.put("user_id", info.userId());
        AtomicFiles.writeString(runDir.resolve("meta.yaml"), PyYaml.dump(meta));
    }

    private RunInfo readRunMeta(Path runDir) {
        Map<String, Object> meta = readYaml(runDir.resolve("meta.yaml"));
        Object end = meta.get("end_time");
        return new RunInfo(
                String.valueOf(meta.get("run_id")),
                String.valueOf(meta.get("experiment_id")),
                meta.get("run_name") == null ? null : String.valueOf(meta.get("run_name")),
                meta.get("user_id") == null ? null : String.valueOf(meta.get("user_id")),
                RunStatus.fromNumber(((Number) meta.get("status")).intValue()),
                ((Number) meta.get("start_time")).longValue(),
                end == null ? null : ((Number) end).longValue(),
                String.valueOf(meta.get("artifact_uri")),
                String.valueOf(meta.get("lifecycle_stage")));
    }

    private Path runDir(String runId) {
        TrackingNames.validateRunId(runId);
        for (Path experiment : experimentDirs()) {
            Path dir = experiment.resolve(runId);
            if (Files.isRegularFile(dir.resolve("meta.yaml"))) {
                return dir;
            }
        }
        throw MlflowException.notFound("Run '" + runId + "' not found in " + root
                + ". Check the run id and MLFLOW_TRACKING_URI (now " + trackingUri() + ").");
    }

    private Path activeRunDir(String runId) {
        Path dir = runDir(runId);
        RunInfo info = readRunMeta(dir);
        if (!"active".equals(info.lifecycleStage())) {
            throw MlflowException.invalidParameter("The run " + runId
                    + " must be in the 'active' state. Current state is " + info.lifecycleStage() + ".");
        }
        return dir;
    }

    // ---- params, metrics, tags ----

    @Override
    public void logParam(String runId, String key, String value) {
        TrackingNames.validateKey("Param", key);
        String stored = TrackingNames.paramValue(key, value);
        Path file = activeRunDir(runId).resolve("params").resolve(key);
        lock.withLock(() -> {
            if (Files.exists(file)) {
                String old = readString(file);
                if (!old.equals(stored)) {
                    throw MlflowException.invalidParameter(
                            "Changing param values is not allowed. Param with key='" + key
                                    + "' was already logged with value='" + old + "' for run ID='" + runId
                                    + "'. Attempted logging new value '" + stored + "'.");
                }
                return;
            }
            AtomicFiles.writeString(file, stored);
        });
    }

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step) {
        TrackingNames.validateKey("Metric", key);
        Path file = activeRunDir(runId).resolve("metrics").resolve(key);
        String line = timestamp + " " + PythonFloats.repr(value) + " " + step + "\n";
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

    @Override
    public void setTag(String runId, String key, String value) {
        TrackingNames.validateKey("Tag", key);
        String stored = TrackingNames.tagValue(key, value);
        Path file = activeRunDir(runId).resolve("tags").resolve(key);
        AtomicFiles.writeString(file, stored);
    }

    @Override
    public Map<String, String> getParams(String runId) {
        return readValues(runDir(runId).resolve("params"), "params of run " + runId);
    }

    @Override
    public Map<String, String> getTags(String runId) {
        return readValues(runDir(runId).resolve("tags"), "tags of run " + runId);
    }

    /** The files of a params or tags folder, by their path inside it. */
    static Map<String, String> readValues(Path folder, String what) {
        Map<String, String> result = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return result;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .forEach(f -> result.put(folder.relativize(f).toString().replace('\\', '/'), readString(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + what, e);
        }
        return result;
    }

    @Override
    public void recordLoggedModel(String runId, Map<String, Object> historyEntry) {
        Path file = activeRunDir(runId).resolve("tags").resolve(LOG_MODEL_HISTORY);
        lock.withLock(() -> {
            List<Object> history = new ArrayList<>();
            if (Files.exists(file)) {
                history.addAll(PythonJson.parseArray(readString(file)));
            }
            history.add(historyEntry);
            String value = PythonJson.dumps(history);
            if (value.length() > TrackingNames.MAX_TAG_VALUE_LENGTH) {
                LOG.warn(
                        "The {} tag of run {} is {} characters long; MLflow's SQL stores keep at most {}.",
                        LOG_MODEL_HISTORY,
                        runId,
                        value.length());
            }
            AtomicFiles.writeString(file, value);
        });
    }

    /** Staging folders of {@link #logArtifacts}, {@code <prefix><pid>-*} in the run's folder. */
    static final String STAGING_PREFIX = ".mlflow4j-staging-";

    /** The run tag in which MLflow 2.x records every model logged to the run. */
    public static final String LOG_MODEL_HISTORY = "mlflow.log-model.history";

    // ---- MLflow 3: logged models ----

    @Override
    public MlflowTarget target() {
        return target;
    }

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step, String modelId) {
        if (modelId != null) {
            getLoggedModel(modelId); // an unknown model fails before the run's metric is written
        }
        logMetric(runId, key, value, timestamp, step);
        if (modelId != null) {
            loggedModels.logMetric(modelId, runId, key, value, timestamp, step);
        }
    }

    @Override
    public LoggedModel createLoggedModel(
            String experimentId,
            String name,
            String sourceRunId,
            Map<String, String> params,
            Map<String, String> tags) {
        Experiment experiment = getExperiment(experimentId);
        return loggedModels.create(experiment, root.resolve(experimentId), name, sourceRunId, params, tags);
    }

    @Override
    public void logOutputs(String runId, String modelId, long step) {
        loggedModels.logOutput(activeRunDir(runId), modelId, step);
    }

    @Override
    public void logLoggedModelArtifacts(String modelId, Path localDir) {
        loggedModels.logArtifacts(getLoggedModel(modelId), localDir);
    }

    @Override
    public LoggedModel finalizeLoggedModel(String modelId, LoggedModelStatus status) {
        return loggedModels.finalize(modelId, status);
    }

    @Override
    public void setLoggedModelTags(String modelId, Map<String, String> tags) {
        loggedModels.setTags(modelId, tags);
    }

    @Override
    public LoggedModel getLoggedModel(String modelId) {
        return loggedModels.get(modelId);
    }

    @Override
    public List<LoggedModel> searchLoggedModels(String experimentId, String name) {
        getExperiment(experimentId);
        return loggedModels.search(root.resolve(experimentId), name);
    }

    // ---- artifacts ----

    @Override
    public void logArtifacts(String runId, Path localDir, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        Path artifactRoot = localArtifactRoot(runId);
        Path target =
                artifactPath == null || artifactPath.isEmpty() ? artifactRoot : artifactRoot.resolve(artifactPath);
        if (Files.exists(target) && !target.equals(artifactRoot)) {
            throw MlflowException.invalidParameter("Run " + runId + " already has artifacts at '" + artifactPath
                    + "'. Log under another artifact path.");
        }
        if (target.equals(artifactRoot)) {
            // The folder's entries are moved into the root one by one: refuse before moving any of
            // them if one is taken (moving a folder onto an existing one fails half way through).
            List<String> taken = new ArrayList<>();
            try (Stream<Path> children = Files.list(localDir)) {
                for (Path child : children.toList()) {
                    String name = child.getFileName().toString();
                    if (Files.exists(artifactRoot.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                        taken.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + localDir + ": " + e.getMessage(), e);
            }
            if (!taken.isEmpty()) {
                taken.sort(null);
                throw MlflowException.invalidParameter("Run " + runId + " already has artifacts at " + taken
                        + " in its artifact root. Log under another artifact path.");
            }
        }
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            // beside the run's artifact root, where MLflow does not list artifacts; same disk, so moves are renames
            staging = StagingFolders.create(artifactRoot.getParent(), STAGING_PREFIX);
            if (artifactRoot.getParent().getParent() != null) {
                StagingFolders.deleteStaleInChildren(
                        artifactRoot.getParent().getParent(), STAGING_PREFIX); // the other runs
            }
            AtomicFiles.copyTree(localDir, staging.resolve("content"));
            if (target.equals(artifactRoot)) {
                try (Stream<Path> children = Files.list(staging.resolve("content"))) {
                    for (Path child : children.toList()) {
                        AtomicFiles.move(
                                child, artifactRoot.resolve(child.getFileName().toString()));
                    }
                }
            } else {
                AtomicFiles.move(staging.resolve("content"), target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not log artifacts from " + localDir + " to " + target + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    @Override
    public void logArtifact(String runId, Path localFile, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        if (!Files.isRegularFile(localFile)) {
            throw MlflowException.invalidParameter("Cannot log artifact " + localFile + ": not a file.");
        }
        Path dir = artifactPath == null || artifactPath.isEmpty()
                ? localArtifactRoot(runId)
                : localArtifactRoot(runId).resolve(artifactPath);
        try {
            AtomicFiles.writeBytes(dir.resolve(localFile.getFileName().toString()), Files.readAllBytes(localFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + localFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path downloadArtifacts(String runId, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        Path path = artifactPath == null || artifactPath.isEmpty()
                ? localArtifactRoot(runId)
                : localArtifactRoot(runId).resolve(artifactPath);
        if (!Files.exists(path)) {
            throw MlflowException.notFound(
                    "Run " + runId + " has no artifact at '" + artifactPath + "' (looked in " + path + ").");
        }
        return path;
    }

    @Override
    public Path downloadArtifactUri(String artifactUri) {
        if (artifactUri != null && !artifactUri.startsWith("file:") && isAbsolutePath(artifactUri)) {
            artifactUri = fileUri(Paths.get(artifactUri)); // a version registered from a local path, as MLflow allows
        }
        if (artifactUri == null || !artifactUri.startsWith("file:")) {
            throw MlflowException.invalidParameter("Artifact URI '" + artifactUri + "' is not a file: URI, which is all"
                    + " the local store " + root + " can read. Set MLFLOW_TRACKING_URI to the tracking server that"
                    + " holds it.");
        }
        Path path = FileUris.toPath(artifactUri);
        if (!Files.exists(path)) {
            throw MlflowException.notFound("No artifacts at " + artifactUri + ".");
        }
        return path;
    }

    private static boolean isAbsolutePath(String text) {
        try {
            return !text.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")
                    && Paths.get(text).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private Path localArtifactRoot(String runId) {
        String uri = getRun(runId).artifactUri();
        if (!uri.startsWith("file:")) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_STATE,
                    "Run " + runId + " stores artifacts at " + uri + ", which this file store cannot write to.");
        }
        return Paths.get(URI.create(uri));
    }

    // ---- helpers ----

    /**
     * {@code file:///abs/path}, percent-encoded like Python's {@code pathlib.Path.as_uri()} (which
     * MLflow uses for {@code artifact_location}): UTF-8 bytes other than letters, digits,
     * {@code _.-~} and {@code /} become {@code %XX}.
     */
    static String fileUri(Path path) {
        String p = path.toAbsolutePath().normalize().toString().replace('\\', '/');
        if (!p.startsWith("/")) {
            p = "/" + p; // C:/x -> /C:/x
        }
        StringBuilder uri = new StringBuilder("file://");
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean drive = i == 2 && c == ':' && Character.isLetter(p.charAt(1)); // as_uri keeps C:
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "_.-~/".indexOf(c) >= 0
                    || drive) {
                uri.append((char) c);
            } else {
                uri.append('%').append(String.format("%02X", c));
            }
        }
        return uri.toString();
    }

    private static Map<String, Object> readYaml(Path file) {
        return PyYaml.load(readString(file));
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
