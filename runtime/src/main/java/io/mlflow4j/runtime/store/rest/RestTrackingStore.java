package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.FileUris;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.internal.RegistryNames;
import io.mlflow4j.runtime.internal.StagingFolders;
import io.mlflow4j.runtime.internal.TempFolders;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MLflow tracking server, through its REST API ({@code /api/2.0/mlflow/...}) with the requests
 * and fields MLflow's own Python client sends, so MLflow 2.x and 3.x servers accept them.
 * Artifacts go through the server's proxied artifact endpoints ({@code mlflow-artifacts:} URIs),
 * streamed. Chosen by an {@code http://} or {@code https://} {@code MLFLOW_TRACKING_URI}.
 *
 * <pre>{@code
 * TrackingStore store = new RestTrackingStore(URI.create("http://localhost:5000"), HttpSettings.fromEnvironment());
 * }</pre>
 */
public final class RestTrackingStore implements TrackingStore {
    private static final Logger LOG = LoggerFactory.getLogger(RestTrackingStore.class);
    private static final String API = "/api/2.0/mlflow";

    private final String trackingUri;
    private final RestClient client;
    private final MlflowArtifactsRepository artifacts;
    private final RestModelRegistry registry;
    private final LoggedModelSearch loggedModels;
    /** Artifact roots of runs, which never change: MLflow's client caches them the same way. */
    private final Map<String, String> artifactRoots = new ConcurrentHashMap<>();

    private volatile MlflowTarget target;

    public RestTrackingStore(URI trackingUri, HttpSettings settings) {
        this.client = new RestClient(trackingUri, settings);
        this.trackingUri = trackingUri.toString().replaceFirst("^([a-zA-Z]+://)[^/@]*@", "$1");
        this.artifacts = new MlflowArtifactsRepository(client);
        this.registry = new RestModelRegistry(client);
        this.loggedModels = new LoggedModelSearch(client);
    }

    @Override
    public String trackingUri() {
        return trackingUri;
    }

    public RestClient client() {
        return client;
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    // ---- experiments ----

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        try {
            return Optional.of(
                    toExperiment(client.get(API + "/experiments/get-by-name", Map.of("experiment_name", name))
                            .path("experiment")));
        } catch (RestException e) {
            if (e.errorCode() == MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Experiment getExperiment(String experimentId) {
        return toExperiment(client.get(API + "/experiments/get", Map.of("experiment_id", experimentId))
                .path("experiment"));
    }

    @Override
    public void setExperimentTag(String experimentId, String key, String value) {
        RegistryNames.validateExperimentTag(key, value);
        client.post(
                API + "/experiments/set-experiment-tag",
                Map.of("experiment_id", experimentId, "key", key, "value", value));
    }

    @Override
    public Map<String, String> getExperimentTags(String experimentId) {
        Map<String, String> tags = new TreeMap<>();
        client.get(API + "/experiments/get", Map.of("experiment_id", experimentId))
                .path("experiment")
                .path("tags")
                .forEach(tag ->
                        tags.put(tag.path("key").asText(), tag.path("value").asText("")));
        return tags;
    }

    @Override
    public String createExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw MlflowException.invalidParameter(
                    "Invalid experiment name: '" + name + "'. Give the experiment a non-empty name.");
        }
        return client.post(API + "/experiments/create", Map.of("name", name))
                .path("experiment_id")
                .asText();
    }

    @Override
    public Experiment getOrCreateExperiment(String name) {
        Optional<Experiment> existing = getExperimentByName(name);
        Experiment experiment;
        if (existing.isPresent()) {
            experiment = existing.get();
        } else {
            try {
                experiment = getExperiment(createExperiment(name));
            } catch (RestException e) {
                if (e.errorCode() != MlflowException.ErrorCode.RESOURCE_ALREADY_EXISTS) {
                    throw e;
                }
                experiment = getExperimentByName(name).orElseThrow(() -> e); // created concurrently
            }
        }
        if (!"active".equals(experiment.lifecycleStage())) {
            throw MlflowException.invalidParameter("Cannot use the deleted experiment '" + name + "'. Restore it in the"
                    + " MLflow UI, or delete it permanently (mlflow gc) to create a new one.");
        }
        return experiment;
    }

    private static Experiment toExperiment(JsonNode e) {
        return new Experiment(
                e.path("experiment_id").asText(),
                e.path("name").asText(),
                e.path("artifact_location").asText(null),
                e.path("lifecycle_stage").asText("active"));
    }

    // ---- runs ----

    @Override
    public RunInfo createRun(
            String experimentId, String runName, String userId, long startTime, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        if (runName != null) {
            allTags.put("mlflow.runName", runName);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", experimentId);
        body.put("user_id", userId);
        if (runName != null) {
            body.put("run_name", runName);
        }
        body.put("start_time", startTime);
        body.put("tags", keyValues(new ArrayList<>(allTags.entrySet())));
        RunInfo info =
                toRunInfo(client.post(API + "/runs/create", body).path("run").path("info"));
        artifactRoots.put(info.runId(), info.artifactUri());
        return info;
    }

    @Override
    public RunInfo getRun(String runId) {
        return toRunInfo(fetchRun(runId).path("info"));
    }

    private JsonNode fetchRun(String runId) {
        TrackingNames.validateRunId(runId);
        return client.get(API + "/runs/get", Map.of("run_id", runId)).path("run");
    }

    @Override
    public RunInfo updateRun(String runId, RunStatus status, Long endTime) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("status", status.name());
        if (endTime != null) {
            body.put("end_time", endTime);
        }
        return toRunInfo(client.post(API + "/runs/update", body).path("run_info"));
    }

    private static RunInfo toRunInfo(JsonNode info) {
        String status = info.path("status").asText("RUNNING");
        return new RunInfo(
                info.path("run_id").asText(info.path("run_uuid").asText()),
                info.path("experiment_id").asText(),
                info.path("run_name").asText(null),
                info.path("user_id").asText(null),
                RunStatus.valueOf(status),
                info.path("start_time").asLong(),
                info.has("end_time") ? info.path("end_time").asLong() : null,
                info.path("artifact_uri").asText(null),
                info.path("lifecycle_stage").asText("active"));
    }

    // ---- params, metrics, tags ----

    @Override
    public void logParam(String runId, String key, String value) {
        TrackingNames.validateKey("Param", key);
        client.post(
                API + "/runs/log-parameter",
                Map.of("run_id", runId, "key", key, "value", TrackingNames.paramValue(key, value)));
    }

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step) {
        TrackingNames.validateKey("Metric", key);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("key", key);
        body.put("value", metricValue(value));
        body.put("timestamp", timestamp);
        body.put("step", step);
        client.post(API + "/runs/log-metric", body);
    }

    @Override
    public void setTag(String runId, String key, String value) {
        TrackingNames.validateKey("Tag", key);
        client.post(
                API + "/runs/set-tag",
                Map.of("run_id", runId, "key", key, "value", TrackingNames.tagValue(key, value)));
    }

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
        batch.metrics().forEach(m -> TrackingNames.validateKey("Metric", m.key()));
        for (LogBatch part : new LogBatch(batch.metrics(), params, tags).split()) {
            postBatch(runId, part);
        }
    }

    /** MLflow's server refuses a log-batch body over 1 MB; long values can get there within the count limits. */
    static final int MAX_BATCH_REQUEST_BYTES = 1024 * 1024;

    private void postBatch(String runId, LogBatch part) {
        Map<String, Object> body = batchBody(runId, part);
        int entities =
                part.metrics().size() + part.params().size() + part.tags().size();
        if (entities > 1 && jsonLength(body) > MAX_BATCH_REQUEST_BYTES - 1024) {
            postBatch(
                    runId,
                    new LogBatch(half(part.metrics(), true), half(part.params(), true), half(part.tags(), true)));
            postBatch(
                    runId,
                    new LogBatch(half(part.metrics(), false), half(part.params(), false), half(part.tags(), false)));
            return;
        }
        client.post(API + "/runs/log-batch", body);
    }

    private static <T> List<T> half(List<T> list, boolean first) {
        int mid = (list.size() + 1) / 2;
        return first ? list.subList(0, mid) : list.subList(mid, list.size());
    }

    private static int jsonLength(Object body) {
        try {
            return new ObjectMapper().writeValueAsBytes(body).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> batchBody(String runId, LogBatch part) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        if (!part.metrics().isEmpty()) {
            List<Map<String, Object>> metrics = new ArrayList<>();
            for (Metric m : part.metrics()) {
                Map<String, Object> metric = new LinkedHashMap<>();
                metric.put("key", m.key());
                metric.put("value", metricValue(m.value()));
                metric.put("timestamp", m.timestamp());
                metric.put("step", m.step());
                metrics.add(metric);
            }
            body.put("metrics", metrics);
        }
        if (!part.params().isEmpty()) {
            body.put("params", keyValues(part.params()));
        }
        if (!part.tags().isEmpty()) {
            body.put("tags", keyValues(part.tags()));
        }
        return body;
    }

    @Override
    public Map<String, String> getTags(String runId) {
        Map<String, String> tags = new TreeMap<>();
        for (JsonNode tag : fetchRun(runId).path("data").path("tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        return tags;
    }

    @Override
    public Map<String, String> getParams(String runId) {
        Map<String, String> params = new TreeMap<>();
        for (JsonNode p : fetchRun(runId).path("data").path("params")) {
            params.put(p.path("key").asText(), p.path("value").asText());
        }
        return params;
    }

    /**
     * {@code runs/log-model} with the model's {@code mlflow.log-model.history} entry as
     * {@code model_json}: the server appends it to the run's history tag, as for a model logged
     * from Python (2.x) — 3.x servers accept the call too.
     */
    @Override
    public void recordLoggedModel(String runId, Map<String, Object> historyEntry) {
        client.post(API + "/runs/log-model", Map.of("run_id", runId, "model_json", PythonJson.dumps(historyEntry)));
    }

    // ---- MLflow 3: logged models ----

    /** MLflow 3 unless the server's {@code /version} says 2 (or {@link MlflowTarget#configured()} says otherwise). */
    @Override
    public MlflowTarget target() {
        MlflowTarget known = target;
        if (known == null) {
            MlflowTarget configured = MlflowTarget.configured();
            known = configured != null
                    ? configured
                    : MlflowTarget.fromVersion(client.getText("/version"), trackingUri + "/version");
            target = known;
        }
        return known;
    }

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step, String modelId) {
        if (modelId == null) {
            logMetric(runId, key, value, timestamp, step);
            return;
        }
        client.post(
                API + "/runs/log-batch",
                Map.of("run_id", runId, "metrics", List.of(modelMetric(key, value, timestamp, step, modelId))));
    }

    private static Map<String, Object> modelMetric(
            String key, double value, long timestamp, long step, String modelId) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("key", key);
        metric.put("value", metricValue(value));
        metric.put("timestamp", timestamp);
        metric.put("step", step);
        metric.put("model_id", modelId);
        return metric;
    }

    @Override
    public LoggedModel createLoggedModel(
            String experimentId,
            String name,
            String sourceRunId,
            Map<String, String> params,
            Map<String, String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", experimentId);
        body.put("name", name);
        if (sourceRunId != null) {
            body.put("source_run_id", sourceRunId);
        }
        if (!params.isEmpty()) {
            body.put("params", keyValues(List.copyOf(params.entrySet())));
        }
        if (!tags.isEmpty()) {
            body.put("tags", keyValues(List.copyOf(tags.entrySet())));
        }
        return toLoggedModel(client.post(API + "/logged-models", body).path("model"));
    }

    /**
     * {@code runs/outputs}, then, as MLflow's {@code log_model} does, the run's metrics at that
     * step logged again with the model's id so that they show on the model.
     */
    @Override
    public void logOutputs(String runId, String modelId, long step) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("model_id", modelId);
        output.put("step", step);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("models", List.of(output));
        client.post(API + "/runs/outputs", body);
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (JsonNode latest : fetchRun(runId).path("data").path("metrics")) {
            String key = latest.path("key").asText();
            for (JsonNode m : client.get(API + "/metrics/get-history", Map.of("run_id", runId, "metric_key", key))
                    .path("metrics")) {
                if (m.path("step").asLong() == step) {
                    metrics.add(modelMetric(
                            key, m.path("value").asDouble(), m.path("timestamp").asLong(), step, modelId));
                }
            }
        }
        if (!metrics.isEmpty()) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("run_id", runId);
            batch.put("metrics", metrics);
            client.post(API + "/runs/log-batch", batch);
        }
    }

    @Override
    public void logLoggedModelArtifacts(String modelId, Path localDir) {
        LoggedModel model = getLoggedModel(modelId); // where its files go, as MLflow's client asks before uploading
        if (!MlflowArtifactsRepository.handles(model.artifactLocation())) {
            throw unsupportedArtifactUri(model.artifactLocation());
        }
        artifacts.uploadDirectory(localDir, model.artifactLocation());
    }

    @Override
    public LoggedModel finalizeLoggedModel(String modelId, LoggedModelStatus status) {
        return toLoggedModel(client.patch(
                        API + "/logged-models/" + RestClient.encodePath(modelId),
                        Map.of("model_id", modelId, "status", status.protoName()))
                .path("model"));
    }

    @Override
    public void setLoggedModelTags(String modelId, Map<String, String> tags) {
        client.patch(
                API + "/logged-models/" + RestClient.encodePath(modelId) + "/tags",
                Map.of("tags", keyValues(List.copyOf(tags.entrySet()))));
    }

    @Override
    public LoggedModel getLoggedModel(String modelId) {
        return toLoggedModel(client.get(API + "/logged-models/" + RestClient.encodePath(modelId), Map.of())
                .path("model"));
    }

    @Override
    public List<LoggedModel> searchLoggedModels(String experimentId, String name) {
        return loggedModels.byName(experimentId, name).stream()
                .map(RestTrackingStore::toLoggedModel)
                .toList();
    }

    private static LoggedModel toLoggedModel(JsonNode model) {
        JsonNode info = model.path("info");
        Map<String, String> params = new TreeMap<>();
        for (JsonNode p : model.path("data").path("params")) {
            params.put(p.path("key").asText(), p.path("value").asText());
        }
        Map<String, String> tags = new TreeMap<>();
        for (JsonNode t : info.path("tags")) {
            tags.put(t.path("key").asText(), t.path("value").asText());
        }
        return new LoggedModel(
                info.path("model_id").asText(),
                info.path("experiment_id").asText(),
                info.path("name").asText(),
                info.path("artifact_uri").asText(),
                info.path("source_run_id").asText(null),
                LoggedModelStatus.fromProtoName(info.path("status").asText()),
                params,
                tags);
    }

    // ---- artifacts ----

    @Override
    public void logArtifacts(String runId, Path localDir, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        artifacts.uploadDirectory(localDir, join(proxiedArtifactRoot(runId), artifactPath));
    }

    @Override
    public void logArtifact(String runId, Path localFile, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        if (!Files.isRegularFile(localFile)) {
            throw MlflowException.invalidParameter("Cannot log artifact " + localFile + ": not a file.");
        }
        artifacts.uploadFile(localFile, join(proxiedArtifactRoot(runId), artifactPath));
    }

    /**
     * The run's artifacts at {@code artifactPath}. When the run's own folder has nothing there, the
     * path may name a model MLflow 3 logged in the run, which it keeps under the experiment's
     * {@code models/m-<id>/}: {@code runs:/<run>/model/MLmodel} is then {@code MLmodel} of the
     * run's logged model {@code model}, as MLflow resolves it.
     */
    @Override
    public Path downloadArtifacts(String runId, String artifactPath) {
        TrackingNames.validateArtifactPath(artifactPath);
        RunInfo run = getRun(runId);
        String uri = join(run.artifactUri(), artifactPath);
        String path = artifactPath == null ? "" : artifactPath.replaceAll("^/+|/+$", "");
        if (!path.isEmpty()
                && MlflowArtifactsRepository.handles(uri)
                && artifacts.list(uri).isEmpty()) {
            int slash = path.indexOf('/');
            String name = slash < 0 ? path : path.substring(0, slash);
            Optional<String> logged = loggedModels.artifactLocation(run.experimentId(), runId, name);
            if (logged.isPresent()) {
                LOG.debug("Run {} has no artifact '{}'; it is the logged model at {}.", runId, path, logged.get());
                return downloadArtifactUri(join(logged.get(), slash < 0 ? "" : path.substring(slash + 1)));
            }
        }
        return downloadArtifactUri(uri);
    }

    @Override
    public Path downloadArtifactUri(String artifactUri) {
        if (artifactUri != null && artifactUri.startsWith("file:")) {
            Path local = FileUris.toPath(artifactUri);
            if (Files.exists(local)) {
                return local; // a server sharing this machine's disk (--no-serve-artifacts)
            }
        }
        if (!MlflowArtifactsRepository.handles(artifactUri)) {
            throw unsupportedArtifactUri(artifactUri);
        }
        try {
            Path folder = StagingFolders.create(Path.of(System.getProperty("java.io.tmpdir")), "mlflow4j-artifacts-");
            TempFolders.deleteOnExit(folder);
            String name = artifactUri.replaceAll("/+$", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            Path target = folder.resolve(name.isEmpty() || name.contains(":") ? "artifacts" : name);
            artifacts.download(artifactUri, target);
            if (!Files.exists(target)) {
                throw MlflowException.notFound("Nothing found at " + artifactUri + " on " + client.server() + ".");
            }
            LOG.debug("Downloaded {} to {}", artifactUri, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create a temporary folder to download " + artifactUri + ": " + e, e);
        } catch (RestException e) {
            if (e.errorCode() == MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw new MlflowException(
                        MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST,
                        "Nothing found at " + artifactUri + ": " + e.getMessage(),
                        e);
            }
            throw e;
        }
    }

    private String proxiedArtifactRoot(String runId) {
        String uri = artifactRoots.computeIfAbsent(runId, id -> getRun(id).artifactUri());
        if (!MlflowArtifactsRepository.handles(uri)) {
            throw unsupportedArtifactUri(uri);
        }
        return uri;
    }

    private MlflowException unsupportedArtifactUri(String uri) {
        return new MlflowException(
                MlflowException.ErrorCode.NOT_IMPLEMENTED,
                "The artifacts are at " + uri
                        + ", which mlflow4j cannot reach directly: it reads and writes artifacts through the tracking server's"
                        + " proxied artifact endpoints (mlflow-artifacts: URIs). Run the server with --serve-artifacts (the"
                        + " default of 'mlflow server') and an experiment whose artifact location is mlflow-artifacts:/...");
    }

    // ---- helpers ----

    private static String join(String uri, String path) {
        String base = uri.replaceAll("/+$", "");
        return path == null || path.isEmpty() ? base : base + "/" + path.replaceAll("^/+|/+$", "");
    }

    private static List<Map<String, String>> keyValues(List<Map.Entry<String, String>> entries) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            Map<String, String> kv = new LinkedHashMap<>();
            kv.put("key", e.getKey());
            kv.put("value", e.getValue());
            list.add(kv);
        }
        return list;
    }

    /** NaN and infinities as MLflow's client sends them (JSON has no such numbers). */
    private static Object metricValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return value;
    }
}
