package io.mlflow4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.LogOptions;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.model.ModelSpec;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles real models with the processor, then runs the generated code. */
class GeneratedModelTest {
    private static final JavaFileObject IRIS = JavaFileObjects.forSourceString("test.Iris", """
            package test;

            import io.mlflow4j.annotations.*;
            import java.io.File;
            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;

            record Flower(@Column("sepal_length") double sepalLength, float width,
                          @Column(required = false) Double petalWidth, String name, int count, long big, boolean flag) {}

            record Prediction(String species, double score, Integer rank, boolean flag) {}

            @MlflowModel(name = "iris-test", description = "A test model")
            public class Iris {
                @Artifact("weights") Path weights;
                @Artifact File vocab;
                double bias;

                @Load
                void load() throws IOException {
                    bias = Double.parseDouble(Files.readString(weights).trim());
                }

                @Predict
                public List<Prediction> predict(List<Flower> rows,
                        @Param(name = "threshold", defaultValue = "0.5") double threshold,
                        @Param(name = "prefix", defaultValue = "iris-") String prefix) {
                    List<Prediction> out = new ArrayList<>();
                    for (Flower f : rows) {
                        out.add(new Prediction(prefix + f.name(), f.sepalLength() * bias + threshold + f.width() + f.big(),
                                f.petalWidth() == null ? null : f.count(), !f.flag()));
                    }
                    return out;
                }

                @InputExample
                static List<Flower> example() {
                    return List.of(new Flower(1.0, 0.5f, null, "a", 1, 2L, true), new Flower(-2.5, 0.1f, 3.0, "é", -7, 1L << 40, false));
                }
            }
            """);

    @Test
    void infersTheSignatureExactlyAsMlflowWritesIt(@TempDir Path classes) throws Exception {
        ModelSpec spec = spec(compile(IRIS), classes, "test.IrisMlflowModel");
        assertEquals(
                "[{\"type\": \"double\", \"name\": \"sepal_length\", \"required\": true}, "
                        + "{\"type\": \"float\", \"name\": \"width\", \"required\": true}, "
                        + "{\"type\": \"double\", \"name\": \"petalWidth\", \"required\": false}, "
                        + "{\"type\": \"string\", \"name\": \"name\", \"required\": true}, "
                        + "{\"type\": \"integer\", \"name\": \"count\", \"required\": true}, "
                        + "{\"type\": \"long\", \"name\": \"big\", \"required\": true}, "
                        + "{\"type\": \"boolean\", \"name\": \"flag\", \"required\": true}]",
                spec.signature().inputs().toJson());
        assertEquals(
                "[{\"type\": \"string\", \"name\": \"species\", \"required\": true}, "
                        + "{\"type\": \"double\", \"name\": \"score\", \"required\": true}, "
                        + "{\"type\": \"integer\", \"name\": \"rank\", \"required\": true}, "
                        + "{\"type\": \"boolean\", \"name\": \"flag\", \"required\": true}]",
                spec.signature().outputs().toJson());
        assertEquals(
                "[{\"name\": \"threshold\", \"type\": \"double\", \"default\": 0.5, \"shape\": null}, "
                        + "{\"name\": \"prefix\", \"type\": \"string\", \"default\": \"iris-\", \"shape\": null}]",
                spec.signature().params().toJson());
        assertEquals("iris-test", spec.name());
        assertEquals("A test model", spec.description());
        assertEquals(List.of("weights", "vocab"), spec.artifactNames());
    }

