package io.mlflow4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings: the class compiles, and the message says what will not work and what to do instead. */
class ProcessorWarningsTest {
    private static final String HEAD =
            "package test;\n" + "import io.mlflow4j.annotations.*;\n" + "import java.util.Optional;\n";
    private static final String MODEL =
            "@MlflowModel public class Model {\n" + "  @Predict public Out predict(Row r) { return null; }\n}\n";

    private static Compilation compile(JavaFileObject source) {
        return javac().withProcessors(new MlflowModelProcessor()).compile(source);
    }

    @Test
    void anOptionalLongInputColumnWarnsOnItsRequiredFalse() {
        JavaFileObject source = JavaFileObjects.forSourceString(
                "test.Model",
                HEAD
                        + "record Row(double x,\n"
                        + "    @Column(value = \"visits\", required = false) Long count) {}\n"
                        + "record Out(double y) {}\n" + MODEL);
        Compilation compilation = compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("[mlflow4j:OptionalInteger] Column 'visits' of Row is an optional long"
                        + " (java.lang.Long), but Python callers cannot send a missing value for it: pandas turns an integer column"
                        + " with a missing value into float64, which MLflow refuses. Use Double (a missing value arrives as null),"
                        + " or make the column required.")
                .inFile(source)
                .onLineContaining("required = false");
    }

    @Test
    void optionalIntegerShortAndByteInputColumnsWarnToo() {
        JavaFileObject source = JavaFileObjects.forSourceString(
                "test.Model",
                HEAD
                        + "record Row(Optional<Integer> count,\n"
                        + "    @Column(required = false) Short level,\n"
                        + "    @Column(required = false) Byte flags) {}\n"
                        + "record Out(double y) {}\n" + MODEL);
        Compilation compilation = compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(3);
        assertThat(compilation)
                .hadWarningContaining(
                        "Column 'count' of Row is an optional integer (java.util.Optional<java.lang.Integer>)")
                .inFile(source)
                .onLineContaining("Optional<Integer> count");
        assertThat(compilation)
                .hadWarningContaining("Column 'level' of Row is an optional integer (java.lang.Short)")
                .inFile(source)
                .onLineContaining("Short level");
        assertThat(compilation)
                .hadWarningContaining("Column 'flags' of Row is an optional integer (java.lang.Byte)")
                .inFile(source)
                .onLineContaining("Byte flags");
    }

    @Test
    void requiredIntegersOptionalDoublesAndOutputsDoNotWarn() {
        JavaFileObject source = JavaFileObjects.forSourceString(
                "test.Model",
                HEAD
                        + "record Row(Integer count, long big, @Column(required = false) Double score, Optional<String> note) {}\n"
                        + "record Out(@Column(required = false) Long rank, Optional<Integer> bucket) {}\n" + MODEL);
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
    }

    /** Eclipse's compiler (Eclipse, VS Code) shows the same warnings on the same lines, and compiles the model. */
    @Test
    void ecjWarnsOnTheSameLines(@TempDir Path dir) {
        String source = HEAD
                + "record Row(Optional<Integer> count,\n"
                + "    @Column(value = \"visits\", required = false) Long visits,\n"
                + "    @Column(required = false) Short level,\n"
                + "    Integer fine) {}\n"
                + "record Out(@Column(required = false) Long rank) {}\n" + MODEL;
        EcjCompilation compilation = EcjCompilation.compile(dir, Map.of("test.Model", source));
        assertTrue(compilation.success(), compilation.describe());
        List<Diagnostic<? extends JavaFileObject>> warnings =
                compilation.find(Diagnostic.Kind.WARNING, "[mlflow4j:OptionalInteger]");
        assertEquals(
                List.of(
                        compilation.lineContaining("Model.java", "Optional<Integer> count"),
                        compilation.lineContaining("Model.java", "required = false) Long visits"),
                        compilation.lineContaining("Model.java", "Short level")),
                warnings.stream().map(w -> (int) w.getLineNumber()).toList(),
                compilation.describe());
        assertTrue(
                warnings.get(1)
                        .getMessage(Locale.ROOT)
                        .contains("Column 'visits' of Row is an optional long (java.lang.Long)"),
                compilation.describe());
    }
}
