package io.mlflow4j.examples.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults and hostile inputs on the Python side of the bridge, loaded as MLflow loads the model:
 * interrupted calls, a model that loops, pandas' nullable dtypes, duplicate column names and
 * strings that are not valid Unicode.
 */
class PythonBridgeFaultsTest {
    @TempDir
    static Path shared;

    static Path twice;
    static Path allTypes;

    @BeforeAll
    static void saveModels() throws Exception {
        PythonDriver.checkPythonHasPandas();
        twice = TwiceLogger.save(new Twice(), shared.resolve("twice"));
        allTypes = AllScalarTypesLogger.save(new AllScalarTypes(), shared.resolve("all-types"));
    }

    /** noPoll: the loader's I/O where select.poll is missing (Windows): blocking pipes and a watchdog. */
    @ParameterizedTest(name = "noPoll={0}")
    @ValueSource(booleans = {false, true})
    void aCallInterruptedAnywhereLeavesNoAnswerBehindForTheNextCall(boolean noPoll, @TempDir Path dir)
            throws Exception {
        Map<String, Object> request = twiceRequest("interrupted_calls", 1.0);
        request.put("no_poll", noPoll);
        ProcessBuilder builder = PythonDriver.builder(dir, twice, request);
        builder.environment().put("MLFLOW4J_CALL_TIMEOUT", "90"); // the old hang becomes an error, not a stuck build
        JsonNode cases = PythonDriver.run(builder, dir).get("cases");

        JsonNode computing = cases.get("java_computing");
        assertEquals("KeyboardInterrupt", computing.get("raised").asText(), cases.toString());
        assertEquals("[14.0]", computing.get("next").toString(), "7 -> 14, not the interrupted call's answer");

        JsonNode midRequest = cases.get("mid_request");
        assertEquals("KeyboardInterrupt", midRequest.get("raised").asText(), cases.toString());
        assertTrue(
                midRequest.get("seen").asLong()
                        < midRequest.get("request_bytes").asLong(),
                "the interrupt came while the JVM was reading the request frame: " + midRequest);
        assertEquals("[14.0]", midRequest.get("next").toString(), cases.toString());

        JsonNode reply = cases.get("mid_reply");
        assertEquals("CallFailed", reply.get("raised").asText(), "any exception, not only KeyboardInterrupt: " + cases);
        assertTrue(
                reply.get("seen").asLong() < reply.get("reply_bytes").asLong(),
                "the exception came while Python was reading the reply frame: " + reply);
        assertEquals("[14.0]", reply.get("next").toString(), cases.toString());
    }

    @ParameterizedTest(name = "noPoll={0}")
    @ValueSource(booleans = {false, true})
    void aLoopingCallTimesOutAndTheOtherThreadsCallIsAnswered(boolean noPoll, @TempDir Path dir) throws Exception {
        Map<String, Object> request = twiceRequest("timeout_threads", 1.0);
        request.put("no_poll", noPoll);
        ProcessBuilder builder = PythonDriver.builder(dir, twice, request);
        builder.environment().put("MLFLOW4J_CALL_TIMEOUT", "3");
        JsonNode out = PythonDriver.run(builder, dir);

        JsonNode stuck = out.get("stuck");
        assertEquals("DEADLINE_EXCEEDED", stuck.get("error_code").asText(), out.toString());
        assertTrue(
                stuck.get("message")
                        .asText()
                        .contains("did not answer within 3 s, the limit MLFLOW4J_CALL_TIMEOUT sets"),
                out.toString());
        assertEquals("[6.0]", out.get("other").toString(), "the other thread's call is answered: " + out);
        assertEquals("[14.0]", out.get("next").toString(), out.toString());
    }

