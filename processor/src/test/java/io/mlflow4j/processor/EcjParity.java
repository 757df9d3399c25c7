package io.mlflow4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Checks that Eclipse's compiler runs the processor on the same sources to the same generated code as javac did. */
final class EcjParity {
    private EcjParity() {}

    static void assertSameGeneratedSources(Compilation javac, JavaFileObject... sources) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mlflow4j-ecj");
            Map<String, String> texts = new TreeMap<>();
            for (JavaFileObject source : sources) {
                String name = source.getName(); // "/test/Iris.java"
                texts.put(
                        name.substring(1, name.length() - ".java".length()).replace('/', '.'),
                        source.getCharContent(true).toString());
            }
            EcjCompilation ecj = EcjCompilation.compile(dir, texts);
            assertTrue(ecj.success(), ecj.describe());
            Map<String, String> fromJavac = new TreeMap<>();
            for (JavaFileObject file : javac.generatedSourceFiles()) {
                String path = file.toUri().getPath();
                fromJavac.put(
                        path.substring(path.lastIndexOf('/') + 1),
                        file.getCharContent(true).toString());
            }
            assertEquals(fromJavac, ecj.generatedSources(), "ECJ generated other code than javac");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
