package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.mlflow4j.runtime.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An MLflow tracking server for tests, on 127.0.0.1 inside the test JVM: experiments, runs,
 * params, metrics, tags, logged-model history, proxied artifacts (kept on disk, streamed), and the
 * model registry, answering with the response shapes of a real MLflow 2.17 server.
 *
 * <p>Every request is checked against what the real server accepted in the recording
 * ({@link RecordedApi}) and against MLflow's own validation: an endpoint the real server was not
 * seen answering (or documented in mlflow-format.md §8), a missing required field, a field the
 * Python client never sent, a wrong content type, or a batch over MLflow's limits is answered as
 * MLflow would (400 or 404) <em>and</em> recorded in {@link #violations()}, which tests assert is
 * empty.
 *
 * <p>Faults can be injected: error statuses, dropped connections, an upload cut off midway,
 * versions that stay PENDING_REGISTRATION for a few polls, required credentials.
 */
public final class FakeTrackingServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.0/mlflow";

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and
        // the client's delayed ACK add ~40 ms to every small answer (read once, when the server classes load).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

    /** A request as the server saw it. */
    public record Request(
            String method,
            String path,
            Map<String, String> query,
            String contentType,
            String authorization,
            JsonNode json,
            long bodyBytes) {
        public String endpoint() {
            return RecordedApi.endpointOf(method, path);
        }
    }

    /** Documented endpoints (mlflow-format.md §8) that the recording does not exercise, with their fields. */
    private static final Map<String, Set<String>> DOCUMENTED_EXTRA = Map.of(
            "POST " + API + "/registered-models/get-latest-versions", Set.of("name", "stages"),
            "DELETE " + RecordedApi.ARTIFACT_FILES, Set.of(),
            "DELETE " + API + "/registered-models/alias", Set.of("name", "alias"),
            "GET " + API + "/registered-models/get", Set.of("name"));

    /** Fields of recorded endpoints that mlflow-format.md §8 documents but the recorded client did not send. */
    private static final Map<String, Set<String>> DOCUMENTED_FIELDS = Map.of(
            "POST " + API + "/runs/log-batch", Set.of("tags"),
            "POST " + API + "/runs/update", Set.of("run_name"),
            "POST " + API + "/experiments/create", Set.of("artifact_location", "tags"),
            "POST " + API + "/registered-models/create", Set.of("tags", "description"),
            "POST " + API + "/model-versions/create", Set.of("tags", "run_link", "description"));

    /** Required fields (body or query) per endpoint, from MLflow's protos and validation. */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("GET " + API + "/experiments/get-by-name", List.of("experiment_name")),
            Map.entry("GET " + API + "/experiments/get", List.of("experiment_id")),
            Map.entry("POST " + API + "/experiments/create", List.of("name")),
            Map.entry("POST " + API + "/runs/create", List.of("experiment_id")),
            Map.entry("GET " + API + "/runs/get", List.of("run_id")),
            Map.entry("POST " + API + "/runs/log-parameter", List.of("run_id", "key", "value")),
            Map.entry("POST " + API + "/runs/log-metric", List.of("run_id", "key", "value", "timestamp")),
            Map.entry("POST " + API + "/runs/set-tag", List.of("run_id", "key", "value")),
            Map.entry("POST " + API + "/runs/log-batch", List.of("run_id")),
            Map.entry("POST " + API + "/runs/update", List.of("run_id")),
            Map.entry("POST " + API + "/runs/log-model", List.of("run_id", "model_json")),
            Map.entry("POST " + API + "/registered-models/create", List.of("name")),
            Map.entry("POST " + API + "/model-versions/create", List.of("name", "source")),
            Map.entry("GET " + API + "/model-versions/get", List.of("name", "version")),
            Map.entry("GET " + API + "/model-versions/get-download-uri", List.of("name", "version")),
            Map.entry("POST " + API + "/registered-models/alias", List.of("name", "alias", "version")),
            Map.entry("GET " + API + "/registered-models/alias", List.of("name", "alias")),
            Map.entry("POST " + API + "/registered-models/get-latest-versions", List.of("name")));

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final RecordedApi recorded;
    private final Path artifactRoot;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    // state
    private final Map<String, ObjectNode> experiments = new LinkedHashMap<>();
    private final Map<String, ObjectNode> runs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> params = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> metrics = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> versions = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
    private final AtomicInteger nextExperimentId = new AtomicInteger(1);
    /** MLflow 3 logged models by id: {info, data} as the server answers them. */
    private final Map<String, ObjectNode> loggedModels = new LinkedHashMap<>();
    /** The MLflow version of the recording, which {@code /version} answers. */
    private final String mlflowVersion;

    // faults
    private record Fault(String pathPrefix, int status, int[] remaining) {}

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** Answers a request in place of the server (a misbehaving server), or returns false to let the server answer. */
    @FunctionalInterface
    public interface Responder {
        boolean respond(HttpExchange exchange, Map<String, String> query) throws IOException;
    }

    private record Substitute(String method, String pathPrefix, Responder responder) {}

    private final List<Substitute> overrides = new CopyOnWriteArrayList<>();
    private volatile String cutUploadsOf;
    private volatile long cutAfterBytes;
    private volatile int pendingPolls;
    private volatile long stallUploadsMillis;
    private volatile String requiredAuthorization;

    private FakeTrackingServer(HttpServer server, Path artifactRoot, Path recording) {
        this.server = server;
        this.artifactRoot = artifactRoot;
        this.recorded = RecordedApi.read(recording);
        this.mlflowVersion =
                recording.toAbsolutePath().getParent().getFileName().toString();
        ObjectNode defaultExperiment = experiment("0", "Default");
        experiments.put("0", defaultExperiment);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts an HTTP server on a free port of 127.0.0.1, keeping artifacts under {@code artifactRoot}. */
    public static FakeTrackingServer start(Path artifactRoot) {
        return start(artifactRoot, Reference.v2("http_capture_tracking.jsonl"));
    }

    /** Starts an MLflow 3.11.1 server: logged models, checked against 3.11.1's recording. */
    public static FakeTrackingServer startMlflow3(Path artifactRoot) {
        return start(artifactRoot, Reference.v311("http_capture_tracking.jsonl"));
    }

    /** Starts an HTTP server checked against the recording {@code recording} ({@code http_capture_tracking.jsonl}). */
    public static FakeTrackingServer start(Path artifactRoot, Path recording) {
        try {
            return new FakeTrackingServer(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64),
                    artifactRoot,
                    recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an HTTPS server; {@code needClientAuth} asks for a client certificate. */
    public static FakeTrackingServer startHttps(Path artifactRoot, SSLContext context, boolean needClientAuth) {
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            https.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = context.getDefaultSSLParameters();
                    p.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(p);
                }
            });
            return new FakeTrackingServer(https, artifactRoot, Reference.v2("http_capture_tracking.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public Path artifactRoot() {
        return artifactRoot;
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The next {@code count} requests whose path starts with {@code pathPrefix} get {@code status}; 0 drops the connection. */
    public void failNext(String pathPrefix, int count, int status) {
        faults.add(new Fault(pathPrefix, status, new int[] {count}));
    }

    /**
     * Requests with this method whose path starts with {@code pathPrefix} are answered by
     * {@code responder} (recorded as requests, never checked against the recording).
     */
    public void override(String method, String pathPrefix, Responder responder) {
        overrides.add(new Substitute(method, pathPrefix, responder));
    }

    public void clearOverrides() {
        overrides.clear();
    }

    /**
     * A model logged as MLflow 3 logs it: a logged model of the run, its files under
     * {@code <experiment>/models/m-<id>/artifacts} (returned, relative to the artifact root) and
     * not in the run's folder. Found by {@code logged-models/search}.
     */
    public synchronized String addLoggedModel(String runId, String name) {
        ObjectNode run = runs.get(runId);
        String experimentId = run.path("experiment_id").asText();
        ObjectNode body = JSON.createObjectNode()
                .put("experiment_id", experimentId)
                .put("name", name)
                .put("source_run_id", runId);
        ObjectNode model = createLoggedModel(body);
        String modelId = model.path("info").path("model_id").asText();
        ((ObjectNode) loggedModels.get(modelId).path("info")).put("status", "LOGGED_MODEL_READY");
        return experimentId + "/models/" + modelId + "/artifacts";
    }

    /** Every upload of a file whose path ends with {@code fileName} is cut off after {@code bytes} bytes. */
    public void cutUploads(String fileName, long bytes) {
        cutUploadsOf = fileName;
        cutAfterBytes = bytes;
    }

    /** Uploads are not read for this long, then dropped: a server that stalls. */
    public void stallUploads(long millis) {
        stallUploadsMillis = millis;
    }

    /** New model versions stay PENDING_REGISTRATION for this many {@code model-versions/get} calls. */
    public void pendingRegistrationPolls(int polls) {
        pendingPolls = polls;
    }

    /** Requests without exactly this Authorization header get 401. */
    public void requireAuthorization(String header) {
        requiredAuthorization = header;
    }

    // ---- read access to the state, for assertions ----

    public synchronized Map<String, String> tags(String runId) {
        return Map.copyOf(tags.getOrDefault(runId, Map.of()));
    }

    public synchronized Map<String, String> params(String runId) {
        return Map.copyOf(params.getOrDefault(runId, Map.of()));
    }

    public synchronized List<ObjectNode> metrics(String runId) {
        return List.copyOf(metrics.getOrDefault(runId, List.of()));
    }

    public synchronized String runStatus(String runId) {
        return runs.get(runId).path("status").asText();
    }

    public synchronized Map<String, String> aliases(String model) {
        return Map.copyOf(aliases.getOrDefault(model, Map.of()));
    }

    public synchronized List<ObjectNode> versions(String model) {
        return List.copyOf(versions.getOrDefault(model, List.of()));
    }

    /** The stored artifact at a path relative to the artifact root ({@code <exp>/<run>/artifacts/...}). */
    /** The MLflow 3 logged model, {info, data}, as the server would answer it. */
    public synchronized ObjectNode loggedModel(String modelId, boolean copy) {
        return loggedModel(modelId).deepCopy();
    }

    public synchronized List<String> loggedModelIds() {
        return List.copyOf(loggedModels.keySet());
    }

    public Path artifact(String relPath) {
        return artifactRoot.resolve(relPath);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- request handling ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean isUpload = method.equals("PUT") && path.startsWith(ARTIFACTS + "/");

            for (Substitute o : overrides) {
                if (o.method.equals(method) && path.startsWith(o.pathPrefix)) {
                    // recorded before answering: the client may go on (and clear the requests) as soon as it has the
                    // answer
                    Request request = new Request(method, path, query, contentType, authorization, null, -1);
                    requests.add(request);
                    if (o.responder.respond(exchange, query)) {
                        return;
                    }
                    requests.remove(request);
                }
            }
            Fault fault = takeFault(path);
            if (fault != null) {
                requests.add(new Request(method, path, query, contentType, authorization, null, -1));
                if (fault.status == 0) {
                    return; // closes the connection without an answer
                }
                drain(exchange.getRequestBody());
                send(exchange, fault.status, error("TEMPORARILY_UNAVAILABLE", "Injected failure " + fault.status));
                return;
            }
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                requests.add(new Request(method, path, query, contentType, authorization, null, -1));
                drain(exchange.getRequestBody());
                send(
                        exchange,
                        401,
                        "You are not authenticated. Please see"
                                + " https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.");
                return;
            }
            if (isUpload) {
                long bytes = upload(exchange, path.substring(ARTIFACTS.length() + 1));
                requests.add(new Request(method, path, query, contentType, authorization, null, bytes));
                return;
            }
            if (method.equals("GET") && path.equals("/version")) {
                requests.add(new Request(method, path, query, contentType, authorization, null, 0));
                byte[] text = mlflowVersion.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(200, text.length);
                exchange.getResponseBody().write(text);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = null;
            String endpoint = RecordedApi.endpointOf(method, path);
            if (method.equals("POST") || method.equals("PATCH")) {
                if (contentType == null || !contentType.startsWith("application/json")) {
                    violation(endpoint + ": Content-Type " + contentType);
                    requests.add(new Request(method, path, query, contentType, authorization, null, body.length));
                    send(
                            exchange,
                            400,
                            error("BAD_REQUEST", "Bad Request. Content-Type must be one of ['application/json']."));
                    return;
                }
                try {
                    json = JSON.readTree(body);
                } catch (IOException e) {
                    violation(endpoint + ": malformed JSON");
                    send(exchange, 400, error("MALFORMED_REQUEST", "Malformed request: " + e.getMessage()));
                    return;
                }
            }
            requests.add(new Request(method, path, query, contentType, authorization, json, body.length));
            if (!checkAgainstRecording(exchange, endpoint, json, query)) {
                return;
            }
            try {
                route(exchange, method, path, json == null ? JSON.createObjectNode() : json, query);
            } catch (MlflowError e) {
                send(exchange, e.status, error(e.code, e.getMessage()));
            }
        } catch (RuntimeException e) {
            violation("fake server failed: " + e);
            throw e;
        }
    }

    private boolean checkAgainstRecording(
            HttpExchange exchange, String endpoint, JsonNode json, Map<String, String> query) throws IOException {
        RecordedApi.Endpoint seen = recorded.endpoints.get(endpoint);
        Set<String> documented = DOCUMENTED_EXTRA.get(endpoint);
        if (seen == null && documented == null) {
            violation(endpoint + ": not an endpoint the real server answered");
            send(exchange, 404, error("ENDPOINT_NOT_FOUND", "No endpoint " + endpoint));
            return false;
        }
        Set<String> allowed = new TreeSet<>(documented != null ? documented : Set.of());
        allowed.addAll(DOCUMENTED_FIELDS.getOrDefault(endpoint, Set.of()));
        if (seen != null) {
            allowed.addAll(seen.fields);
            allowed.addAll(seen.queryParams);
        }
        List<String> given = new ArrayList<>(query.keySet());
        if (json != null && json.isObject()) {
            json.fieldNames().forEachRemaining(given::add);
        }
        for (String field : given) {
            if (!allowed.contains(field)) {
                violation(endpoint + ": field '" + field + "' that the Python client never sent");
            }
        }
        for (String field : REQUIRED.getOrDefault(endpoint, List.of())) {
            boolean present = query.containsKey(field) || json != null && json.hasNonNull(field);
            if (!present) {
                violation(endpoint + ": missing required field '" + field + "'");
                send(
                        exchange,
                        400,
                        error("INVALID_PARAMETER_VALUE", "Missing value for required parameter '" + field + "'."));
                return false;
            }
        }
        return true;
    }

    private synchronized Fault takeFault(String path) {
        for (Fault f : faults) {
            if (path.startsWith(f.pathPrefix) && f.remaining[0] > 0) {
                f.remaining[0]--;
                return f;
            }
        }
        return null;
    }

    private void route(HttpExchange ex, String method, String path, JsonNode body, Map<String, String> q)
            throws IOException {
        String endpoint = method + " " + path;
        switch (endpoint) {
            case "GET " + API + "/experiments/get-by-name" ->
                send(ex, 200, wrap("experiment", findExperimentByName(q.get("experiment_name"))));
            case "GET " + API + "/experiments/get" ->
                send(ex, 200, wrap("experiment", experimentById(q.get("experiment_id"))));
            case "POST " + API + "/experiments/create" ->
                send(
                        ex,
                        200,
                        createExperiment(
                                body.path("name").asText(),
                                body.path("artifact_location").asText(null)));
            case "POST " + API + "/runs/create" -> send(ex, 200, createRun(body));
            case "GET " + API + "/runs/get" -> send(ex, 200, getRun(q.get("run_id")));
            case "POST " + API + "/runs/log-parameter" -> {
                logParam(
                        activeRun(body),
                        body.path("key").asText(),
                        body.path("value").asText());
                send(ex, 200, "{}");
            }
            case "POST " + API + "/runs/log-metric" -> {
                logMetric(activeRun(body), body);
                send(ex, 200, "{}");
            }
            case "POST " + API + "/runs/set-tag" -> {
                setTag(
                        activeRun(body),
                        body.path("key").asText(),
                        body.path("value").asText());
                send(ex, 200, "{}");
            }
            case "POST " + API + "/runs/log-batch" -> {
                if (JSON.writeValueAsBytes(body).length > 1024 * 1024) {
                    violation("log-batch body over 1 MB");
                    throw new MlflowError(
                            400,
                            "INVALID_PARAMETER_VALUE",
                            "Batched logging API requests must be at most 1 MB in size");
                }
                logBatch(activeRun(body), body);
                send(ex, 200, "{}");
            }
            case "POST " + API + "/runs/update" -> send(ex, 200, updateRun(body));
            case "POST " + API + "/runs/log-model" -> {
                logModel(activeRun(body), body.path("model_json").asText());
                send(ex, 200, "{}");
            }
            case "GET " + ARTIFACTS -> send(ex, 200, listArtifacts(q.getOrDefault("path", "")));
            case "POST " + API + "/registered-models/create" ->
                send(ex, 200, createRegisteredModel(body.path("name").asText()));
            case "POST " + API + "/model-versions/create" -> send(ex, 200, wrap("model_version", createVersion(body)));
            case "GET " + API + "/model-versions/get" ->
                send(ex, 200, wrap("model_version", pollVersion(q.get("name"), q.get("version"))));
            case "GET " + API + "/model-versions/get-download-uri" ->
                send(
                        ex,
                        200,
                        JSON.createObjectNode()
                                .put(
                                        "artifact_uri",
                                        version(q.get("name"), q.get("version"))
                                                .path("_storage")
                                                .asText(version(q.get("name"), q.get("version"))
                                                        .path("source")
                                                        .asText())));
            case "POST " + API + "/registered-models/alias" -> {
                setAlias(
                        body.path("name").asText(),
                        body.path("alias").asText(),
                        body.path("version").asText());
                send(ex, 200, "{}");
            }
            case "GET " + API + "/registered-models/alias" ->
                send(ex, 200, wrap("model_version", byAlias(q.get("name"), q.get("alias"))));
            case "POST " + API + "/registered-models/get-latest-versions" ->
                send(ex, 200, latestVersions(body.path("name").asText()));
            case "POST " + API + "/logged-models" -> send(ex, 200, wrap("model", createLoggedModel(body)));
            case "POST " + API + "/logged-models/search" -> send(ex, 200, searchLoggedModels(body));
            case "POST " + API + "/runs/outputs" -> {
                activeRun(body);
                for (JsonNode m : body.path("models")) {
                    loggedModel(m.path("model_id").asText());
                }
                send(ex, 200, "{}");
            }
            case "GET " + API + "/metrics/get-history" ->
                send(ex, 200, metricHistory(q.get("run_id"), q.get("metric_key")));
            default -> {
                if (path.startsWith(API + "/logged-models/")) {
                    routeLoggedModel(ex, method, path.substring((API + "/logged-models/").length()), body);
                    return;
                }
                if (method.equals("GET") && path.startsWith(ARTIFACTS + "/")) {
                    download(ex, path.substring(ARTIFACTS.length() + 1));
                } else if (method.equals("DELETE") && path.startsWith(ARTIFACTS + "/")) {
                    deleteArtifact(path.substring(ARTIFACTS.length() + 1));
                    send(ex, 200, "{}");
                } else {
                    violation(endpoint + ": no handler in the fake server");
                    send(ex, 404, error("ENDPOINT_NOT_FOUND", "No handler for " + endpoint));
                }
            }
        }
    }

    // ---- MLflow 3 logged models ----

    private synchronized ObjectNode createLoggedModel(JsonNode body) {
        ObjectNode exp = experimentById(body.path("experiment_id").asText());
        String id = "m-" + UUID.randomUUID().toString().replace("-", "");
        long now = System.currentTimeMillis();
        ObjectNode model = JSON.createObjectNode();
        ObjectNode info = model.putObject("info");
        info.put("model_id", id)
                .put("experiment_id", exp.path("experiment_id").asText())
                .put("name", body.path("name").asText())
                .put("creation_timestamp_ms", now)
                .put("last_updated_timestamp_ms", now)
                .put("artifact_uri", exp.path("artifact_location").asText() + "/models/" + id + "/artifacts")
                .put("status", "LOGGED_MODEL_PENDING")
                .put("model_type", "")
                .put("source_run_id", body.path("source_run_id").asText(""));
        info.set("tags", body.path("tags").isArray() ? body.path("tags").deepCopy() : JSON.createArrayNode());
        ObjectNode data = model.putObject("data");
        data.set("params", body.path("params").isArray() ? body.path("params").deepCopy() : JSON.createArrayNode());
        data.putArray("metrics");
        loggedModels.put(id, model);
        return model.deepCopy();
    }

    private synchronized ObjectNode loggedModel(String id) {
        ObjectNode model = loggedModels.get(id);
        if (model == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Logged model with ID '" + id + "' not found.");
        }
        return model;
    }

    private synchronized void routeLoggedModel(HttpExchange ex, String method, String rest, JsonNode body)
            throws IOException {
        String id = rest.replaceAll("/.*", "");
        ObjectNode model = loggedModel(id);
        if (method.equals("GET") && rest.equals(id)) {
            send(ex, 200, wrap("model", model.deepCopy()));
        } else if (method.equals("PATCH") && rest.equals(id)) {
            String status = body.path("status").asText();
            if (!Set.of("LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED").contains(status)) {
                violation("finalize with status " + status);
            }
            ((ObjectNode) model.path("info"))
                    .put("status", status)
                    .put("last_updated_timestamp_ms", System.currentTimeMillis());
            send(ex, 200, wrap("model", model.deepCopy()));
        } else if (method.equals("PATCH") && rest.equals(id + "/tags")) {
            for (JsonNode tag : body.path("tags")) {
                setModelTag(model, tag.path("key").asText(), tag.path("value").asText());
            }
            send(ex, 200, "{}");
        } else {
            violation(method + " logged-models/" + rest + ": no handler in the fake server");
            send(ex, 404, error("ENDPOINT_NOT_FOUND", "No handler for " + rest));
        }
    }

    private static void setModelTag(ObjectNode model, String key, String value) {
        ArrayNode tags = (ArrayNode) model.path("info").path("tags");
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).path("key").asText().equals(key)) {
                tags.remove(i);
                break;
            }
        }
        tags.addObject().put("key", key).put("value", value);
    }

    private synchronized String searchLoggedModels(JsonNode body) throws IOException {
        List<String> experimentIds = new ArrayList<>();
        body.path("experiment_ids").forEach(e -> experimentIds.add(e.asText()));
        String filter = body.path("filter").asText("");
        Matcher byName = Pattern.compile("name = '(.*)'").matcher(filter);
        if (!filter.isEmpty() && !byName.matches()) {
            violation("logged-models/search filter the fake server does not read: " + filter);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode found = answer.putArray("models");
        List<ObjectNode> newestFirst = new ArrayList<>(loggedModels.values());
        Collections.reverse(newestFirst);
        for (ObjectNode model : newestFirst) {
            JsonNode info = model.path("info");
            if (experimentIds.contains(info.path("experiment_id").asText())
                    && (filter.isEmpty() || info.path("name").asText().equals(byName.group(1)))) {
                found.add(model.deepCopy());
            }
        }
        return JSON.writeValueAsString(answer);
    }

    private synchronized String metricHistory(String runId, String key) throws IOException {
        if (!runs.containsKey(runId)) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Run with id=" + runId + " not found");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("metrics");
        metrics.get(runId).stream()
                .filter(m -> m.path("key").asText().equals(key))
                .forEach(list::add);
        return JSON.writeValueAsString(answer);
    }

    /** The logged model of a version registered from {@code models:/m-<id>}; the server lists the version on it. */
    private synchronized void linkVersion(JsonNode body, ObjectNode version) {
        String modelId = body.path("model_id").asText(null);
        if (modelId == null) {
            return;
        }
        ObjectNode model = loggedModel(modelId);
        version.put("_storage", model.path("info").path("artifact_uri").asText());
        ArrayNode listed = JSON.createArrayNode();
        for (JsonNode tag : model.path("info").path("tags")) {
            if (tag.path("key").asText().equals("mlflow.modelVersions")) {
                try {
                    listed = (ArrayNode) JSON.readTree(tag.path("value").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        listed.addObject()
                .put("name", version.path("name").asText())
                .put("version", version.path("version").asInt());
        setModelTag(
                model,
                "mlflow.modelVersions",
                listed.toString().replace(",", ", ").replace(":", ": "));
    }

    // ---- experiments and runs ----

    private static ObjectNode experiment(String id, String name) {
        long now = System.currentTimeMillis();
        ObjectNode e = JSON.createObjectNode();
        e.put("experiment_id", id)
                .put("name", name)
                .put("artifact_location", "mlflow-artifacts:/" + id)
                .put("lifecycle_stage", "active")
                .put("last_update_time", now)
                .put("creation_time", now);
        return e;
    }

    private synchronized ObjectNode findExperimentByName(String name) {
        return experiments.values().stream()
                .filter(e -> e.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new MlflowError(
                        404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '" + name + "'"));
    }

    private synchronized ObjectNode experimentById(String id) {
        ObjectNode e = experiments.get(id);
        if (e == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "No Experiment with id=" + id + " exists");
        }
        return e;
    }

    private synchronized String createExperiment(String name, String artifactLocation) {
        if (experiments.values().stream().anyMatch(e -> e.path("name").asText().equals(name))) {
            throw new MlflowError(400, "RESOURCE_ALREADY_EXISTS", "Experiment(name=" + name + ") already exists.");
        }
        String id = Integer.toString(nextExperimentId.getAndIncrement());
        ObjectNode experiment = experiment(id, name);
        if (artifactLocation != null) {
            experiment.put("artifact_location", artifactLocation);
        }
        experiments.put(id, experiment);
        return "{\n  \"experiment_id\": \"" + id + "\"\n}";
    }

    private synchronized String createRun(JsonNode body) throws IOException {
        ObjectNode exp = experimentById(body.path("experiment_id").asText());
        String runId = UUID.randomUUID().toString().replace("-", "");
        ObjectNode info = JSON.createObjectNode();
        info.put("run_uuid", runId)
                .put("experiment_id", exp.path("experiment_id").asText())
                .put("run_name", body.path("run_name").asText("run"))
                .put("user_id", body.path("user_id").asText(""))
                .put("status", "RUNNING")
                .put("start_time", body.path("start_time").asLong())
                .put("artifact_uri", exp.path("artifact_location").asText() + "/" + runId + "/artifacts")
                .put("lifecycle_stage", "active")
                .put("run_id", runId);
        runs.put(runId, info);
        Map<String, String> runTags = Collections.synchronizedMap(new LinkedHashMap<>());
        for (JsonNode t : body.path("tags")) {
            runTags.put(t.path("key").asText(), t.path("value").asText());
        }
        tags.put(runId, runTags);
        params.put(runId, Collections.synchronizedMap(new LinkedHashMap<>()));
        metrics.put(runId, new CopyOnWriteArrayList<>());
        return JSON.writeValueAsString(wrap("run", runJson(runId)));
    }

    private synchronized ObjectNode runJson(String runId) {
        ObjectNode run = JSON.createObjectNode();
        run.set("info", runs.get(runId).deepCopy());
        ObjectNode data = run.putObject("data");
        if (!metrics.get(runId).isEmpty()) {
            Map<String, ObjectNode> latest = new LinkedHashMap<>();
            metrics.get(runId).forEach(m -> latest.put(m.path("key").asText(), m));
            ArrayNode ms = data.putArray("metrics");
            latest.values().forEach(ms::add);
        }
        if (!params.get(runId).isEmpty()) {
            ArrayNode ps = data.putArray("params");
            params.get(runId).forEach((k, v) -> ps.addObject().put("key", k).put("value", v));
        }
        ArrayNode ts = data.putArray("tags");
        tags.get(runId).forEach((k, v) -> ts.addObject().put("key", k).put("value", v));
        return run;
    }

    private synchronized String getRun(String runId) throws IOException {
        if (!runs.containsKey(runId)) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Run with id=" + runId + " not found");
        }
        ObjectNode run = runJson(runId);
        run.putObject("inputs");
        return JSON.writeValueAsString(wrap("run", run));
    }

    private synchronized String activeRun(JsonNode body) {
        String runId = body.path("run_id").asText(body.path("run_uuid").asText());
        ObjectNode info = runs.get(runId);
        if (info == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Run with id=" + runId + " not found");
        }
        if (!"RUNNING".equals(info.path("status").asText())) {
            // A real server accepts logging to finished runs (only deleted ones are refused); we record it as
            // suspicious.
            violation("logging to run " + runId + " which is "
                    + info.path("status").asText());
        }
        return runId;
    }

    private synchronized String updateRun(JsonNode body) throws IOException {
        String runId = body.path("run_id").asText();
        ObjectNode info = runs.get(runId);
        if (info == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Run with id=" + runId + " not found");
        }
        if (body.has("status")) {
            info.put("status", body.path("status").asText());
        }
        if (body.has("end_time")) {
            info.put("end_time", body.path("end_time").asLong());
        }
        return JSON.writeValueAsString(wrap("run_info", info.deepCopy()));
    }

    private void logParam(String runId, String key, String value) {
        validateKey(key);
        if (value.length() > 6000) {
            throw new MlflowError(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    "Param value '" + value.substring(0, 20) + "...' had length " + value.length()
                            + ", which exceeded length limit of 6000");
        }
        Map<String, String> p = params.get(runId);
        synchronized (p) {
            String old = p.get(key);
            if (old != null && !old.equals(value)) {
                throw new MlflowError(
                        400,
                        "INVALID_PARAMETER_VALUE",
                        "Changing param values is not allowed. Param with" + " key='" + key
                                + "' was already logged with value='" + old + "' for run ID='" + runId + "'.");
            }
            p.put(key, value);
        }
    }

    private void setTag(String runId, String key, String value) {
        validateKey(key);
        if (value.length() > 8000) {
            throw new MlflowError(400, "INVALID_PARAMETER_VALUE", "Tag value too long: " + value.length());
        }
        tags.get(runId).put(key, value);
    }

    private void logMetric(String runId, JsonNode m) {
        validateKey(m.path("key").asText());
        JsonNode value = m.path("value");
        if (!value.isNumber()
                && !(value.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(value.asText()))) {
            violation("metric value " + value + " is not a number");
            throw new MlflowError(400, "INVALID_PARAMETER_VALUE", "Got invalid value " + value + " for metric");
        }
        if (!m.path("timestamp").isIntegralNumber()) {
            violation("metric timestamp " + m.path("timestamp") + " is not an integer");
        }
        ObjectNode stored = JSON.createObjectNode();
        stored.put("key", m.path("key").asText());
        stored.set("value", value);
        stored.put("timestamp", m.path("timestamp").asLong())
                .put("step", m.path("step").asLong(0));
        metrics.get(runId).add(stored);
        if (m.hasNonNull("model_id")) {
            ObjectNode onModel = stored.deepCopy()
                    .put("model_id", m.path("model_id").asText())
                    .put("run_id", runId);
            ((ArrayNode) loggedModel(m.path("model_id").asText()).path("data").path("metrics")).add(onModel);
        }
    }

    private void logBatch(String runId, JsonNode body) {
        int nm = body.path("metrics").size();
        int np = body.path("params").size();
        int nt = body.path("tags").size();
        if (nm > 1000 || np > 100 || nt > 100 || nm + np + nt > 1000) {
            violation("log-batch over MLflow's limits: " + nm + " metrics, " + np + " params, " + nt + " tags");
            throw new MlflowError(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    "A batch logging request can contain at most 1000"
                            + " metrics, 100 params, 100 tags and 1000 entities in total. Got " + nm + " metrics, " + np
                            + " params, " + nt + " tags");
        }
        for (JsonNode p : body.path("params")) {
            logParam(runId, p.path("key").asText(), p.path("value").asText());
        }
        for (JsonNode t : body.path("tags")) {
            setTag(runId, t.path("key").asText(), t.path("value").asText());
        }
        for (JsonNode m : body.path("metrics")) {
            for (String required : List.of("key", "value", "timestamp")) {
                if (!m.has(required)) {
                    violation("log-batch metric without " + required);
                }
            }
            logMetric(runId, m);
        }
    }

    private void logModel(String runId, String modelJson) throws IOException {
        JsonNode model;
        try {
            model = JSON.readTree(modelJson);
        } catch (IOException e) {
            throw new MlflowError(400, "INVALID_PARAMETER_VALUE", "Malformed model info. \n " + modelJson);
        }
        for (String required : List.of("artifact_path", "flavors", "utc_time_created", "run_id")) {
            if (!model.has(required)) {
                violation("model_json without " + required);
                throw new MlflowError(
                        400, "INVALID_PARAMETER_VALUE", "Model json is missing mandatory fields: " + required);
            }
        }
        Map<String, String> runTags = tags.get(runId);
        synchronized (runTags) {
            String history = runTags.get("mlflow.log-model.history");
            ArrayNode list = history == null ? JSON.createArrayNode() : (ArrayNode) JSON.readTree(history);
            list.add(model);
            runTags.put("mlflow.log-model.history", JSON.writeValueAsString(list));
        }
    }

    private static void validateKey(String key) {
        if (key.isEmpty() || key.length() > 250 || !key.matches("^[/\\w.\\- ]*$")) {
            throw new MlflowError(400, "INVALID_PARAMETER_VALUE", "Invalid key '" + key + "'");
        }
    }

    // ---- artifacts ----

    private Path artifactPath(String relPath) {
        String decoded = URLDecoder.decode(relPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        Path p = artifactRoot.resolve(decoded).normalize();
        if (!p.startsWith(artifactRoot) || decoded.startsWith("/") || decoded.contains("..")) {
            throw new MlflowError(400, "INVALID_PARAMETER_VALUE", "Invalid path: " + relPath);
        }
        return p;
    }

    private long upload(HttpExchange ex, String relPath) throws IOException {
        if (stallUploadsMillis > 0) {
            try {
                Thread.sleep(stallUploadsMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0; // closes the connection without an answer
        }
        Path target = artifactPath(relPath);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        long total = 0;
        String cut = cutUploadsOf;
        boolean cutThis = cut != null && relPath.endsWith(cut);
        try (InputStream in = ex.getRequestBody();
                OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                total += n;
                if (cutThis && total >= cutAfterBytes) {
                    out.close();
                    Files.deleteIfExists(tmp);
                    return total; // the connection closes without an answer
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        send(ex, 200, "{}");
        return total;
    }

    private void download(HttpExchange ex, String relPath) throws IOException {
        Path file = artifactPath(relPath);
        if (!Files.isRegularFile(file)) {
            // what MLflow's proxied artifact download answers (a 500, not a 404), from the 3.11.1 recording
            send(
                    ex,
                    500,
                    error(
                            "INTERNAL_ERROR",
                            "The following failures occurred while downloading one or more"
                                    + " artifacts from " + artifactRoot + ":\n##### File " + relPath
                                    + " #####\n[Errno 2] No such file or"
                                    + " directory: '" + file + "'"));
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    private String listArtifacts(String relDir) throws IOException {
        Path dir = relDir.isEmpty() ? artifactRoot : artifactPath(relDir);
        ObjectNode answer = JSON.createObjectNode();
        if (Files.isDirectory(dir)) {
            ArrayNode files = answer.putArray("files");
            try (Stream<Path> children = Files.list(dir)) {
                for (Path c : children.sorted().toList()) {
                    if (c.getFileName().toString().startsWith(".upload-")) {
                        continue;
                    }
                    ObjectNode f = files.addObject()
                            .put("path", c.getFileName().toString())
                            .put("is_dir", Files.isDirectory(c));
                    if (!Files.isDirectory(c)) {
                        f.put("file_size", Files.size(c));
                    }
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer);
    }

    private void deleteArtifact(String relPath) throws IOException {
        Path p = artifactPath(relPath);
        if (Files.isDirectory(p)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    // ---- registry ----

    private synchronized String createRegisteredModel(String name) throws IOException {
        if (versions.containsKey(name)) {
            throw new MlflowError(
                    400, "RESOURCE_ALREADY_EXISTS", "Registered Model (name=" + name + ") already exists.");
        }
        versions.put(name, new ArrayList<>());
        long now = System.currentTimeMillis();
        ObjectNode model = JSON.createObjectNode()
                .put("name", name)
                .put("creation_timestamp", now)
                .put("last_updated_timestamp", now);
        return JSON.writeValueAsString(wrap("registered_model", model));
    }

    private synchronized ObjectNode createVersion(JsonNode body) {
        String name = body.path("name").asText();
        List<ObjectNode> list = versions.get(name);
        if (list == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=" + name + " not found");
        }
        String source = body.path("source").asText();
        if (!source.startsWith("mlflow-artifacts:") && !source.startsWith("models:") && !source.startsWith("runs:")) {
            throw new MlflowError(400, "INVALID_PARAMETER_VALUE", "Invalid model version source: '" + source + "'.");
        }
        long now = System.currentTimeMillis();
        ObjectNode v = JSON.createObjectNode();
        v.put("name", name)
                .put("version", Integer.toString(list.size() + 1))
                .put("creation_timestamp", now)
                .put("last_updated_timestamp", now)
                .put("current_stage", "None")
                .put("description", "")
                .put("source", source)
                .put("run_id", body.path("run_id").asText(""))
                .put("status", pendingPolls > 0 ? "PENDING_REGISTRATION" : "READY")
                .put("run_link", "");
        v.put("_polls", pendingPolls);
        list.add(v);
        linkVersion(body, v);
        return publicVersion(v);
    }

    private synchronized ObjectNode version(String name, String version) {
        List<ObjectNode> list = versions.get(name);
        if (list == null
                || !version.matches("\\d+")
                || Integer.parseInt(version) < 1
                || Integer.parseInt(version) > list.size()) {
            throw new MlflowError(
                    404,
                    "RESOURCE_DOES_NOT_EXIST",
                    "Model Version (name=" + name + ", version=" + version + ") not found");
        }
        return list.get(Integer.parseInt(version) - 1);
    }

    private synchronized ObjectNode pollVersion(String name, String number) {
        ObjectNode v = version(name, number);
        int polls = v.path("_polls").asInt();
        if (polls > 0) {
            v.put("_polls", polls - 1);
            if (polls - 1 == 0) {
                v.put("status", "READY");
            }
        }
        return publicVersion(v);
    }

    private synchronized ObjectNode publicVersion(ObjectNode v) {
        ObjectNode copy = v.deepCopy();
        copy.remove("_polls");
        copy.remove("_storage");
        List<String> names = new ArrayList<>();
        aliases.getOrDefault(v.path("name").asText(), Map.of()).forEach((alias, ver) -> {
            if (ver.equals(v.path("version").asText())) {
                names.add(alias);
            }
        });
        if (!names.isEmpty()) {
            ArrayNode a = copy.putArray("aliases");
            names.forEach(a::add);
        }
        return copy;
    }

    private synchronized void setAlias(String name, String alias, String version) {
        version(name, version);
        aliases.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(alias, version);
    }

    private synchronized ObjectNode byAlias(String name, String alias) {
        String version = aliases.getOrDefault(name, Map.of()).get(alias);
        if (version == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Registered model alias " + alias + " not found.");
        }
        return publicVersion(version(name, version));
    }

    private synchronized String latestVersions(String name) throws IOException {
        List<ObjectNode> list = versions.get(name);
        if (list == null) {
            throw new MlflowError(404, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name=" + name + " not found");
        }
        ObjectNode answer = JSON.createObjectNode();
        if (!list.isEmpty()) {
            answer.putArray("model_versions").add(publicVersion(list.get(list.size() - 1)));
        }
        return JSON.writeValueAsString(answer);
    }

    // ---- helpers ----

    private void violation(String what) {
        violations.add(what);
    }

    private static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode o = JSON.createObjectNode();
        o.set(key, value);
        return o;
    }

    private static String error(String code, String message) {
        ObjectNode o = JSON.createObjectNode().put("error_code", code).put("message", message);
        return o.toString();
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        String text = body instanceof JsonNode node
                ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                : body.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status == 401 ? "text/plain" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    /** An MLflow error answer. */
    private static final class MlflowError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        MlflowError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