    @ParameterizedTest(name = "noPoll={0}")
    @ValueSource(booleans = {false, true})
    void aJvmThatDoesNotStartInTimeIsStoppedWithAClearError(boolean noPoll, @TempDir Path dir) throws Exception {
        Map<String, Object> request = twiceRequest("predict", 1.0);
        request.put("no_poll", noPoll);
        ProcessBuilder builder = PythonDriver.builder(dir, twice, request);
        builder.environment().put("MLFLOW4J_START_TIMEOUT", "3");
        builder.environment().put("TWICE_SPIN_ON_LOAD", "1");
        JsonNode error = PythonDriver.run(builder, dir).get("load_error");
        assertEquals("DEADLINE_EXCEEDED", error.get("error_code").asText(), error.toString());
        assertTrue(
                error.get("message")
                        .asText()
                        .startsWith(
                                "The Java model 'twice' did not start within 3 s, the limit MLFLOW4J_START_TIMEOUT sets"),
                error.toString());
    }

    @Test
    void aCallTimeoutThatIsNotANumberIsAClearError(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = PythonDriver.builder(dir, twice, twiceRequest("predict", 1.0));
        builder.environment().put("MLFLOW4J_CALL_TIMEOUT", "ten");
        JsonNode error = PythonDriver.run(builder, dir).get("load_error");
        assertEquals("INVALID_PARAMETER_VALUE", error.get("error_code").asText(), error.toString());
        assertTrue(
                error.get("message")
                        .asText()
                        .startsWith(
                                "MLFLOW4J_CALL_TIMEOUT is 'ten', which is not a number of seconds."
                                        + " Set it to the seconds one predict may take (the default is 600), or to 0 for no limit."),
                error.toString());
    }

    @Test
    void aMissingValueOfANullableFloatReachesJavaAsNaN(@TempDir Path dir) throws Exception {
        for (String dtype : List.of("Float64", "Float32", "Int32", "Int16")) {
            Map<String, Object> request = twiceRequest("predict", 5.5, null);
            request.put("dtypes", Map.of("x", dtype));
            if (dtype.startsWith("Int")) {
                request.put("data", List.of(List.of(5), Arrays.asList((Object) null)));
            }
            JsonNode result = PythonDriver.run(dir, twice, request).get("result");
            String expected = dtype.startsWith("Int") ? "[[10.0,null]]" : "[[11.0,null]]";
            assertEquals(expected, result.get("values").toString(), dtype + " [x, NA] doubled: " + result);
        }
    }

    @Test
    void missingValuesOfNullableDtypesReachJavaAsMissing(@TempDir Path dir) throws Exception {
        List<String> columns = List.of("b", "i", "l", "f", "d", "s", "od", "ol", "os");
        List<List<Object>> data = List.of(
                Arrays.asList(true, 3, 10L, 1.5, 2.5, "a", 0.5, 7L, "x"),
                Arrays.asList(false, -2, -3L, null, null, "b", null, null, null));
        Map<String, String> dtypes = Map.of(
                "b", "boolean", "i", "Int32", "l", "Int64", "f", "Float32", "d", "Float64", "s", "string", "od",
                "Float64", "ol", "Int64", "os", "string");
        Map<String, Object> request = request("predict", columns, data);
        request.put("dtypes", dtypes);
        JsonNode values = PythonDriver.run(dir, allTypes, request).get("result").get("values");
        assertEquals("[0.75,null]", values.get(3).toString(), "f / 2, NaN for the missing Float32: " + values);
        assertEquals("[5.0,null]", values.get(4).toString(), "d * k, NaN for the missing Float64: " + values);
        assertEquals("[1.5,null]", values.get(6).toString(), "od + 1, null for the missing Float64: " + values);
        assertEquals("[7,null]", values.get(7).toString(), "ol, null for the missing Int64: " + values);
        assertEquals("[\"x\",null]", values.get(8).toString(), "os, null for the missing string: " + values);

        data = List.of(Arrays.asList(true, 3, null, 1.5, 2.5, "a"));
        request = request("predict", columns.subList(0, 6), data);
        request.put("dtypes", Map.of("l", "Int64", "f", "float32", "i", "int32"));
        JsonNode error = PythonDriver.run(dir, allTypes, request).get("result");
        assertEquals("INVALID_PARAMETER_VALUE", error.get("error_code").asText(), error.toString());
        assertTrue(
                error.get("message").asText().contains("Column l is required but row 0 has no value."),
                error.toString());
    }

