package io.mlflow4j.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Generated sources are the same, byte for byte, in two compilations: no timestamps, no random names. */
class ReproducibleOutputTest {
    private static final JavaFileObject MODEL = JavaFileObjects.forSourceString("test.Model", """
            package test;

            import io.mlflow4j.annotations.*;
            import java.nio.file.Path;
            import java.util.List;

            @MlflowModel(name = "m", description = "d")
            public class Model {
                public record Row(double x, @Column(required = false) String label) {}

                @Artifact("w") Path weights;

                @Predict
                public List<Double> predict(List<Row> rows, @Param(name = "k", defaultValue = "1.5") double k) {
                    return rows.stream().map(r -> r.x() * k).toList();
                }

                @InputExample
                static List<Row> example() {
                    return List.of(new Row(1, "a"));
                }
            }
            """);

    @Test
    void twoBuildsGenerateIdenticalSources() throws IOException {
        Map<String, String> first =
                sources(javac().withProcessors(new MlflowModelProcessor()).compile(MODEL));
        Map<String, String> second =
                sources(javac().withProcessors(new MlflowModelProcessor()).compile(MODEL));
        assertEquals(first, second);
        assertEquals(2, first.size(), first.keySet().toString());
        for (String source : first.values()) {
            assertFalse(source.matches("(?s).*(date|Date|time|Time)\\s*=.*"), "no timestamp in @Generated: " + source);
        }
    }

    private static Map<String, String> sources(Compilation compilation) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedSourceFiles()) {
            sources.put(file.getName(), file.getCharContent(true).toString());
        }
        return sources;
    }
}
