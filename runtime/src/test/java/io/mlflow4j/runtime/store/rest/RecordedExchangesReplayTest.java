package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test server against the recording it was built from: every request the real Python client
 * sent to a real MLflow 2.17.2 server, replayed in order, gets the recorded status and a response
 * of the recorded shape (the same field names at every level), and artifacts come back byte for
 * byte. So tests that pass against the test server pass against what real MLflow answers.
 */
class RecordedExchangesReplayTest {
    @TempDir
    Path tmp;

    @Test
    void theTestServerAnswersTheRecordedRequestsAsTheRealServerDid() throws Exception {
        RecordedApi api = RecordedApi.read(Reference.v2("http_capture_tracking.jsonl"));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (FakeTrackingServer server = FakeTrackingServer.start(Files.createDirectories(tmp.resolve("a")))) {
            // the recorded experiment got id 2 on a server with an earlier one: make ours get 2 as well
            post(http, server, "/api/2.0/mlflow/experiments/create", "{\"name\": \"earlier\"}");
            String recordedRunId = null;
            String runId = null;
            List<String> mismatches = new ArrayList<>();
            for (RecordedApi.Exchange x : api.exchanges) {
                String path = x.path();
                String query = rawQuery(x);
                String body = requestBody(api, x);
                if (recordedRunId != null) {
                    path = path.replace(recordedRunId, runId);
                    query = query.replace(recordedRunId, runId);
                    body = body == null ? null : body.replace(recordedRunId, runId);
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path + query));
                x.requestHeaders().forEach((k, v) -> {
                    if (k.equals("Content-Type")) {
                        request.header(k, v);
                    }
                });
                request.method(
                        x.method(),
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : x.method().equals("PUT") && bodyBytes(api, x) != null
                                        ? HttpRequest.BodyPublishers.ofByteArray(bodyBytes(api, x))
                                        : HttpRequest.BodyPublishers.ofString(body));
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != x.status()) {
                    mismatches.add(x.seq() + " " + x.endpoint() + ": status " + response.statusCode() + ", recorded "
                            + x.status());
                    continue;
                }
                if (x.endpoint().equals("POST /api/2.0/mlflow/runs/create")) {
                    recordedRunId = x.responseJson()
                            .path("run")
                            .path("info")
                            .path("run_id")
                            .asText();
                    runId = FakeTrackingServer.JSON
                            .readTree(response.body())
                            .path("run")
                            .path("info")
                            .path("run_id")
                            .asText();
                }
                if (x.method().equals("GET") && x.endpoint().equals("GET " + RecordedApi.ARTIFACT_FILES)) {
                    byte[] expected = recordedDownload(api, x);
                    if (expected != null && !Arrays.equals(expected, response.body())) {
                        mismatches.add(x.seq() + " " + x.path() + ": different bytes");
                    }
                    continue;
                }
                if (x.responseJson() != null) {
                    JsonNode ours = FakeTrackingServer.JSON.readTree(response.body());
                    Set<String> recordedShape = RecordedApi.shape(x.responseJson());
                    Set<String> ourShape = RecordedApi.shape(ours);
                    if (!recordedShape.equals(ourShape)) {
                        Set<String> missing = new TreeSet<>(recordedShape);
                        missing.removeAll(ourShape);
                        Set<String> extra = new TreeSet<>(ourShape);
                        extra.removeAll(recordedShape);
                        mismatches.add(x.seq() + " " + x.endpoint() + ": missing " + missing + ", extra " + extra);
                    }
                }
            }
            assertEquals(List.of(), mismatches);
            assertEquals(List.of(), server.violations(), "the real client's requests pass the test server's checks");
            assertTrue(api.exchanges.size() > 100);
        }
    }

    /**
     * The endpoints and fields mlflow4j sends are ones a 3.6 server was recorded accepting too
     * (runs/log-model, which 3.x clients no longer call, is still served: mlflow-format.md §7.4).
     */
    @Test
    void theEndpointsWeUseAreAcceptedByMlflow3() {
        RecordedApi v2 = RecordedApi.read(Reference.v2("http_capture_tracking.jsonl"));
        RecordedApi v3 = RecordedApi.read(Reference.v3("http_capture_tracking.jsonl"));
        List<String> differences = new ArrayList<>();
        for (RecordedApi.Endpoint e : v2.endpoints.values()) {
            if (e.key.equals("POST /api/2.0/mlflow/runs/log-model")) {
                continue;
            }
            RecordedApi.Endpoint three = v3.endpoints.get(e.key);
            if (three == null) {
                differences.add(e.key + " not seen on 3.6");
            } else if (!three.fields.containsAll(e.fields.stream()
                    .filter(f -> !f.equals("run_id") || !e.key.contains("model-versions"))
                    .toList())) {
                differences.add(e.key + ": 2.17 fields " + e.fields + ", 3.6 fields " + three.fields);
            }
        }
        assertEquals(List.of(), differences);
    }

    private static void post(HttpClient http, FakeTrackingServer server, String path, String json) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(server.uri() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String rawQuery(RecordedApi.Exchange x) {
        if (x.query().isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        x.query()
                .forEach((k, values) ->
                        values.forEach(v -> pairs.add(RestClient.encode(k) + "=" + RestClient.encode(v))));
        return "?" + String.join("&", pairs);
    }

    private static Map<Integer, JsonNode> raw;

    private static JsonNode rawLine(RecordedApi.Exchange x) {
        if (raw == null) {
            raw = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Reference.v2("http_capture_tracking.jsonl"))) {
                    if (!line.isBlank()) {
                        JsonNode d = FakeTrackingServer.JSON.readTree(line);
                        raw.put(d.path("seq").asInt(), d);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return raw.get(x.seq());
    }

    private static String requestBody(RecordedApi api, RecordedApi.Exchange x) {
        JsonNode request = rawLine(x).path("request");
        if (request.hasNonNull("body")) {
            return request.path("body").asText();
        }
        if (request.has("body_base64")) {
            return "";
        }
        return null;
    }

    private static byte[] bodyBytes(RecordedApi api, RecordedApi.Exchange x) {
        JsonNode request = rawLine(x).path("request");
        if (request.has("body_base64")) {
            return Base64.getDecoder().decode(request.path("body_base64").asText());
        }
        return request.hasNonNull("body") ? request.path("body").asText().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static byte[] recordedDownload(RecordedApi api, RecordedApi.Exchange x) {
        JsonNode response = rawLine(x).path("response");
        if (response.hasNonNull("body")) {
            return response.path("body").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (response.has("body_base64")
                && (!response.has("body_len")
                        || response.path("body_len").asInt()
                                == Base64.getDecoder()
                                        .decode(response.path("body_base64").asText())
                                        .length)) {
            return Base64.getDecoder().decode(response.path("body_base64").asText());
        }
        return null;
    }
}
