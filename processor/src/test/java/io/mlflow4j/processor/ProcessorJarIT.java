package io.mlflow4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The processor jar users put on their processor path: JavaPoet relocated inside, services declared. */
class ProcessorJarIT {
    @Test
    void javaPoetIsRelocatedAndTheProcessorIsDeclared() throws IOException {
        String path = System.getProperty("mlflow4j.processor.jar");
        assertNotNull(path, "run by failsafe after the package phase");
        try (JarFile jar = new JarFile(path)) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            assertTrue(names.contains("io/mlflow4j/processor/shaded/javapoet/JavaFile.class"), "JavaPoet inside, relocated");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("com/palantir/")), "no JavaPoet under its own package");
            assertTrue(names.stream().noneMatch(n -> n.startsWith("io/mlflow4j/annotations/")),
                    "annotations stay in their own artifact");
            assertEquals(MlflowModelProcessor.class.getName(), read(jar, "META-INF/services/javax.annotation.processing.Processor"));
            assertEquals(MlflowModelProcessor.class.getName() + ",isolating",
                    read(jar, "META-INF/gradle/incremental.annotation.processors"));
        }
    }

    private static String read(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertNotNull(entry, name);
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
