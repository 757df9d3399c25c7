package io.mlflow4j.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PythonJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsEnforcerTest {

    /**
     * The scalar params of the reference model {@code params_schema}, exactly as MLflow 2.17.2 wrote
     * them (its list and datetime params are not supported yet).
     */
    private static final String SCALAR_PARAMS =
            "[{\"name\": \"temperature\", \"type\": \"float\", \"default\": 0.5, \"shape\": null},"
                    + " {\"name\": \"max_tokens\", \"type\": \"long\", \"default\": 16, \"shape\": null},"
                    + " {\"name\": \"top_p\", \"type\": \"double\", \"default\": 0.9, \"shape\": null},"
                    + " {\"name\": \"verbose\", \"type\": \"boolean\", \"default\": false, \"shape\": null},"
                    + " {\"name\": \"mode\", \"type\": \"string\", \"default\": \"fast\", \"shape\": null},"
                    + " {\"name\": \"seed\", \"type\": \"integer\", \"default\": 42, \"shape\": null}]";

    private static ParamSchema schema() {
        return ParamSchema.fromJson(SCALAR_PARAMS);
    }

    @Test
    void defaultsAreFilledWhenNoParamsAreGiven() {
        for (Map<String, Object> given : Arrays.asList(null, Map.<String, Object>of())) {
            Params params = ParamsEnforcer.enforce(schema(), given);
            assertEquals(0.5f, params.getFloat("temperature"));
            assertEquals(16L, params.getLong("max_tokens"));
            assertEquals(0.9, params.getDouble("top_p"));
            assertEquals(false, params.getBoolean("verbose"));
            assertEquals("fast", params.getString("mode"));
            assertEquals(42, params.getInt("seed"));
            assertEquals(
                    List.of("temperature", "max_tokens", "top_p", "verbose", "mode", "seed"),
                    List.copyOf(params.asMap().keySet()));
        }
    }

    @Test
    void givenValuesReplaceDefaultsAndIntsAreConverted() {
        Map<String, Object> given = new HashMap<>();
        given.put("temperature", 1); // int -> float
        given.put("max_tokens", 3); // int -> long
        given.put("top_p", 2L); // long -> double
        given.put("seed", 7L); // a JSON reader's long -> int
        given.put("mode", "slow");
        Params params = ParamsEnforcer.enforce(schema(), given);
        assertInstanceOf(Float.class, params.asMap().get("temperature"));
        assertEquals(1.0f, params.getFloat("temperature"));
        assertInstanceOf(Long.class, params.asMap().get("max_tokens"));
        assertEquals(3L, params.getLong("max_tokens"));
        assertInstanceOf(Double.class, params.asMap().get("top_p"));
        assertEquals(2.0, params.getDouble("top_p"));
        assertEquals(7, params.getInt("seed"));
        assertEquals("slow", params.getString("mode"));
        assertEquals(false, params.getBoolean("verbose"), "default kept");

        Params widened = ParamsEnforcer.enforce(
                ParamSchema.fromJson("[{\"name\": \"d\", \"type\": \"double\", \"default\": 0.5, \"shape\": null}]"),
                Map.of("d", 0.25f));
        assertEquals(0.25, widened.getDouble("d"), "float -> double");
    }

    @Test
    void unknownParamsAreDropped() {
        Params params = ParamsEnforcer.enforce(schema(), Map.of("nope", 1, "mode", "slow"));
        assertTrue(!params.asMap().containsKey("nope"));
        assertEquals("slow", params.getString("mode"));
        assertEquals(6, params.asMap().size());
    }

    @Test
    void withoutParamsSchemaParamsAreIgnored() {
        assertSame(Params.empty(), ParamsEnforcer.enforce(null, Map.of("scale", 2)));
        assertSame(Params.empty(), ParamsEnforcer.enforce(null, null));
    }

    /** The real MLflow 2.17.2 scoring server, asked with {@code "params": {"max_tokens": "many"}}. */
    @Test
    @SuppressWarnings("unchecked")
    void badTypeIsReportedWithMlflowsMessage() {
        Map<String, Object> exchange = exchange("params_schema", "bad_param_wrong_type");
        Map<String, Object> request = PythonJson.parseObject((String) exchange.get("request_body"));
        Map<String, Object> response = PythonJson.parseObject((String) exchange.get("response_body"));
        String recorded = (String) response.get("message");
        String expected = recorded.substring(recorded.indexOf("Invalid parameters found: "));
        assertEquals(
                "Invalid parameters found: {('max_tokens', \"Incompatible types for param 'max_tokens': long"
                        + " (default: 16) with shape None. Can not safely convert str to DataType.long.\")}",
                expected);

        MlflowException e = assertThrows(
                MlflowException.class, () -> ParamsEnforcer.enforce(schema(), (Map<String, ?>) request.get("params")));
        assertEquals(response.get("error_code"), e.errorCode().name());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void everyBadParamIsCollected() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("verbose", "yes");
        given.put("seed", 1.5);
        given.put("mode", 3);
        MlflowException e = assertThrows(MlflowException.class, () -> ParamsEnforcer.enforce(schema(), given));
        assertEquals(MlflowException.ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        String message = e.getMessage();
        assertTrue(message.startsWith("Invalid parameters found: {("), message);
        assertTrue(message.endsWith(")}"), message);
        assertTrue(
                message.contains("('verbose', \"Incompatible types for param 'verbose': boolean (default: False)"
                        + " with shape None. Can not safely convert str to DataType.boolean.\")"),
                message);
        assertTrue(
                message.contains("('seed', \"Incompatible types for param 'seed': integer (default: 42)"
                        + " with shape None. Can not safely convert float to DataType.integer.\")"),
                message);
        assertTrue(
                message.contains("('mode', \"Incompatible types for param 'mode': string (default: fast)"
                        + " with shape None. Can not safely convert int to DataType.string.\")"),
                message);
    }

    /** Accepted requests of the recording: the params the model saw, for the scalar params. */
    @Test
    void acceptedParamsMatchWhatTheMlflowModelReceived() {
        for (String caseName : List.of(
                "dataframe_split_with_params",
                "params_int_for_float",
                "inputs_with_params",
                "unknown_param",
                "dataframe_split_no_params")) {
            Map<String, Object> exchange = exchange("params_schema", caseName);
            Map<String, Object> request = PythonJson.parseObject((String) exchange.get("request_body"));
            Map<?, ?> given = request.get("params") instanceof Map<?, ?> m ? new HashMap<>(m) : new HashMap<>();
            given.keySet().removeAll(List.of("stop", "weights", "as_of")); // list and datetime params: not supported
            Map<String, Object> response = PythonJson.parseObject((String) exchange.get("response_body"));
            Map<?, ?> prediction = (Map<?, ?>) ((List<?>) response.get("predictions")).get(0);
            Map<String, Object> modelSaw = PythonJson.parseObject((String) prediction.get("_params"));

            @SuppressWarnings("unchecked")
            Params params = ParamsEnforcer.enforce(schema(), (Map<String, ?>) given);
            for (Map.Entry<String, Object> p : params.asMap().entrySet()) {
                assertEquals(
                        PythonJson.dumps(modelSaw.get(p.getKey())),
                        PythonJson.dumps(p.getValue()),
                        caseName + ": " + p.getKey());
            }
        }
    }

    private static Map<String, Object> exchange(String model, String caseName) {
        try {
            for (String line : Files.readAllLines(Reference.v2("scoring_exchanges.jsonl"))) {
                Map<String, Object> e = PythonJson.parseObject(line);
                if (model.equals(e.get("model")) && caseName.equals(e.get("case"))) {
                    return e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no recorded exchange " + model + "/" + caseName);
    }
}
