package io.mlflow4j.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.schema.ParamSchema;
import io.mlflow4j.runtime.schema.ParamSpec;
import io.mlflow4j.runtime.schema.Schema;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected texts are what Python 3.11's {@code json.dumps(value)} printed for the same values. */
class PythonJsonTest {

    @Test
    void dumpsNestedMapsAndListsLikePython() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("d", -7);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("c", List.of(d));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", b);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "x");
        value.put("list", Arrays.asList(1, 2.5, null, true, false, List.of(), Map.of()));
        value.put("nested", nested);
        value.put("big", new BigInteger("12345678901234567890"));
        // python3 -c 'import json; print(json.dumps({"name": "x", "list": [1, 2.5, None, True, False, [], {}],
        //   "nested": {"b": {"c": [{"d": -7}]}}, "big": 12345678901234567890}))'
        assertEquals(
                "{\"name\": \"x\", \"list\": [1, 2.5, null, true, false, [], {}], \"nested\": {\"b\": {\"c\":"
                        + " [{\"d\": -7}]}}, \"big\": 12345678901234567890}",
                PythonJson.dumps(value));
    }

    @Test
    void dumpsStringsWithPythonsAsciiEscapes() {
        List<String> value = List.of(
                "sch\u00f6n",
                "\uD83D\uDE00",
                "\u0000\u0001\u001f\u007f",
                "\t\n\r\b\f",
                "q\"b\\s/",
                "\u2028",
                "caf\u00e9 \u20ac");
        // json.dumps(["schön", "😀", "\x00\x01\x1f\x7f", "\t\n\r\b\f", "q\"b\\s/", "\u2028", "café €"])
        String python = "[\"sch\\u00f6n\", \"\\ud83d\\ude00\", \"\\u0000\\u0001\\u001f\\u007f\", \"\\t\\n\\r\\b\\f\","
                + " \"q\\\"b\\\\s/\", \"\\u2028\", \"caf\\u00e9 \\u20ac\"]";
        assertEquals(python, PythonJson.dumps(value));
        assertEquals(value, PythonJson.parseArray(python), "reads back");
    }

    @Test
    void dumpsFloatsLikePython() {
        List<Double> value = List.of(
                1e16,
                1e-05,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0,
                0.1,
                1e23,
                Double.MIN_VALUE,
                100.0,
                0.1 + 0.2);
        // json.dumps([1e16, 1e-05, nan, inf, -inf, -0.0, 0.1, 1e23, 5e-324, 100.0, 0.1 + 0.2])
        String python =
                "[1e+16, 1e-05, NaN, Infinity, -Infinity, -0.0, 0.1, 1e+23, 5e-324, 100.0, 0.30000000000000004]";
        assertEquals(python, PythonJson.dumps(value));
        assertEquals("[0.1, 0.5]", PythonJson.dumps(List.of(0.1f, 0.5f)), "a float32 prints its shortest digits");
    }

    @Test
    void parsesWhatPythonWrites() {
        List<Object> parsed = PythonJson.parseArray("[NaN, Infinity, -Infinity, 1, 12345678901234567890, 2.5, null]");
        assertTrue(Double.isNaN((Double) parsed.get(0)));
        assertEquals(Double.POSITIVE_INFINITY, parsed.get(1));
        assertEquals(Double.NEGATIVE_INFINITY, parsed.get(2));
        assertEquals(1L, parsed.get(3), "integers are longs");
        assertEquals(new BigInteger("12345678901234567890"), parsed.get(4), "Python ints have no size limit");
        assertEquals(2.5, parsed.get(5));
        assertEquals(null, parsed.get(6));
        Map<String, Object> object = PythonJson.parseObject("{\"a\": {\"b\": [7]}}");
        assertEquals(7L, ((List<?>) ((Map<?, ?>) object.get("a")).get("b")).get(0));
    }

    @Test
    void rejectsNonJson() {
        assertThrows(IllegalArgumentException.class, () -> PythonJson.parseArray("{\"a\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> PythonJson.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(List.of(new Object())));
    }

    /** The log-model history tag of the reference run is json.dumps output: it reads and writes back unchanged. */
    @Test
    void referenceLogModelHistoryRoundTrips() {
        String recorded = Reference.read(Reference.v2(
                "mlruns/932069789314833687/1ab4c4a276324a57b6c1463fae79ba4f/tags/mlflow.log-model.history"));
        assertEquals(recorded, PythonJson.dumps(PythonJson.parseArray(recorded)));
    }

    // ---- signatures of the reference models ----

    /** Models whose signatures use only scalar column types and no (or scalar) params. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "loader_module_model",
                "optional_columns",
                "python_model_artifacts",
                "all_column_types",
                "all_column_types_inferred",
                "example_dict_json_object"
            })
    void scalarSignaturesRoundTripTextExactly(String model) {
        for (String version : List.of("2.17.2", "3.6.1")) {
            Map<?, ?> signature = signature(version, model);
            int parts = 0;
            for (String part : List.of("inputs", "outputs")) {
                if (signature.get(part) instanceof String json) {
                    assertEquals(json, Schema.fromJson(json).toJson(), version + " " + model + " " + part);
                    parts++;
                }
            }
            assertTrue(parts >= 1, "no column signature in " + model);
            if (signature.get("params") instanceof String json) {
                assertEquals(json, ParamSchema.fromJson(json).toJson(), version + " " + model + " params");
            }
        }
    }

    @Test
    void unnamedScalarInputRoundTrips() {
        String inputs = (String) signature("2.17.2", "example_list_of_strings").get("inputs");
        assertEquals("[{\"type\": \"string\", \"required\": true}]", inputs);
        Schema schema = Schema.fromJson(inputs);
        assertTrue(!schema.hasNames());
        assertEquals(inputs, schema.toJson());
    }

    /** MLflow named a pandas output column 0 with the JSON number 0; Java tables have string names. */
    @Test
    void nonStringColumnNameIsRefusedClearly() {
        String outputs = (String) signature("2.17.2", "example_list_of_strings").get("outputs");
        assertEquals("[{\"type\": \"string\", \"name\": 0, \"required\": true}]", outputs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schema.fromJson(outputs));
        assertTrue(e.getMessage().contains("non-string name 0"), e.getMessage());
    }

    /**
     * The scalar, non-datetime param specs of the reference models, each exactly as MLflow 2.17.2
     * wrote it, round-trip on their own.
     */
    @Test
    void scalarParamSpecsRoundTripTextExactly() {
        Map<String, List<String>> specs = Map.of(
                "params_schema",
                        List.of(
                                "{\"name\": \"temperature\", \"type\": \"float\", \"default\": 0.5, \"shape\": null}",
                                "{\"name\": \"max_tokens\", \"type\": \"long\", \"default\": 16, \"shape\": null}",
                                "{\"name\": \"top_p\", \"type\": \"double\", \"default\": 0.9, \"shape\": null}",
                                "{\"name\": \"verbose\", \"type\": \"boolean\", \"default\": false, \"shape\": null}",
                                "{\"name\": \"mode\", \"type\": \"string\", \"default\": \"fast\", \"shape\": null}",
                                "{\"name\": \"seed\", \"type\": \"integer\", \"default\": 42, \"shape\": null}"),
                "params_inferred",
                        List.of(
                                "{\"name\": \"temperature\", \"type\": \"double\", \"default\": 0.7, \"shape\": null}",
                                "{\"name\": \"max_tokens\", \"type\": \"long\", \"default\": 10, \"shape\": null}",
                                "{\"name\": \"flag\", \"type\": \"boolean\", \"default\": true, \"shape\": null}"));
        for (Map.Entry<String, List<String>> model : specs.entrySet()) {
            String recorded = (String) signature("2.17.2", model.getKey()).get("params");
            for (String spec : model.getValue()) {
                assertTrue(recorded.contains(spec), "not in the reference: " + spec);
                assertEquals(
                        "[" + spec + "]", ParamSchema.fromJson("[" + spec + "]").toJson());
            }
            String joined = "[" + String.join(", ", model.getValue()) + "]";
            assertEquals(joined, ParamSchema.fromJson(joined).toJson());
        }
        ParamSchema parsed =
                ParamSchema.fromJson("[" + specs.get("params_schema").get(0) + "]");
        ParamSpec temperature = parsed.param("temperature").orElseThrow();
        assertEquals(DataType.FLOAT, temperature.type());
        assertInstanceOf(Float.class, temperature.defaultValue());
    }

    /** MLflow 3.x writes param keys in another order (name, default, shape, type); they read the same. */
    @Test
    void mlflow3ParamSpecsReadTheSame() {
        String v3 = "[{\"name\": \"temperature\", \"default\": 0.7, \"shape\": null, \"type\": \"double\"},"
                + " {\"name\": \"max_tokens\", \"default\": 10, \"shape\": null, \"type\": \"long\"}]";
        String recorded = (String) signature("3.6.1", "params_inferred").get("params");
        assertTrue(recorded.startsWith(v3.substring(0, v3.length() - 1)), recorded);
        ParamSchema parsed = ParamSchema.fromJson(v3);
        assertEquals(
                "[{\"name\": \"temperature\", \"type\": \"double\", \"default\": 0.7, \"shape\": null},"
                        + " {\"name\": \"max_tokens\", \"type\": \"long\", \"default\": 10, \"shape\": null}]",
                parsed.toJson());
    }

    @Test
    void everyRecordedParamsSchemaRoundTripsTextExactly() {
        // Lists (shape [-1]) of strings and doubles, a datetime default, every scalar type.
        // (3.6 writes the keys in another order; reading that is covered above.)
        for (String model : List.of("params_schema", "params_inferred")) {
            String params = (String) signature("2.17.2", model).get("params");
            assertEquals(params, ParamSchema.fromJson(params).toJson(), model);
        }
    }

    @Test
    void listAndDatetimeParamsHaveJavaValues() {
        ParamSchema schema = ParamSchema.fromJson(
                (String) signature("2.17.2", "params_schema").get("params"));
        ParamSpec stop = schema.param("stop").orElseThrow();
        assertTrue(stop.list());
        assertEquals(List.of("\n", "END"), stop.defaultValue());
        assertEquals(
                LocalDateTime.of(2024, 1, 1, 12, 0),
                schema.param("as_of").orElseThrow().defaultValue());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ParamSpec("as_of", DataType.DATETIME, "soon"));
        assertTrue(e.getMessage().contains("Can not safely convert str to DataType.datetime"), e.getMessage());
    }

    @Test
    void nestedSignaturesRoundTripTextExactly() {
        // Arrays, objects (properties sorted), maps, arrays of arrays and of objects, optional columns.
        for (String model : List.of("array_object_map", "array_object_inferred")) {
            String inputs = (String) signature("2.17.2", model).get("inputs");
            assertEquals(inputs, Schema.fromJson(inputs).toJson(), model);
        }
        assertEquals(
                "['tags': Array(string) (required), 'obj': {a: long (required), b: string (optional)} (required), "
                        + "'scores': Map(str -> double) (required), 'matrix': Array(Array(long)) (optional), "
                        + "'items': Array({k: string (required)}) (required)]",
                Schema.fromJson((String) signature("2.17.2", "array_object_map").get("inputs"))
                        .toString());
    }

    @Test
    void tensorSignaturesRoundTripTextExactly() {
        for (String model : List.of("tensor_float32_unnamed", "tensor_named_multi")) {
            String inputs = (String) signature("2.17.2", model).get("inputs");
            assertEquals(inputs, Schema.fromJson(inputs).toJson(), model);
        }
        assertEquals(
                "['features': Tensor('float32', (-1, 4)), 'ids': Tensor('int64', (-1,)), 'cube': Tensor('float64', (-1, 2, 3))]",
                Schema.fromJson((String)
                                signature("2.17.2", "tensor_named_multi").get("inputs"))
                        .toString(),
                "MLflow's repr, as its error messages print it");
    }

    private static Map<?, ?> signature(String version, String model) {
        Map<String, Object> mlmodel = PyYaml.load(Reference.read(Reference.root()
                .resolve(version)
                .resolve("models")
                .resolve(model)
                .resolve("MLmodel")));
        return (Map<?, ?>) mlmodel.get("signature");
    }
}
