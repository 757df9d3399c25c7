package io.mlflow4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Warnings: the class compiles, and the message says what will not work and what to do instead. */
class ProcessorWarningsTest {
    private static final String HEAD = "package test;\n"
            + "import io.mlflow4j.annotations.*;\n"
            + "import java.util.Optional;\n";
    private static final String MODEL = "@MlflowModel public class Model {\n"
            + "  @Predict public Out predict(Row r) { return null; }\n}\n";

    private static Compilation compile(JavaFileObject source) {
        return javac().withProcessors(new MlflowModelProcessor()).compile(source);
    }

    @Test
    void anOptionalLongInputColumnWarnsOnItsRequiredFalse() {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Model", HEAD
                + "record Row(double x,\n"
                + "    @Column(value = \"visits\", required = false) Long count) {}\n"
                + "record Out(double y) {}\n" + MODEL);
        Compilation compilation = compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).hadWarningContaining("[mlflow4j:OptionalInteger] Column 'visits' of Row is an optional long"
                + " (java.lang.Long), but Python callers cannot send a missing value for it: pandas turns an integer column"
                + " with a missing value into float64, which MLflow refuses. Use Double (a missing value arrives as null),"
                + " or make the column required.").inFile(source).onLineContaining("required = false");
    }

    @Test
    void optionalIntegerShortAndByteInputColumnsWarnToo() {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Model", HEAD
                + "record Row(Optional<Integer> count,\n"
                + "    @Column(required = false) Short level,\n"
                + "    @Column(required = false) Byte flags) {}\n"
                + "record Out(double y) {}\n" + MODEL);
        Compilation compilation = compile(source);
        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(3);
        assertThat(compilation).hadWarningContaining("Column 'count' of Row is an optional integer (java.util.Optional<java.lang.Integer>)")
                .inFile(source).onLineContaining("Optional<Integer> count");
        assertThat(compilation).hadWarningContaining("Column 'level' of Row is an optional integer (java.lang.Short)")
                .inFile(source).onLineContaining("Short level");
        assertThat(compilation).hadWarningContaining("Column 'flags' of Row is an optional integer (java.lang.Byte)")
                .inFile(source).onLineContaining("Byte flags");
    }

    @Test
    void requiredIntegersOptionalDoublesAndOutputsDoNotWarn() {
        JavaFileObject source = JavaFileObjects.forSourceString("test.Model", HEAD
                + "record Row(Integer count, long big, @Column(required = false) Double score, Optional<String> note) {}\n"
                + "record Out(@Column(required = false) Long rank, Optional<Integer> bucket) {}\n" + MODEL);
        Compilation compilation = compile(source);
        assertThat(compilation).succeededWithoutWarnings();
    }
}
