package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mlflow4j.runtime.internal.Versions;
import io.mlflow4j.runtime.model.ModelAdapter;
import io.mlflow4j.runtime.scoring.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every request recorded from real {@code mlflow models serve} (2.17.2 and 3.6.1) against
 * our server serving an equivalent mlflow4j model, and compares the status, the content type and
 * the body: predictions value for value, errors by error code and message.
 */
class RecordedExchangesTest {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    static final Path REFERENCE =
            Paths.get(System.getProperty("mlflow4j.reference.dir", "../conformance/mlflow-reference"));

    /** Cases whose request needs a part of a signature the equivalent model leaves out: none now. */
    static final Map<String, String> NOT_EXPRESSIBLE_CASES = Map.of();

    /** Where we answer differently on purpose. */
    static final Map<String, Integer> EXPECTED_STATUS =
            Map.of("loader_module_model/bad_no_content_type", 415); // MLflow answers 500 with an HTML page

    /** Messages checked by their opening words only: the rest is Python's wording of a type error. */
    static final List<String> PREFIX_ONLY = List.of("params_schema/bad_param_wrong_type");

    static Map<String, Served> servers = new LinkedHashMap<>();

    @BeforeAll
    static void serveEquivalents(@TempDir Path dir) throws IOException {
        Path artifacts = REFERENCE.resolve("2.17.2/models/python_model_artifacts/artifacts");
        Map<String, ModelAdapter<?>> models = new LinkedHashMap<>();
        models.put("loader_module_model", new TestModels.Linear());
        models.put(
                "python_model_artifacts",
                new TestModels.TokenCodes(artifacts.resolve("vocab.json"), artifacts.resolve("extra_dir")));
        models.put("optional_columns", new TestModels.OptionalEcho());
        models.put("params_schema", new TestModels.ParamsEcho());
        models.put("example_list_of_strings", new TestModels.StringEcho());
        models.put("sklearn_linear_regression", new TestModels.Regression());
        models.put("all_column_types", new TestModels.AllTypesEcho());
        models.put("array_object_map", new TestModels.NestedEcho());
        models.put("tensor_float32_unnamed", new TestModels.RowSums());
        models.put("tensor_named_multi", new TestModels.NamedTensors());
        for (Map.Entry<String, ModelAdapter<?>> e : models.entrySet()) {
            servers.put(e.getKey(), Served.save(e.getValue(), dir.resolve(e.getKey())));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        for (Served s : servers.values()) {
            s.close();
        }
        servers.clear();
    }

    static Stream<Arguments> exchanges() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (String version : List.of("2.17.2", "3.6.1")) {
            for (String line : Files.readAllLines(REFERENCE.resolve(version).resolve("scoring_exchanges.jsonl"))) {
                if (!line.isBlank()) {
                    JsonNode exchange = JSON.readTree(line);
                    all.add(Arguments.of(
                            version + " " + exchange.get("model").asText() + "/"
                                    + exchange.get("case").asText(),
                            exchange));
                }
            }
        }
        return all.stream();
    }

