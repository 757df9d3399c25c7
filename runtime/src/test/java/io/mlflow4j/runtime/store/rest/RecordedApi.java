package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a real MLflow tracking server accepted, read from a recording of the Python client talking
 * to it ({@code http_capture_tracking.jsonl}): for every endpoint (method and path, with the
 * artifact path and logged model ids replaced by {@code *}), the request fields and query
 * parameters the server took, the request content type, and one recorded response.
 */
final class RecordedApi {
    static final String ARTIFACT_FILES = "/api/2.0/mlflow-artifacts/artifacts/*";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One exchange of the recording. */
    record Exchange(
            int seq,
            String method,
            String path,
            String endpoint,
            Map<String, List<String>> query,
            Map<String, String> requestHeaders,
            JsonNode requestJson,
            int status,
            JsonNode responseJson) {}

    /** What the server accepted at one endpoint. */
    static final class Endpoint {
        final String key;
        final Set<String> fields = new TreeSet<>();
        final Set<String> queryParams = new TreeSet<>();
        final Set<String> contentTypes = new LinkedHashSet<>();
        JsonNode successResponse;

        Endpoint(String key) {
            this.key = key;
        }
    }

    final List<Exchange> exchanges = new ArrayList<>();
    final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    static RecordedApi read(Path jsonl) {
        RecordedApi api = new RecordedApi();
        try {
            for (String line : Files.readAllLines(jsonl)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = JSON.readTree(line);
                String method = d.path("method").asText();
                String path = d.path("path").asText();
                String endpoint = endpointOf(method, path);
                Map<String, List<String>> query = new LinkedHashMap<>();
                d.path("query_params").fields().forEachRemaining(e -> {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(v.asText()));
                    query.put(e.getKey(), values);
                });
                Map<String, String> headers = new LinkedHashMap<>();
                d.path("request_headers")
                        .fields()
                        .forEachRemaining(
                                e -> headers.put(e.getKey(), e.getValue().asText()));
                JsonNode requestJson =
                        method.equals("PUT") ? null : d.path("request").get("body_json");
                JsonNode responseJson = d.path("response").get("body_json");
                Exchange exchange = new Exchange(
                        d.path("seq").asInt(),
                        method,
                        path,
                        endpoint,
                        query,
                        headers,
                        requestJson,
                        d.path("status").asInt(),
                        responseJson);
                api.exchanges.add(exchange);
                Endpoint e = api.endpoints.computeIfAbsent(endpoint, Endpoint::new);
                if (requestJson != null && requestJson.isObject()) {
                    requestJson.fieldNames().forEachRemaining(e.fields::add);
                }
                e.queryParams.addAll(query.keySet());
                if (headers.containsKey("Content-Type")) {
                    e.contentTypes.add(headers.get("Content-Type"));
                }
                if (exchange.status() / 100 == 2 && e.successResponse == null && responseJson != null) {
                    e.successResponse = responseJson;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return api;
    }

    static String endpointOf(String method, String path) {
        String p = path.startsWith("/api/2.0/mlflow-artifacts/artifacts/")
                ? ARTIFACT_FILES
                : path.replaceAll("m-[0-9a-f]{32}", "*");
        return method + " " + p;
    }

    /** The field names of a JSON value, recursively, as {@code a.b[].c}: its shape without values. */
    static Set<String> shape(JsonNode node) {
        Set<String> out = new TreeSet<>();
        shape(node, "", out);
        return out;
    }

    private static void shape(JsonNode node, String prefix, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(name);
                shape(e.getValue(), name, out);
            });
        } else if (node.isArray()) {
            node.forEach(item -> shape(item, prefix + "[]", out));
        }
    }
}
