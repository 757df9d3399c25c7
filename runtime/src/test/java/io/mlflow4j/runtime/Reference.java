package io.mlflow4j.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The recorded outputs of real MLflow, found through the {@code mlflow4j.reference.dir} system
 * property that Surefire sets. A missing folder fails the test: conformance tests must not pass
 * silently without their ground truth.
 */
public final class Reference {
    public static final String PROPERTY = "mlflow4j.reference.dir";

    private Reference() {}

    public static Path root() {
        String dir = System.getProperty(PROPERTY);
        assertTrue(
                dir != null && !dir.isBlank(), "System property " + PROPERTY + " is not set; run the tests with Maven");
        Path root = Paths.get(dir).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(root.resolve("2.17.2")), "No MLflow reference outputs in " + root);
        return root;
    }

    /** A file or folder of the MLflow 2.17.2 recording. */
    public static Path v2(String relative) {
        return existing(root().resolve("2.17.2").resolve(relative));
    }

    /** A file or folder of the MLflow 3.6.1 recording. */
    public static Path v3(String relative) {
        return existing(root().resolve("3.6.1").resolve(relative));
    }

    /** A file or folder of the MLflow 3.11.1 recording. */
    public static Path v311(String relative) {
        return existing(root().resolve("3.11.1").resolve(relative));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path path) {
        assertTrue(Files.exists(path), "Missing reference file " + path);
        return path;
    }
}
