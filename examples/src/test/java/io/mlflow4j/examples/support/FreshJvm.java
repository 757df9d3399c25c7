package io.mlflow4j.examples.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.runtime.MlflowModels;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.yaml.snakeyaml.Yaml;

/**
 * Loads a saved model in a new JVM whose class path is only mlflow4j's runtime and its own
 * libraries, as the Python bridge and {@code mlflow4j serve} do: the model's classes, its
 * libraries and their native code must all come from the model folder.
 */
public final class FreshJvm {
    private FreshJvm() {}

    /** Answers {@code request} (an /invocations JSON body) with the model in a fresh JVM; returns the JSON answer. */
    public static JsonNode invoke(Path model, String modelClass, String request) throws Exception {
        List<String> classpath = new ArrayList<>();
        for (Class<?> c : List.of(
                MlflowModels.class,
                MlflowModel.class,
                ObjectMapper.class,
                JsonFactory.class,
                JsonProperty.class,
                Yaml.class,
                Logger.class,
                InvokeInFreshJvm.class)) {
            classpath.add(Paths.get(c.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        }
        Process process = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        String.join(File.pathSeparator, classpath),
                        InvokeInFreshJvm.class.getName(),
                        model.toString(),
                        modelClass,
                        request)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("model class not on class path"), output);
        assertTrue(output.contains("status 200"), output);
        String body =
                output.substring(output.indexOf("body ") + "body ".length()).strip();
        return new ObjectMapper().readTree(body);
    }

    /** The names of the jars packaged in a model folder. */
    public static List<String> packagedJars(Path model) throws Exception {
        try (Stream<Path> jars = Files.list(model.resolve("data/jars"))) {
            return jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The total size of a folder's files, in bytes. */
    public static long size(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
