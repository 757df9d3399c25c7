package io.mlflow4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of the iris, orders and sensors examples, compared exactly with the
 * expected ones in {@code src/test/resources/golden/expected}, on javac and on ECJ. The models are
 * copies of the examples' sources (in {@code golden/models}), so this module's tests need nothing
 * from examples/.
 *
 * <p>When a change to the generated code is intended, rewrite the expected files and review the
 * diff: {@code MLFLOW4J_UPDATE_GOLDEN=true ./mvnw -pl processor -am test -Dtest=GoldenSourcesTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (as AutoFactory's golden files are rewritten).
 */
class GoldenSourcesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.parseBoolean(System.getenv("MLFLOW4J_UPDATE_GOLDEN"));

    @ParameterizedTest(name = "javac: {0}")
    @ValueSource(strings = {"iris", "orders", "sensors"})
    void javacGeneratesTheExpectedSources(String example) throws IOException {
        List<JavaFileObject> sources = new ArrayList<>();
        for (Path file : modelFiles(example)) {
            sources.add(JavaFileObjects.forResource(file.toUri().toURL()));
        }
        Compilation compilation =
                javac().withProcessors(new MlflowModelProcessor()).compile(sources);
        assertThat(compilation).succeeded();
        Map<String, String> generated = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            String path = file.toUri().getPath();
            generated.put(
                    path.substring(path.lastIndexOf('/') + 1),
                    file.getCharContent(true).toString());
        }
        if (UPDATE) {
            Path expected = Files.createDirectories(GOLDEN.resolve("expected").resolve(example));
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Files.writeString(expected.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertMatchesGolden(example, generated);
    }

    /** Eclipse's compiler runs the processor on the same models: the same code comes out. */
    @ParameterizedTest(name = "ECJ: {0}")
    @ValueSource(strings = {"iris", "orders", "sensors"})
    void ecjGeneratesTheSameSources(String example, @TempDir Path dir) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (Path file : modelFiles(example)) {
            String name = file.getFileName().toString().replace(".java", "");
            sources.put("io.mlflow4j.examples." + example + "." + name, Files.readString(file, StandardCharsets.UTF_8));
        }
        EcjCompilation compilation = EcjCompilation.compile(dir, sources);
        assertTrue(compilation.success(), compilation.describe());
        assertMatchesGolden(example, compilation.generatedSources());
    }

    private static List<Path> modelFiles(String example) throws IOException {
        try (Stream<Path> files =
                Files.list(GOLDEN.resolve("models/io/mlflow4j/examples").resolve(example))) {
            return files.sorted().toList();
        }
    }

    private static void assertMatchesGolden(String example, Map<String, String> generated) throws IOException {
        Path expected = GOLDEN.resolve("expected").resolve(example);
        List<String> goldenFiles;
        try (Stream<Path> files = Files.list(expected)) {
            goldenFiles = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(goldenFiles, List.copyOf(generated.keySet()));
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path golden = expected.resolve(file.getKey());
            assertEquals(
                    Files.readString(golden, StandardCharsets.UTF_8),
                    file.getValue(),
                    "generated " + file.getKey() + " differs from " + golden
                            + " (see GoldenSourcesTest's comment to rewrite it)");
        }
    }
}
