package io.mlflow4j.examples.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.yaml.snakeyaml.Yaml;

/**
 * Saves the iris model, then loads and predicts with it in a new JVM whose class path is only
 * mlflow4j's runtime and its own dependencies: the model's classes come from the model folder.
 */
class SeparateJvmLoadTest {
    @Test
    void aFreshJvmWithOnlyTheRuntimeLoadsTheModelFolder(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("weights.txt");
        NearestCentroid.train(
                        List.of(new Flower(5.0, 3.4, 1.5, 0.2), new Flower(6.5, 3.0, 5.5, 2.0)),
                        List.of("setosa", "virginica"))
                .write(weights);
        Path model = IrisClassifierLogger.save(new IrisClassifier().withWeights(weights), dir.resolve("model"));
        Files.delete(weights); // the folder must not depend on the original file

        List<String> classpath = new ArrayList<>();
        for (Class<?> c : List.of(
                MlflowModels.class,
                MlflowModel.class,
                ObjectMapper.class,
                JsonFactory.class,
                JsonProperty.class,
                Yaml.class,
                Logger.class)) {
            classpath.add(Paths.get(c.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
        }
        classpath.add(Paths.get(PredictInFreshJvm.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString());

        Process process = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        String.join(File.pathSeparator, classpath),
                        PredictInFreshJvm.class.getName(),
                        model.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("model class not on class path"), output);
        assertTrue(output.contains("prediction setosa virginica"), output);
    }
}