    @Test
    void savesLoadsAndPredictsThroughTheGeneratedCode(@TempDir Path dir) throws Exception {
        Compilation compilation = compile(IRIS);
        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> irisClass = loader.loadClass("test.Iris");
            Object iris = irisClass.getConstructor().newInstance();
            Path weights = Files.writeString(dir.resolve("weights.txt"), "2.0\n");
            Path vocab = Files.createDirectories(dir.resolve("vocab"));
            Files.writeString(vocab.resolve("words.txt"), "a b c");
            setField(iris, "weights", weights);
            setField(iris, "vocab", vocab.toFile());

            Class<?> logger = loader.loadClass("test.IrisLogger");
            assertEquals(
                    ModelInfo.class,
                    logger.getMethod("log", irisClass, ActiveRun.class, String.class, LogOptions.class)
                            .getReturnType(),
                    "log with LogOptions (registeredModelName)");
            Path saved =
                    (Path) logger.getMethod("save", irisClass, Path.class).invoke(null, iris, dir.resolve("model"));
            assertTrue(Files.isRegularFile(saved.resolve("MLmodel")));
            // The example as pandas' split orient, written by json.dumps: float32 widened like numpy's, NaN for a
            // missing double.
            assertEquals(
                    "{\"columns\": [\"sepal_length\", \"width\", \"petalWidth\", \"name\", \"count\", \"big\", \"flag\"], "
                            + "\"data\": [[1.0, 0.5, NaN, \"a\", 1, 2, true], [-2.5, 0.10000000149011612, 3.0, \"\\u00e9\", -7, 1099511627776, false]]}",
                    Files.readString(saved.resolve("input_example.json")));
            assertTrue(Files.readString(saved.resolve("serving_input_example.json"))
                    .startsWith("{\n  \"dataframe_split\": {\n    \"columns\": [\n      \"sepal_length\",\n"));
            assertTrue(Files.readString(saved.resolve("MLmodel"))
                    .contains("saved_input_example_info:\n"
                            + "  artifact_path: input_example.json\n  pandas_orient: split\n"
                            + "  serving_input_path: serving_input_example.json\n  type: dataframe\n"));
            assertEquals("2.0\n", Files.readString(saved.resolve("artifacts/weights")));
            assertEquals("a b c", Files.readString(saved.resolve("artifacts/vocab/words.txt")));

            Table input = Table.of(
                    Column.ofDoubles("sepal_length", new double[] {1.0, 3.0}),
                    Column.ofFloats("width", new float[] {0.5f, 0.25f}),
                    Column.ofBoxed("petalWidth", DataType.DOUBLE, new Object[] {null, 2.0}),
                    Column.ofStrings("name", new String[] {"a", "b"}),
                    Column.ofInts("count", new int[] {7, 8}),
                    Column.ofInts("big", new int[] {10, 20}), // integer widened to long by enforcement
                    Column.ofBooleans("flag", new boolean[] {true, false}),
                    Column.ofStrings("ignored", new String[] {"x", "y"}));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(input, Map.of("threshold", 1));
                assertEquals(List.of("species", "score", "rank", "flag"), out.columnNames());
                assertEquals("iris-a", out.column("species").getString(0));
                assertEquals(1.0 * 2.0 + 1 + 0.5 + 10, out.column("score").getDouble(0));
                assertEquals(3.0 * 2.0 + 1 + 0.25 + 20, out.column("score").getDouble(1));
                assertNull(out.column("rank").get(0));
                assertEquals(8, out.column("rank").get(1));
                assertEquals(false, out.column("flag").getBoolean(0));
                assertEquals(true, out.column("flag").getBoolean(1));

                Table defaults = model.predict(input);
                assertEquals(
                        1.0 * 2.0 + 0.5 + 0.5 + 10, defaults.column("score").getDouble(0));

                MlflowException missing = assertThrows(
                        MlflowException.class,
                        () -> model.predict(Table.of(Column.ofDoubles("sepal_length", new double[] {1}))));
                assertTrue(
                        missing.getMessage()
                                .contains("Model is missing inputs ['width', 'name', 'count', 'big', 'flag']."),
                        missing.getMessage());
            }

