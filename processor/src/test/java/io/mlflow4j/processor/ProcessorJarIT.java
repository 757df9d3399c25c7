package io.mlflow4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.runtime.MlflowModels;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor jar users put on their processor path: JavaPoet relocated inside, services declared. */
class ProcessorJarIT {
    @Test
    void javaPoetIsRelocatedAndTheProcessorIsDeclared() throws IOException {
        String path = System.getProperty("mlflow4j.processor.jar");
        assertNotNull(path, "run by failsafe after the package phase");
        try (JarFile jar = new JarFile(path)) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertTrue(
                    names.contains("io/mlflow4j/processor/shaded/javapoet/JavaFile.class"),
                    "JavaPoet inside, relocated");
            assertTrue(
                    names.stream().noneMatch(n -> n.startsWith("com/palantir/")), "no JavaPoet under its own package");
            assertTrue(
                    names.stream().noneMatch(n -> n.startsWith("io/mlflow4j/annotations/")),
                    "annotations stay in their own artifact");
            assertEquals(
                    MlflowModelProcessor.class.getName(),
                    read(jar, "META-INF/services/javax.annotation.processing.Processor"));
            assertEquals(
                    MlflowModelProcessor.class.getName() + ",isolating",
                    read(jar, "META-INF/gradle/incremental.annotation.processors"));
        }
    }

    @Test
    void theJarAloneOnTheProcessorPathProcessesAModel(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/demo/Demo.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package demo;

                import io.mlflow4j.annotations.*;

                @MlflowModel
                public class Demo {
                    public record Row(double x) {}

                    @Predict
                    public double predict(Row row) { return row.x(); }
                }
                """);
        String classpath = String.join(File.pathSeparator, location(MlflowModel.class), location(MlflowModels.class));
        Process javac = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                        "-processorpath",
                        System.getProperty("mlflow4j.processor.jar"),
                        "-cp",
                        classpath,
                        "-d",
                        dir.resolve("classes").toString(),
                        "-s",
                        dir.resolve("generated").toString(),
                        source.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, javac.waitFor(), output);
        assertTrue(Files.exists(dir.resolve("generated/demo/DemoMlflowModel.java")), output);
        assertTrue(Files.exists(dir.resolve("classes/demo/DemoLogger.class")), output);
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static String read(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertNotNull(entry, name);
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