    @Test
    void aMissingValueInATensorFromANullableFloatColumnIsNaN(@TempDir Path dir) throws Exception {
        Path rowSums = RowSumsLogger.save(new RowSums(), dir.resolve("row-sums"));
        Map<String, Object> request = request(
                "predict", List.of("a", "b", "c", "d"), List.of(List.of(1, 2, 3, 4), Arrays.asList(1, null, 3, 4)));
        request.put("dtypes", Map.of("a", "Float32", "b", "Float32", "c", "Float32", "d", "Float32"));
        JsonNode result = PythonDriver.run(dir, rowSums, request).get("result");
        assertEquals("[[10.0],[null]]", result.get("values").get(0).toString(), result.toString());

        request.put("dtypes", Map.of("a", "Float32", "b", "Int32", "c", "Float32", "d", "Float32"));
        result = PythonDriver.run(dir, rowSums, request).get("result");
        assertEquals("INVALID_PARAMETER_VALUE", result.get("error_code").asText(), result.toString());
        assertTrue(
                result.get("message").asText().startsWith("Column 'b' (Int32) has a missing value in row 1"),
                result.toString());
    }

    @Test
    void duplicateColumnNamesAreAnInvalidParameterNamingTheColumn(@TempDir Path dir) throws Exception {
        JsonNode result = PythonDriver.run(
                        dir, twice, request("predict", List.of("x", "x"), List.of(List.of(1.0, 2.0))))
                .get("result");
        assertEquals("INVALID_PARAMETER_VALUE", result.get("error_code").asText(), result.toString());
        assertTrue(
                result.get("message").asText().startsWith("The input has 2 columns named 'x'; MLflow matches columns"),
                result.toString());
        assertTrue(result.get("message").asText().contains("df.loc[:, ~df.columns.duplicated()]"), result.toString());
    }

    @Test
    void aLoneSurrogateIsAnInvalidParameterNamingColumnRowAndValue(@TempDir Path dir) throws Exception {
        String json = "{\"columns\": [\"b\", \"i\", \"l\", \"f\", \"d\", \"s\"], \"dtypes\": {},"
                + " \"data\": [[true, 1, 2, 1.0, 1.0, \"ok\"], [true, 1, 2, 1.0, 1.0, \"a\\ud800b\"]]}";
        JsonNode result =
                PythonDriver.run(PythonDriver.builder(dir, allTypes, json), dir).get("result");
        assertEquals("INVALID_PARAMETER_VALUE", result.get("error_code").asText(), result.toString());
        assertTrue(
                result.get("message")
                        .asText()
                        .startsWith(
                                "Column 's', row 1, value 'a\\ud800b' holds the lone surrogate '\\ud800' at character 1, which is not valid Unicode"),
                result.toString());

        json = "{\"columns\": [\"x\", \"n\\udfff\"], \"dtypes\": {}, \"data\": [[1.0, 2.0]]}";
        result = PythonDriver.run(PythonDriver.builder(dir, twice, json), dir).get("result");
        assertEquals("INVALID_PARAMETER_VALUE", result.get("error_code").asText(), result.toString());
        assertTrue(
                result.get("message").asText().startsWith("The column name 'n\\udfff' holds the lone surrogate"),
                result.toString());
    }

    // ---- helpers ----

    private static Map<String, Object> twiceRequest(String scenario, Double... xs) {
        return request(
                scenario,
                List.of("x"),
                Arrays.stream(xs).map(x -> Arrays.asList((Object) x)).toList());
    }

    private static Map<String, Object> request(String scenario, List<String> columns, List<List<Object>> data) {
        Map<String, Object> request = new HashMap<>();
        request.put("scenario", scenario);
        request.put("columns", columns);
        request.put("data", data);
        request.put("dtypes", Map.of());
        return request;
    }
}