            Object loaded = logger.getMethod("load", String.class)
                    .invoke(null, saved.toUri().toString());
            assertEquals(2.0, getField(loaded, "bias"));
            assertEquals(
                    saved.resolve("artifacts/weights").toRealPath(), ((Path) getField(loaded, "weights")).toRealPath());
            assertTrue(((File) getField(loaded, "vocab")).isDirectory());
        }
    }

    @Test
    void anInputExampleTheModelCannotPredictOnStopsTheSave(@TempDir Path dir) throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Picky", """
                package test;

                import io.mlflow4j.annotations.*;

                @MlflowModel
                public class Picky {
                    public record Row(double x) {}

                    @Predict
                    public double predict(Row row) {
                        if (row.x() < 0) {
                            throw new IllegalArgumentException("x must not be negative, got " + row.x());
                        }
                        return Math.sqrt(row.x());
                    }

                    @InputExample
                    static final Row EXAMPLE = new Row(-1);
                }
                """);
        try (URLClassLoader loader = CompiledClasses.load(compile(source), dir.resolve("classes"))) {
            Class<?> picky = loader.loadClass("test.Picky");
            Method save = loader.loadClass("test.PickyLogger").getMethod("save", picky, Path.class);
            Path target = dir.resolve("model");
            Throwable failure = assertThrows(
                            InvocationTargetException.class,
                            () -> save.invoke(null, picky.getConstructor().newInstance(), target))
                    .getCause();
            assertTrue(failure instanceof MlflowException, failure.toString());
            assertTrue(
                    failure.getMessage()
                                    .contains("The input example of model 'picky' fails when the model predicts on it")
                            && failure.getMessage().contains("x must not be negative, got -1.0"),
                    failure.getMessage());
            assertFalse(Files.exists(target), "nothing written");
        }
    }

    @Test
    void rowFormWithScalarOutputAndNestedClass(@TempDir Path dir) throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Outer", """
                package test;

                import io.mlflow4j.annotations.*;

                public class Outer {
                    public record Row(long n, @Column(value = "s", required = false) String text) {}

                    @MlflowModel
                    public static class LengthScorer {
                        @Predict
                        public Integer score(Row row, @Param(name = "scale", defaultValue = "3") long scale) {
                            return row.text() == null ? null : (int) (row.text().length() * scale + row.n());
                        }
                    }
                }
                """);
        Compilation compilation = compile(source);
        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            ModelSpec spec = spec(compilation, dir.resolve("classes2"), "test.Outer_LengthScorerMlflowModel");
            assertEquals("length-scorer", spec.name());
            assertEquals(
                    "[{\"type\": \"integer\", \"required\": true}]",
                    spec.signature().outputs().toJson());
            assertEquals(
                    "[{\"type\": \"long\", \"name\": \"n\", \"required\": true}, "
                            + "{\"type\": \"string\", \"name\": \"s\", \"required\": false}]",
                    spec.signature().inputs().toJson());

            Class<?> scorer = loader.loadClass("test.Outer$LengthScorer");
            Class<?> logger = loader.loadClass("test.Outer_LengthScorerLogger");
            Path saved = (Path) logger.getMethod("save", scorer, Path.class)
                    .invoke(null, scorer.getConstructor().newInstance(), dir.resolve("model"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(
                        Table.of(
                                Column.ofLongs("n", new long[] {1, 2}),
                                Column.ofStrings("s", new String[] {"abcd", null})),
                        Map.of("scale", 10));
                assertEquals(1, out.columnCount());
                assertNull(out.column(0).name());
                assertEquals(41, out.column(0).get(0));
                assertNull(out.column(0).get(1));
                Table noText = model.predict(Table.of(Column.ofLongs("n", new long[] {5})));
                assertNull(noText.column(0).get(0), "an absent optional column arrives as null");
            }
        }
    }

    @Test
    void narrowTextualOptionalTypesAndTheArrayForm(@TempDir Path dir) throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Kinds", """
                package test;

                import io.mlflow4j.annotations.*;
                import java.util.Optional;

                @MlflowModel
                public class Kinds {
                    public enum Color { RED, GREEN }

                    public record In(byte b, Short s, char c, Character ch, Color color,
                                     Optional<String> note, Optional<Integer> count) {}

                    public record Out(int sum, Color next, char first, Optional<String> note) {}

                    @Predict
                    public Out[] predict(In[] rows) {
                        Out[] out = new Out[rows.length];
                        for (int i = 0; i < rows.length; i++) {
                            In r = rows[i];
                            int sum = r.b() + (r.s() == null ? 0 : r.s()) + r.count().orElse(0);
                            Color next = r.color() == null ? null : Color.values()[(r.color().ordinal() + 1) % 2];
                            out[i] = new Out(sum, next, r.c(), r.note().map(String::toUpperCase));
                        }
                        return out;
                    }
                }
                """);
        Compilation compilation =
                javac().withProcessors(new MlflowModelProcessor()).compile(source);
        assertThat(compilation).succeeded();
        EcjParity.assertSameGeneratedSources(compilation, source);
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[mlflow4j:OptionalInteger] Column 'count' of In")
                .inFile(source)
                .onLineContaining("Optional<Integer> count");
        ModelSpec spec = spec(compilation, dir.resolve("spec"), "test.KindsMlflowModel");
        assertEquals(
                "[{\"type\": \"integer\", \"name\": \"b\", \"required\": true}, "
                        + "{\"type\": \"integer\", \"name\": \"s\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"c\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"ch\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"color\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"note\", \"required\": false}, "
                        + "{\"type\": \"integer\", \"name\": \"count\", \"required\": false}]",
                spec.signature().inputs().toJson());
        assertEquals(
                "[{\"type\": \"integer\", \"name\": \"sum\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"next\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"first\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"note\", \"required\": false}]",
                spec.signature().outputs().toJson());

        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> kinds = loader.loadClass("test.Kinds");
            Path saved = (Path) loader.loadClass("test.KindsLogger")
                    .getMethod("save", kinds, Path.class)
                    .invoke(null, kinds.getConstructor().newInstance(), dir.resolve("model"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(Table.of(
                        Column.ofInts("b", new int[] {1, -128}),
                        Column.ofInts("s", new int[] {300, 2}),
                        Column.ofStrings("c", new String[] {"x", "y"}),
                        Column.ofStrings("ch", new String[] {"z", null}),
                        Column.ofStrings("color", new String[] {"RED", null}),
                        Column.ofStrings("note", new String[] {"hi", null}),
                        Column.ofBoxed("count", DataType.INTEGER, new Object[] {5, null})));
                assertEquals(306, out.column("sum").getInt(0));
                assertEquals(-126, out.column("sum").getInt(1));
                assertEquals("GREEN", out.column("next").getString(0));
                assertNull(out.column("next").getString(1));
                assertEquals("x", out.column("first").getString(0));
                assertEquals("HI", out.column("note").getString(0));
                assertNull(out.column("note").getString(1));

                MlflowException badEnum = assertThrows(
                        MlflowException.class,
                        () -> model.predict(Table.of(
                                Column.ofInts("b", new int[] {1}),
                                Column.ofInts("s", new int[] {1}),
                                Column.ofStrings("c", new String[] {"x"}),
                                Column.ofStrings("ch", new String[] {"z"}),
                                Column.ofStrings("color", new String[] {"BLUE"}))));
                assertEquals(
                        "Column color row 0 holds 'BLUE', which is not one of [RED, GREEN].", badEnum.getMessage());
                MlflowException tooBig = assertThrows(
                        MlflowException.class,
                        () -> model.predict(Table.of(
                                Column.ofInts("b", new int[] {200}),
                                Column.ofInts("s", new int[] {1}),
                                Column.ofStrings("c", new String[] {"x"}),
                                Column.ofStrings("ch", new String[] {"z"}),
                                Column.ofStrings("color", new String[] {"RED"}))));
                assertTrue(
                        tooBig.getMessage().contains("Column b row 0 holds 200, which does not fit the model's byte"),
                        tooBig.getMessage());
            }
        }
    }

    @Test
    void binaryAndDatetimeColumns(@TempDir Path dir) throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Events", """
                package test;

                import io.mlflow4j.annotations.*;
                import java.time.*;
                import java.util.List;
                import java.util.Optional;

                @MlflowModel
                public class Events {
                    public record Event(byte[] payload, Instant at, LocalDate day, Optional<LocalDateTime> seen) {}

                    public record Summary(int size, Instant nextHour, java.util.Date when, OffsetDateTime day) {}

                    @Predict
                    public Summary summarize(Event e) {
                        return new Summary(e.payload().length, e.at().plusSeconds(3600),
                                java.util.Date.from(e.at()), e.day().atStartOfDay().atOffset(ZoneOffset.UTC));
                    }

                    @InputExample
                    static final List<Event> EXAMPLE = List.of(new Event(new byte[] {0, 1, (byte) 0xff, 'a', 'b', 'c'},
                            Instant.parse("2024-12-31T23:59:59.123Z"), LocalDate.of(2024, 1, 2), Optional.empty()));
                }
                """);
        Compilation compilation = compile(source);
        ModelSpec spec = spec(compilation, dir.resolve("spec"), "test.EventsMlflowModel");
        assertEquals(
                "[{\"type\": \"binary\", \"name\": \"payload\", \"required\": true}, "
                        + "{\"type\": \"datetime\", \"name\": \"at\", \"required\": true}, "
                        + "{\"type\": \"datetime\", \"name\": \"day\", \"required\": true}, "
                        + "{\"type\": \"datetime\", \"name\": \"seen\", \"required\": false}]",
                spec.signature().inputs().toJson());
        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> type = loader.loadClass("test.Events");
            Path saved = (Path) loader.loadClass("test.EventsLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("model"));
            // As MLflow writes them: bytes with base64.encodebytes, datetimes with isoformat (reference
            // all_column_types).
            assertEquals(
                    "{\"columns\": [\"payload\", \"at\", \"day\", \"seen\"], \"data\": "
                            + "[[\"AAH/YWJj\\n\", \"2024-12-31T23:59:59.123000\", \"2024-01-02T00:00:00\", null]]}",
                    Files.readString(saved.resolve("input_example.json")));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(Table.of(
                        Column.ofBinary("payload", new byte[][] {{1, 2, 3}}),
                        Column.ofStrings("at", new String[] {"2024-01-02 03:04:05"}),
                        Column.ofStrings("day", new String[] {"2024-01-02"})));
                assertEquals(3, out.column("size").getInt(0));
                assertEquals(
                        "2024-01-02T04:04:05",
                        Datetimes.isoformat(out.column("nextHour").getEpochNanos(0)));
                assertEquals(
                        "2024-01-02T03:04:05",
                        Datetimes.isoformat(out.column("when").getEpochNanos(0)));
                assertEquals(
                        "2024-01-02T00:00:00",
                        Datetimes.isoformat(out.column("day").getEpochNanos(0)));
                MlflowException notADate = assertThrows(
                        MlflowException.class,
                        () -> model.predict(Table.of(
                                Column.ofBinary("payload", new byte[][] {{1}}),
                                Column.ofStrings("at", new String[] {"soon"}),
                                Column.ofStrings("day", new String[] {"2024-01-02"}))));
                assertTrue(
                        notADate.getMessage()
                                .endsWith("Error: Failed to convert column at from type object to DataType.datetime."),
                        notADate.getMessage());
            }
        }
    }

    @Test
    void everyParamTypeWritesWhatMlflowWrote(@TempDir Path dir) throws Exception {
        // The params of the reference model params_schema, declared in Java.
        JavaFileObject source = JavaFileObjects.forSourceString("test.Prompter", """
                package test;

                import io.mlflow4j.annotations.*;
                import java.time.LocalDateTime;
                import java.util.List;

                @MlflowModel
                public class Prompter {
                    public record Row(String prompt) {}
                    public record Out(String prompt, String params) {}

                    @Predict
                    public Out predict(Row row,
                            @Param(name = "temperature", defaultValue = "0.5") float temperature,
                            @Param(name = "max_tokens", defaultValue = "16") long maxTokens,
                            @Param(name = "top_p", defaultValue = "0.9") double topP,
                            @Param(name = "verbose", defaultValue = "false") boolean verbose,
                            @Param(name = "mode", defaultValue = "fast") String mode,
                            @Param(name = "stop", defaultValue = "[\\"\\\\n\\", \\"END\\"]") List<String> stop,
                            @Param(name = "weights", defaultValue = "[0.1, 0.2]") List<Double> weights,
                            @Param(name = "as_of", defaultValue = "2024-01-01T12:00:00") LocalDateTime asOf,
                            @Param(name = "seed", defaultValue = "42") int seed) {
                        return new Out(row.prompt(), temperature + "|" + maxTokens + "|" + stop + "|" + weights + "|" + asOf + "|" + seed);
                    }

                    @InputExample(params = {"temperature=0.7", "stop=[\\"STOP\\"]"})
                    static List<Row> example() {
                        return List.of(new Row("hi"), new Row("there"));
                    }
                }
                """);
        Compilation compilation = compile(source);
        ModelSpec spec = spec(compilation, dir.resolve("spec"), "test.PrompterMlflowModel");
        Map<String, Object> reference = PyYaml.load(Files.readString(
                Path.of(System.getProperty("mlflow4j.reference.dir"), "2.17.2/models/params_schema/MLmodel")));
        assertEquals(
                ((Map<?, ?>) reference.get("signature")).get("params"),
                spec.signature().params().toJson());

        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> type = loader.loadClass("test.Prompter");
            Path saved = (Path) loader.loadClass("test.PrompterLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("model"));
            // The example with params, as MLflow wrote it for params_schema.
            Path referenceModel = Path.of(System.getProperty("mlflow4j.reference.dir"), "2.17.2/models/params_schema");
            assertEquals(
                    Files.readString(referenceModel.resolve("input_example.json")),
                    Files.readString(saved.resolve("input_example.json")));
            assertEquals(
                    Files.readString(referenceModel.resolve("serving_input_example.json")),
                    Files.readString(saved.resolve("serving_input_example.json")));
            assertEquals(
                    reference.get("saved_input_example_info"),
                    PyYaml.load(Files.readString(saved.resolve("MLmodel"))).get("saved_input_example_info"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table in = Table.of(Column.ofStrings("prompt", new String[] {"hi"}));
                assertEquals(
                        "0.5|16|[\n, END]|[0.1, 0.2]|2024-01-01T12:00|42",
                        model.predict(in).column("params").getString(0));
                assertEquals(
                        "0.5|16|[a]|[1.0, 2.0]|2025-02-03T00:00|42",
                        model.predict(in, Map.of("stop", List.of("a"), "weights", List.of(1, 2), "as_of", "2025-02-03"))
                                .column("params")
                                .getString(0));
            }
        }
    }

    @Test
    void nestedColumnsWriteWhatMlflowWrote(@TempDir Path dir) throws Exception {
        // The input columns of the reference model array_object_map, declared in Java.
        JavaFileObject source = JavaFileObjects.forSourceString("test.Nests", """
                package test;

                import io.mlflow4j.annotations.*;
                import java.util.*;

                @MlflowModel
                public class Nests {
                    public record Obj(long a, @Column(required = false) String b) {}
                    public record Item(String k) {}
                    public record In(List<String> tags, Obj obj, Map<String, Double> scores,
                                     @Column(required = false) List<List<Long>> matrix, List<Item> items) {}
                    public record Out(Set<String> tags, String[] keys, Obj obj, int matrixSize) {}

                    @Predict
                    public List<Out> predict(List<In> rows) {
                        List<Out> out = new ArrayList<>();
                        for (In r : rows) {
                            out.add(new Out(new TreeSet<>(r.tags()), r.items().stream().map(Item::k).toArray(String[]::new),
                                    new Obj(r.obj().a() + 1, r.obj().b()), r.matrix() == null ? -1 : r.matrix().size()));
                        }
                        return out;
                    }
                }
                """);
        Compilation compilation = compile(source);
        ModelSpec spec = spec(compilation, dir.resolve("spec"), "test.NestsMlflowModel");
        Map<String, Object> reference = PyYaml.load(Files.readString(
                Path.of(System.getProperty("mlflow4j.reference.dir"), "2.17.2/models/array_object_map/MLmodel")));
        assertEquals(
                ((Map<?, ?>) reference.get("signature")).get("inputs"),
                spec.signature().inputs().toJson());

        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> type = loader.loadClass("test.Nests");
            Path saved = (Path) loader.loadClass("test.NestsLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("model"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(Table.of(
                        Column.ofNested("tags", DataType.ARRAY, new Object[] {List.of("y", "x", "y")}),
                        Column.ofNested("obj", DataType.OBJECT, new Object[] {Map.of("a", 1L)}),
                        Column.ofNested("scores", DataType.OBJECT, new Object[] {Map.of("m", 1)}),
                        Column.ofNested(
                                "items", DataType.ARRAY, new Object[] {List.of(Map.of("k", "v1"), Map.of("k", "v2"))
                                })));
                assertEquals(List.of("x", "y"), out.column("tags").get(0));
                assertEquals(List.of("v1", "v2"), out.column("keys").get(0));
                Map<String, Object> obj = new LinkedHashMap<>();
                obj.put("a", 2L);
                obj.put("b", null);
                assertEquals(obj, out.column("obj").get(0));
                assertEquals(-1, out.column("matrixSize").getInt(0));
                assertEquals(
                        "[{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"name\": \"tags\", \"required\": true}, "
                                + "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"name\": \"keys\", \"required\": true}, "
                                + "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"long\", \"required\": true}, "
                                + "\"b\": {\"type\": \"string\", \"required\": false}}, \"name\": \"obj\", \"required\": true}, "
                                + "{\"type\": \"integer\", \"name\": \"matrixSize\", \"required\": true}]",
                        spec.signature().outputs().toJson());
            }
        }
    }

    @Test
    void nestedIntsShortsAndBytesAreMlflowLongsCheckedToFitOnReading(@TempDir Path dir) throws Exception {
        // MLflow refuses every value for a nested integer ("Expected type integer, received type int").
        JavaFileObject source = JavaFileObjects.forSourceString("test.Counts", """
                package test;

                import io.mlflow4j.annotations.*;
                import java.util.*;

                @MlflowModel
                public class Counts {
                    public record Line(int quantity, @Column(required = false) Short pack) {}
                    public record In(List<Line> lines, Map<String, Byte> flags, Integer[] extra) {}

                    @Predict
                    public long predict(In row) {
                        long sum = 0;
                        for (Line l : row.lines()) {
                            sum += (long) l.quantity() * (l.pack() == null ? 1 : l.pack());
                        }
                        for (byte b : row.flags().values()) {
                            sum += b;
                        }
                        for (Integer e : row.extra()) {
                            sum += e;
                        }
                        return sum;
                    }
                }
                """);
        Compilation compilation = compile(source);
        ModelSpec spec = spec(compilation, dir.resolve("spec"), "test.CountsMlflowModel");
        assertEquals(
                "[{\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"pack\": {\"type\": \"long\", "
                        + "\"required\": false}, \"quantity\": {\"type\": \"long\", \"required\": true}}}, \"name\": \"lines\", \"required\": true}, "
                        + "{\"type\": \"map\", \"values\": {\"type\": \"long\"}, \"name\": \"flags\", \"required\": true}, "
                        + "{\"type\": \"array\", \"items\": {\"type\": \"long\"}, \"name\": \"extra\", \"required\": true}]",
                spec.signature().inputs().toJson());

        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> type = loader.loadClass("test.Counts");
            Path saved = (Path) loader.loadClass("test.CountsLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("model"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(
                        counts(List.of(Map.of("quantity", 2L, "pack", 6L)), Map.of("f", 1L), List.of(3L)));
                assertEquals(16L, out.column(0).get(0), "2 x 6 + 1 + 3");

                MlflowException quantity = assertThrows(
                        MlflowException.class,
                        () -> model.predict(counts(List.of(Map.of("quantity", 3_000_000_000L)), Map.of(), List.of())));
                assertEquals(
                        "Value 3000000000 of 'Line.quantity' does not fit the model's int (from -2147483648 to 2147483647)."
                                + " Send values in that range, or declare the Java type long.",
                        quantity.getMessage());
                assertEquals("INVALID_PARAMETER_VALUE", quantity.errorCode().name());
                MlflowException pack = assertThrows(
                        MlflowException.class,
                        () -> model.predict(
                                counts(List.of(Map.of("quantity", 1L, "pack", 40_000L)), Map.of(), List.of())));
                assertTrue(
                        pack.getMessage().startsWith("Value 40000 of 'Line.pack' does not fit the model's short"),
                        pack.getMessage());
                MlflowException flag = assertThrows(
                        MlflowException.class, () -> model.predict(counts(List.of(), Map.of("f", 128L), List.of())));
                assertTrue(
                        flag.getMessage().startsWith("Value 128 of 'flags' does not fit the model's byte"),
                        flag.getMessage());
                MlflowException extra = assertThrows(
                        MlflowException.class,
                        () -> model.predict(counts(List.of(), Map.of(), List.of(-2_147_483_649L))));
                assertTrue(
                        extra.getMessage().startsWith("Value -2147483649 of 'extra' does not fit the model's int"),
                        extra.getMessage());
            }
        }
    }

    private static Table counts(List<Map<String, Long>> lines, Map<String, Long> flags, List<Long> extra) {
        return Table.of(
                Column.ofNested("lines", DataType.ARRAY, new Object[] {lines}),
                Column.ofNested("flags", DataType.OBJECT, new Object[] {flags}),
                Column.ofNested("extra", DataType.ARRAY, new Object[] {extra}));
    }

    @Test
    void tensorsWriteWhatMlflowWrote(@TempDir Path dir) throws Exception {
        // The reference models tensor_float32_unnamed and tensor_named_multi, declared in Java.
        JavaFileObject unnamed = JavaFileObjects.forSourceString("test.SumRows", """
                package test;

                import io.mlflow4j.annotations.*;

                @MlflowModel
                public class SumRows {
                    @Predict
                    @TensorShape({-1, 1})
                    public float[][] predict(@TensorShape({-1, 4}) float[][] x) {
                        float[][] out = new float[x.length][1];
                        for (int i = 0; i < x.length; i++) {
                            for (float v : x[i]) {
                                out[i][0] += v;
                            }
                        }
                        return out;
                    }

                    @InputExample
                    static float[][] example() {
                        return new float[][] {{1, 2, 3, 4}, {0.5f, 0.5f, 0.5f, 0.5f}};
                    }
                }
                """);
        JavaFileObject named = JavaFileObjects.forSourceString("test.Multi", """
                package test;

                import io.mlflow4j.annotations.*;

                @MlflowModel
                public class Multi {
                    public record In(@TensorShape({-1, 4}) float[][] features, long[] ids, @TensorShape({-1, 2, 3}) double[][][] cube) {}
                    public record Out(double[] features, long[] ids) {}

                    @Predict
                    public Out predict(In in) {
                        double[] sums = new double[in.features().length];
                        for (int i = 0; i < sums.length; i++) {
                            for (float v : in.features()[i]) {
                                sums[i] += v;
                            }
                        }
                        return new Out(sums, in.ids());
                    }

                    @InputExample
                    static final In EXAMPLE = new In(new float[][] {{0, 1, 2, 3}, {4, 5, 6, 7}}, new long[] {7, 8},
                            new double[][][] {{{0, 1, 2}, {3, 4, 5}}, {{6, 7, 8}, {9, 10, 11}}});
                }
                """);
        for (String name : List.of("SumRows", "Multi")) {
            String refModel = name.equals("SumRows") ? "tensor_float32_unnamed" : "tensor_named_multi";
            Path reference = Path.of(System.getProperty("mlflow4j.reference.dir"), "2.17.2/models", refModel);
            Compilation compilation = compile(name.equals("SumRows") ? unnamed : named);
            Path classes = dir.resolve(name + "-classes");
            try (URLClassLoader loader = CompiledClasses.load(compilation, classes)) {
                Class<?> type = loader.loadClass("test." + name);
                Path saved = (Path) loader.loadClass("test." + name + "Logger")
                        .getMethod("save", type, Path.class)
                        .invoke(null, type.getConstructor().newInstance(), dir.resolve(name));
                Map<String, Object> ours = PyYaml.load(Files.readString(saved.resolve("MLmodel")));
                Map<String, Object> theirs = PyYaml.load(Files.readString(reference.resolve("MLmodel")));
                assertEquals(
                        ((Map<?, ?>) theirs.get("signature")).get("inputs"),
                        ((Map<?, ?>) ours.get("signature")).get("inputs"));
                assertEquals(theirs.get("saved_input_example_info"), ours.get("saved_input_example_info"));
                assertEquals(
                        Files.readString(reference.resolve("input_example.json")),
                        Files.readString(saved.resolve("input_example.json")));
                assertEquals(
                        Files.readString(reference.resolve("serving_input_example.json")),
                        Files.readString(saved.resolve("serving_input_example.json")));
                if (name.equals("SumRows")) {
                    assertEquals(
                            ((Map<?, ?>) theirs.get("signature")).get("outputs"),
                            ((Map<?, ?>) ours.get("signature")).get("outputs"));
                }
            }
        }
        try (URLClassLoader loader = CompiledClasses.load(compile(named), dir.resolve("multi-again"))) {
            Class<?> type = loader.loadClass("test.Multi");
            Path saved = (Path) loader.loadClass("test.MultiLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("multi2"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                List<Tensor> out = model.predictTensors(List.of(
                        Tensor.of("ids", new long[] {1, 2}, 2),
                        Tensor.of("features", new float[] {1, 2, 3, 4, 0, 0, 0, 1}, 2, 4),
                        Tensor.of("cube", new double[12], 2, 2, 3)));
                assertEquals(Tensor.of("features", new double[] {10, 1}, 2), out.get(0));
                assertEquals(Tensor.of("ids", new long[] {1, 2}, 2), out.get(1));
                MlflowException badShape = assertThrows(
                        MlflowException.class,
                        () -> model.predictTensors(List.of(
                                Tensor.of("ids", new long[] {1}, 1),
                                Tensor.of("features", new float[] {1, 2, 3}, 1, 3),
                                Tensor.of("cube", new double[6], 1, 2, 3))));
                assertTrue(
                        badShape.getMessage()
                                .endsWith("Error: Shape of input (1, 3) does not match expected shape (-1, 4)."),
                        badShape.getMessage());
                MlflowException missing = assertThrows(
                        MlflowException.class,
                        () -> model.predictTensors(List.of(Tensor.of("ids", new long[] {1}, 1))));
                assertTrue(
                        missing.getMessage().endsWith("Error: Model is missing inputs ['features', 'cube']."),
                        missing.getMessage());
            }
        }
    }

    @Test
    void rawTableForm(@TempDir Path dir) throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Raw", """
                package test;

                import io.mlflow4j.annotations.*;
                import io.mlflow4j.runtime.data.Column;
                import io.mlflow4j.runtime.data.Table;

                @MlflowModel
                public class Raw {
                    @Predict
                    @TableSchema(inputs = {@TableColumn(name = "x", type = "double"), @TableColumn(name = "tag", type = "string", required = false)},
                                 outputs = @TableColumn(name = "y", type = "double"))
                    public Table predict(Table input, @Param(name = "k", defaultValue = "2") long k) {
                        double[] y = new double[input.rowCount()];
                        for (int i = 0; i < y.length; i++) {
                            y[i] = input.column("x").getDouble(i) * k;
                        }
                        return Table.of(Column.ofDoubles("y", y));
                    }
                }
                """);
        Compilation compilation = compile(source);
        ModelSpec spec = spec(compilation, dir.resolve("spec"), "test.RawMlflowModel");
        assertEquals(
                "[{\"type\": \"double\", \"name\": \"x\", \"required\": true}, "
                        + "{\"type\": \"string\", \"name\": \"tag\", \"required\": false}]",
                spec.signature().inputs().toJson());
        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> type = loader.loadClass("test.Raw");
            Path saved = (Path) loader.loadClass("test.RawLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("model"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(Table.of(Column.ofInts("x", new int[] {3})), Map.of("k", 5));
                assertEquals(
                        15.0,
                        out.column("y").getDouble(0),
                        "input enforced (int widened to double) before the raw predict");
            }
        }
    }

    @Test
    void streamForm(@TempDir Path dir) throws Exception {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Streamer", """
                package test;

                import io.mlflow4j.annotations.*;
                import java.util.stream.Stream;

                @MlflowModel
                public class Streamer {
                    public record Row(double x) {}

                    @Predict
                    public Stream<Double> predict(Stream<Row> rows, @Param(name = "k", defaultValue = "2.0") double k) {
                        return rows.map(r -> r.x() * k);
                    }
                }
                """);
        Compilation compilation = compile(source);
        try (URLClassLoader loader = CompiledClasses.load(compilation, dir.resolve("classes"))) {
            Class<?> type = loader.loadClass("test.Streamer");
            Path saved = (Path) loader.loadClass("test.StreamerLogger")
                    .getMethod("save", type, Path.class)
                    .invoke(null, type.getConstructor().newInstance(), dir.resolve("model"));
            try (LoadedModel model = MlflowModels.load(saved.toString())) {
                Table out = model.predict(Table.of(Column.ofDoubles("x", new double[] {1.5, -1})), Map.of("k", 4));
                assertEquals(6.0, out.column(0).get(0));
                assertEquals(-4.0, out.column(0).get(1));
            }
        }
    }

    private static Compilation compile(JavaFileObject source) {
        Compilation compilation =
                javac().withProcessors(new MlflowModelProcessor()).compile(source);
        assertThat(compilation).succeededWithoutWarnings();
        EcjParity.assertSameGeneratedSources(compilation, source);
        return compilation;
    }

    private static ModelSpec spec(Compilation compilation, Path dir, String adapterClass) throws Exception {
        try (URLClassLoader loader = CompiledClasses.load(compilation, dir)) {
            return (ModelSpec) loader.loadClass(adapterClass).getField("SPEC").get(null);
        }
    }

    private static void setField(Object target, String name, Object value) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static Object getField(Object target, String name) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