    @Test
    void theRecordingsHoldTheExchangesThisTestReplays() throws IOException {
        assertEquals(128, exchanges().count(), "64 exchanges recorded per MLflow version");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void answersAsMlflowDid(String name, JsonNode recorded) throws Exception {
        String model = recorded.get("model").asText();
        String key = model + "/" + recorded.get("case").asText();
        assumeTrue(!NOT_EXPRESSIBLE_CASES.containsKey(key), () -> key + " needs " + NOT_EXPRESSIBLE_CASES.get(key));
        Served served = servers.get(model);
        assertNotNull(served, "no equivalent model for " + model);

        String method = recorded.get("method").asText();
        String path = recorded.get("path").asText();
        JsonNode contentType = recorded.get("request_content_type");
        Served.Reply reply = method.equals("GET")
                ? served.get(path)
                : served.post(
                        path,
                        contentType.isNull() ? null : contentType.asText(),
                        recorded.get("request_body").isNull()
                                ? ""
                                : recorded.get("request_body").asText());

        int recordedStatus = recorded.get("status").asInt();
        int expectedStatus = EXPECTED_STATUS.getOrDefault(key, recordedStatus);
        assertEquals(expectedStatus, reply.status(), () -> "status; body " + reply.body());
        String recordedType = header(recorded.get("response_headers"), "content-type");
        String expectedType = recordedType.startsWith("text/html") || expectedStatus != recordedStatus
                ? (expectedStatus == 415 ? "text/plain" : "application/json") // our errors are never HTML
                : recordedType;
        assertEquals(mediaType(expectedType), mediaType(reply.contentType()), "content type");

        String recordedBody = recorded.get("response_body").asText();
        if (path.equals("/version")) {
            assertEquals(Versions.MLFLOW_FORMAT, reply.body());
            assertTrue(recordedBody.matches("\\d+\\.\\d+\\.\\d+.*"), recordedBody);
        } else if (mediaType(reply.contentType()).equals("text/plain")) {
            if (expectedStatus == recordedStatus) {
                assertEquals(recordedBody, reply.body());
            } else {
                assertTrue(
                        reply.body().startsWith("This predictor only supports the following content types"),
                        reply.body());
            }
        } else if (expectedStatus == 200 && path.equals("/invocations")) {
            comparePredictions(model, JSON.readTree(recordedBody), JSON.readTree(reply.body()));
        } else if (expectedStatus == 200) {
            assertEquals(recordedBody, reply.body());
        } else if (!recordedType.startsWith("text/html") && !recordedBody.startsWith("{\"detail\"")) {
            compareErrors(key, JSON.readTree(recordedBody), JSON.readTree(reply.body()));
        } else {
            JsonNode error = JSON.readTree(reply.body());
            assertTrue(error.has("error_code") && error.has("message"), reply.body());
        }
    }

    private static void comparePredictions(String model, JsonNode recorded, JsonNode ours) {
        assertEquals(List.of("predictions"), fieldNames(ours), ours::toString);
        if (model.equals("params_schema")) {
            compareParamsEcho(recorded.get("predictions"), ours.get("predictions"));
        } else {
            assertSameJson(recorded, ours, "");
        }
    }

    /** The params our model has must have the values the Python model received. */
    private static void compareParamsEcho(JsonNode recorded, JsonNode ours) {
        assertEquals(recorded.size(), ours.size());
        for (int i = 0; i < recorded.size(); i++) {
            assertEquals(recorded.get(i).get("prompt"), ours.get(i).get("prompt"));
            try {
                JsonNode theirs = JSON.readTree(recorded.get(i).get("_params").asText());
                JsonNode mine = JSON.readTree(ours.get(i).get("_params").asText());
                assertEquals(
                        List.of("temperature", "max_tokens", "top_p", "verbose", "mode", "stop", "seed"),
                        fieldNames(mine));
                for (String param : fieldNames(mine)) {
                    assertSameJson(theirs.get(param), mine.get(param), "_params." + param);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void compareErrors(String key, JsonNode recorded, JsonNode ours) {
        assertEquals(List.of("error_code", "message"), fieldNames(ours), ours::toString);
        assertEquals(recorded.get("error_code"), ours.get("error_code"), ours::toString);
        String theirs = recorded.get("message").asText();
        String mine = ours.get("message").asText();
        String opening = String.join(" ", List.of(theirs.split("\\s+")).subList(0, 4));
        assertTrue(mine.startsWith(opening), () -> "message should open with '" + opening + "': " + mine);
        int lastError = theirs.lastIndexOf("Error: ");
        if (lastError >= 0 && !PREFIX_ONLY.contains(key) && !theirs.contains("JSONDecodeError")) {
            String cause = theirs.substring(lastError + "Error: ".length());
            assertTrue(mine.endsWith(cause), () -> "message should end with '" + cause + "': " + mine);
        }
    }

    static void assertSameJson(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            assertTrue(
                    Double.compare(e, a) == 0 || Math.abs(e - a) <= 1e-6 * Math.max(1, Math.abs(e)),
                    () -> where + ": expected " + expected + ", got " + actual);
        } else if (expected.isObject() && actual.isObject()) {
            assertEquals(fieldNames(expected), fieldNames(actual), () -> where + ": keys");
            expected.fieldNames()
                    .forEachRemaining(k -> assertSameJson(expected.get(k), actual.get(k), where + "." + k));
        } else if (expected.isArray() && actual.isArray()) {
            assertEquals(expected.size(), actual.size(), () -> where + ": length");
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String header(JsonNode headers, String name) {
        for (Map.Entry<String, JsonNode> e : headers.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().asText();
            }
        }
        throw new AssertionError("no " + name + " header in " + headers);
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }
}
