package io.mlflow4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per error message: the id, the message text and the line it lands on. */
class ProcessorErrorsTest {
    private static final String IMPORTS = "package test;\n"
            + "import io.mlflow4j.annotations.*;\n"
            + "import java.util.List;\n"
            + "import java.nio.file.Path;\n"
            + "import java.io.File;\n";
    private static final String ROW = "record Row(double x, String label) {}\n";

    static Stream<Arguments> misuses() {
        return Stream.of(
                Arguments.of(
                        "PredictMissing",
                        ROW
                                + "@MlflowModel(name = \"m\") public class Model {\n"
                                + "  public double score(Row r) { return 1; }\n}\n",
                        "public class Model",
                        "has no @Predict method. Annotate the method"),
                Arguments.of(
                        "PredictDuplicate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double first(Row r) { return 1; }\n"
                                + "  @Predict public double second(Row r) { return 2; }\n}\n",
                        "double second",
                        "'second' is the second @Predict method of 'Model' (the first is 'first')"),
                Arguments.of(
                        "PredictPrivate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict private double predict(Row r) { return 1; }\n}\n",
                        "private double predict",
                        "@Predict method 'predict' is private"),
                Arguments.of(
                        "PredictStatic",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public static double predict(Row r) { return 1; }\n}\n",
                        "static double predict",
                        "@Predict method 'predict' is static"),
                Arguments.of(
                        "PredictNoInput",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict() { return 1; }\n}\n",
                        "double predict()",
                        "has no input parameter"),
                Arguments.of(
                        "PredictInput",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Object in) { return 1; }\n}\n",
                        "Object in",
                        "The input parameter 'in' of @Predict method 'predict' has type java.lang.Object"),
                Arguments.of(
                        "PredictReturn",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public Object predict(Row r) { return 1; }\n}\n",
                        "Object predict",
                        "returns java.lang.Object, which has no MLflow type. Return a record, a primitive"),
                Arguments.of(
                        "PredictShape",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(List<Row> rows) { return 1; }\n}\n",
                        "double predict",
                        "takes java.util.List<test.Row> but returns double"),
                Arguments.of(
                        "PredictExtraParameter",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r, double k) { return 1; }\n}\n",
                        "double k",
                        "Parameter 'k' of @Predict method 'predict' is not the input and has no @Param"),
                Arguments.of(
                        "ColumnType",
                        "record In(double x, Thread when) {}\n"
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(In r) { return 1; }\n}\n",
                        "record In",
                        "Component 'when' of In has type java.lang.Thread, which has no MLflow column type"),
                Arguments.of(
                        "ColumnType",
                        "record Out(Object o) {}\n" + ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public Out predict(Row r) { return null; }\n}\n",
                        "record Out",
                        "Component 'o' of Out has type java.lang.Object"),
                Arguments.of(
                        "ColumnDecimal",
                        "record In(double x, java.math.BigDecimal price) {}\n"
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(In r) { return 1; }\n}\n",
                        "record In",
                        "Component 'price' of In is a java.math.BigDecimal, but MLflow has no decimal column type"),
                Arguments.of(
                        "ColumnOptionalPrimitive",
                        "record In(@Column(required = false) char c) {}\n"
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(In r) { return 1; }\n}\n",
                        "record In",
                        "Component 'c' of In is the primitive char, which cannot be missing, but @Column says required = false. Use the boxed type java.lang.Character"),
                Arguments.of(
                        "PredictShape",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public List<Double> predict(Row[] rows) { return null; }\n}\n",
                        "List<Double> predict",
                        "takes test.Row[] but returns java.util.List<java.lang.Double>"),
                Arguments.of(
                        "ColumnOptionalPrimitive",
                        "record In(@Column(required = false) double x) {}\n"
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(In r) { return 1; }\n}\n",
                        "record In",
                        "is the primitive double, which cannot be missing, but @Column says required = false. Use the boxed type java.lang.Double"),
                Arguments.of(
                        "ColumnDuplicate",
                        "record In(@Column(\"x\") double a,\n @Column(\"x\") double b) {}\n"
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(In r) { return 1; }\n}\n",
                        "@Column(\"x\") double b",
                        "Column name 'x' of In is used twice (by 'a' and 'b')"),
                Arguments.of(
                        "ParamType",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r, @Param(name = \"k\", defaultValue = \"1\") java.util.Map<String, String> k) { return 1; }\n}\n",
                        "Map<String, String> k",
                        "@Param 'k' has type java.util.Map<java.lang.String,java.lang.String>, which MLflow params do not support"),
                Arguments.of(
                        "ParamDefault",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r,\n"
                                + "      @Param(name = \"w\", defaultValue = \"[0.1, x]\") List<Double> w) { return 1; }\n}\n",
                        "defaultValue = \"[0.1, x]\"",
                        "The default \"[0.1, x]\" of @Param 'w' is not a valid list of double."),
                Arguments.of(
                        "ParamDefault",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r,\n"
                                + "      @Param(name = \"as_of\", defaultValue = \"yesterday\") java.time.Instant asOf) { return 1; }\n}\n",
                        "defaultValue = \"yesterday\"",
                        "is not a valid datetime. Write an ISO date or date-time, such as 2024-01-01T12:00:00."),
                Arguments.of(
                        "ParamDefault",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r,\n"
                                + "      @Param(name = \"threshold\", defaultValue = \"high\") double threshold) { return 1; }\n}\n",
                        "defaultValue = \"high\"",
                        "The default \"high\" of @Param 'threshold' is not a valid double. Write a decimal number"),
                Arguments.of(
                        "ParamDefault",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r,\n"
                                + "      @Param(name = \"n\", defaultValue = \"3000000000\") int n) { return 1; }\n}\n",
                        "defaultValue = \"3000000000\"",
                        "is not a valid int. The number is out of range for int."),
                Arguments.of(
                        "ParamDuplicate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r, @Param(name = \"k\", defaultValue = \"1\") int a,\n"
                                + "      @Param(name = \"k\", defaultValue = \"2\") int b) { return 1; }\n}\n",
                        "defaultValue = \"2\"",
                        "@Param name 'k' is used by two parameters of 'predict'"),
                Arguments.of(
                        "ArtifactFinal",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Artifact(\"w\") final Path weights = null;\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "final Path weights",
                        "@Artifact field 'weights' is final"),
                Arguments.of(
                        "ArtifactStatic",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Artifact(\"w\") static Path weights;\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "static Path weights",
                        "@Artifact field 'weights' is static"),
                Arguments.of(
                        "ArtifactPrivate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Artifact(\"w\") private Path weights;\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "private Path weights",
                        "@Artifact field 'weights' is private"),
                Arguments.of(
                        "ArtifactType",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Artifact(\"w\") byte[] weights;\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "byte[] weights",
                        "@Artifact field 'weights' has type byte[]. Use java.nio.file.Path, java.io.File or String"),
                Arguments.of(
                        "ArtifactDuplicate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Artifact(\"w\") Path a;\n"
                                + "  @Artifact(name = \"w\") File b;\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "File b",
                        "Artifact name 'w' is used by fields 'a' and 'b'"),
                Arguments.of(
                        "ArtifactName",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Artifact(\"../w\") Path a;\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "Path a",
                        "Artifact name '../w' is invalid"),
                Arguments.of(
                        "ModelAbstract",
                        ROW
                                + "@MlflowModel public abstract class Model {\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "abstract class Model",
                        "@MlflowModel class 'Model' is abstract"),
                Arguments.of(
                        "ModelNotClass",
                        ROW + "@MlflowModel public interface Model {\n" + "  @Predict double predict(Row r);\n}\n",
                        "interface Model",
                        "@MlflowModel is on interface 'Model', but it must be on a class"),
                Arguments.of(
                        "ModelInnerClass",
                        ROW
                                + "class Outer {\n"
                                + "  @MlflowModel public class Model {\n"
                                + "    @Predict public double predict(Row r) { return 1; }\n  }\n}\n",
                        "public class Model",
                        "@MlflowModel class 'Model' is an inner (non-static) class"),
                Arguments.of(
                        "ModelPrivate",
                        ROW
                                + "class Outer {\n"
                                + "  @MlflowModel private static class Model {\n"
                                + "    @Predict public double predict(Row r) { return 1; }\n  }\n}\n",
                        "private static class Model",
                        "@MlflowModel class 'Model' is private"),
                Arguments.of(
                        "ModelConstructor",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  public Model(int size) {}\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "public class Model",
                        "has no accessible no-argument constructor"),
                Arguments.of(
                        "ModelName",
                        ROW
                                + "@MlflowModel(name = \"my model!\") public class Model {\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "name = \"my model!\"",
                        "Model name 'my model!' is invalid"),
                Arguments.of(
                        "LoadParameters",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Load void load(Path p) {}\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "void load(Path p)",
                        "@Load method 'load' takes parameters"),
                Arguments.of(
                        "LoadStatic",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Load static void load() {}\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "static void load()",
                        "@Load method 'load' is static"),
                Arguments.of(
                        "LoadPrivate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Load private void load() {}\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "private void load()",
                        "@Load method 'load' is private"),
                Arguments.of(
                        "LoadDuplicate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Load void load() {}\n"
                                + "  @Load void reload() {}\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "void reload()",
                        "@Load method 'reload' is the second @Load method of 'Model'"),
                Arguments.of(
                        "InputExampleDuplicate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n"
                                + "  @InputExample static Row one() { return new Row(1, \"a\"); }\n"
                                + "  @InputExample static Row two() { return new Row(2, \"b\"); }\n}\n",
                        "static Row two()",
                        "@InputExample 'two' is the second input example of 'Model'"),
                Arguments.of(
                        "InputExampleNotStatic",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n"
                                + "  @InputExample Row example() { return new Row(1, \"a\"); }\n}\n",
                        "Row example()",
                        "@InputExample 'example' is not static"),
                Arguments.of(
                        "InputExamplePrivate",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n"
                                + "  @InputExample private static final Row EXAMPLE = new Row(1, \"a\");\n}\n",
                        "private static final Row EXAMPLE",
                        "@InputExample 'EXAMPLE' is private"),
                Arguments.of(
                        "InputExampleParameters",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r) { return 1; }\n"
                                + "  @InputExample static Row example(int n) { return new Row(n, \"a\"); }\n}\n",
                        "static Row example(int n)",
                        "@InputExample method 'example' takes parameters"),
                Arguments.of(
                        "InputExampleType",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public List<Double> predict(List<Row> rows) { return null; }\n"
                                + "  @InputExample static List<String> example() { return List.of(\"a\"); }\n}\n",
                        "static List<String> example()",
                        "@InputExample 'example' gives java.util.List<java.lang.String>, but the @Predict input is test.Row. Give one Row or a List<Row>."),
                Arguments.of(
                        "TensorShape",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public float[][] predict(@TensorShape({-1, 4, 2}) float[][] x) { return x; }\n}\n",
                        "@TensorShape({-1, 4, 2}) float[][] x",
                        "@TensorShape [-1, 4, 2] of 'x' does not fit its 2-dimensional array. Give 2 dimensions"),
                Arguments.of(
                        "TensorType",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public int[][][] predict(int[][][] x) { return x; }\n}\n",
                        "int[][][] x",
                        "'x' has type int[][][], which is not a tensor MLflow can carry."),
                Arguments.of(
                        "TensorMixed",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(float[][] x) { return 1; }\n}\n",
                        "double predict",
                        "@Predict method 'predict' mixes tensors and columns."),
                Arguments.of(
                        "TableSchemaMissing",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public io.mlflow4j.runtime.data.Table predict(io.mlflow4j.runtime.data.Table t) { return t; }\n}\n",
                        "public io.mlflow4j.runtime.data.Table predict",
                        "takes a Table, so its columns cannot be inferred. Declare them with @TableSchema"),
                Arguments.of(
                        "TableReturn",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict @TableSchema(inputs = @TableColumn(name = \"x\", type = \"double\"), outputs = @TableColumn(name = \"y\", type = \"double\"))\n"
                                + "  public double predict(io.mlflow4j.runtime.data.Table t) { return 1; }\n}\n",
                        "public double predict",
                        "takes a Table but returns double. Return a Table too."),
                Arguments.of(
                        "TableColumn",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict @TableSchema(inputs = @TableColumn(name = \"x\", type = \"decimal\"), outputs = @TableColumn(name = \"y\", type = \"double\"))\n"
                                + "  public io.mlflow4j.runtime.data.Table predict(io.mlflow4j.runtime.data.Table t) { return t; }\n}\n",
                        "@TableSchema",
                        "@TableColumn 'x' has the unknown type 'decimal'."),
                Arguments.of(
                        "InputExampleTable",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict @TableSchema(inputs = @TableColumn(name = \"x\", type = \"double\"), outputs = @TableColumn(name = \"y\", type = \"double\"))\n"
                                + "  public io.mlflow4j.runtime.data.Table predict(io.mlflow4j.runtime.data.Table t) { return t; }\n"
                                + "  @InputExample static Row example() { return null; }\n}\n",
                        "static Row example()",
                        "@InputExample 'example' is on a model whose @Predict takes a Table"),
                Arguments.of(
                        "InputExampleParams",
                        ROW
                                + "@MlflowModel public class Model {\n"
                                + "  @Predict public double predict(Row r, @Param(name = \"k\", defaultValue = \"1\") int k) { return 1; }\n"
                                + "  @InputExample(params = {\"k=2\", \"z=3\"}) static Row example() { return null; }\n}\n",
                        "@InputExample(params",
                        "@InputExample param \"z=3\" names no @Param of the @Predict method."),
                Arguments.of(
                        "NotInModel",
                        ROW + "public class Model {\n" + "  @Predict public double predict(Row r) { return 1; }\n}\n",
                        "double predict",
                        "@Predict on 'predict' has no effect: its class is not annotated with @MlflowModel"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("misuses")
    void reportsMisuseOnTheElement(String id, String body, String line, String text) {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Model", IMPORTS + body);
        Compilation compilation =
                javac().withProcessors(new MlflowModelProcessor()).compile(source);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("[mlflow4j:" + id + "] ")
                .inFile(source)
                .onLineContaining(line);
        assertThat(compilation).hadErrorContaining(text);
    }

    /**
     * The same misuse compiled by Eclipse's compiler (Eclipse, VS Code): the same error, with the
     * same text, on the same line.
     */
    @ParameterizedTest(name = "ECJ {0}: {3}")
    @MethodSource("misuses")
    void reportsMisuseOnTheSameElementWithEcj(String id, String body, String line, String text, @TempDir Path dir) {
        EcjCompilation compilation = EcjCompilation.compile(dir, Map.of("test.Model", IMPORTS + body));
        assertFalse(compilation.success(), compilation.describe());
        int expectedLine = compilation.lineContaining("Model.java", line);
        List<Diagnostic<? extends JavaFileObject>> errors =
                compilation.find(Diagnostic.Kind.ERROR, "[mlflow4j:" + id + "] ");
        assertTrue(
                errors.stream()
                        .anyMatch(e ->
                                EcjCompilation.fileName(e).equals("Model.java") && e.getLineNumber() == expectedLine),
                "expected [mlflow4j:" + id + "] on line " + expectedLine + ", got:\n" + compilation.describe());
        assertFalse(compilation.find(Diagnostic.Kind.ERROR, text).isEmpty(), compilation.describe());
    }
}
