package io.mlflow4j.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which class path entries a model keeps, on this test's real class path. */
class ClasspathSelectorTest {
    private static List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        for (String part : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Paths.get(part).toAbsolutePath().normalize();
            if (Files.isDirectory(p) || part.endsWith(".jar")) {
                entries.add(p);
            }
        }
        return entries;
    }

    private static Path testClasses() throws Exception {
        return Paths.get(ClasspathSelectorTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static List<String> names(List<Path> entries) {
        return entries.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static boolean has(List<String> names, String prefix) {
        return names.stream().anyMatch(n -> n.startsWith(prefix));
    }

    @Test
    void keepsTheLibrariesTheModelUsesAndTheirOwnDependencies() throws Exception {
        List<String> kept =
                names(ClasspathSelector.select(classpath(), List.of(UsesJackson.class), testClasses(), List.of()));
        assertTrue(kept.contains("test-classes"), kept.toString());
        assertTrue(
                has(kept, "jackson-databind") && has(kept, "jackson-core") && has(kept, "jackson-annotations"),
                kept.toString());
        assertFalse(
                has(kept, "junit") || has(kept, "snakeyaml") || has(kept, "slf4j"), "unused jars stay out: " + kept);
    }

    @Test
    void aClassNamedInAStringOfTheModelsCodeCounts() throws Exception {
        List<String> kept =
                names(ClasspathSelector.select(classpath(), List.of(LoadsYamlByName.class), testClasses(), List.of()));
        assertTrue(has(kept, "snakeyaml"), kept.toString());
        assertFalse(has(kept, "jackson"), kept.toString());
    }

    @Test
    void providersOfAServiceInUseAreKept() throws Exception {
        List<String> kept = names(ClasspathSelector.select(classpath(), List.of(Logs.class), testClasses(), List.of()));
        assertTrue(
                has(kept, "slf4j-api") && has(kept, "slf4j-simple"),
                "slf4j-simple provides SLF4JServiceProvider: " + kept);
    }

    @Test
    void alwaysKeptEntriesStayAndKeepOrder() throws Exception {
        List<Path> classpath = classpath();
        Path yaml = classpath.stream()
                .filter(p -> p.getFileName().toString().startsWith("snakeyaml"))
                .findFirst()
                .orElseThrow();
        List<Path> kept = ClasspathSelector.select(classpath, List.of(UsesJackson.class), testClasses(), List.of(yaml));
        assertTrue(kept.contains(yaml));
        List<Path> inOrder = new ArrayList<>(classpath);
        inOrder.retainAll(kept);
        assertEquals(inOrder, kept, "the class path's order");
    }

    @Test
    void readsClassConstantsDescriptorsAndOnlyOptionallyStrings() throws Exception {
        byte[] bytes;
        try (InputStream in = LoadsYamlByName.class.getResourceAsStream("LoadsYamlByName.class")) {
            bytes = in.readAllBytes();
        }
        Set<String> withStrings = ClasspathSelector.references(bytes, true);
        Set<String> without = ClasspathSelector.references(bytes, false);
        assertTrue(withStrings.contains("org/yaml/snakeyaml/Yaml"), withStrings.toString());
        assertFalse(without.contains("org/yaml/snakeyaml/Yaml"), without.toString());
        assertTrue(
                without.contains("java/lang/Class") && without.contains("java/lang/reflect/Constructor"),
                without.toString());
    }

    @Test
    void packagingAllTurnsTheChoiceOff() {
        String before = System.getProperty(ClasspathSelector.PROPERTY);
        try {
            System.setProperty(ClasspathSelector.PROPERTY, "all");
            assertEquals(
                    ClasspathPackager.classpathOf(UsesJackson.class),
                    ClasspathPackager.neededClasspath(UsesJackson.class, null));
        } finally {
            if (before == null) {
                System.clearProperty(ClasspathSelector.PROPERTY);
            } else {
                System.setProperty(ClasspathSelector.PROPERTY, before);
            }
        }
        assertTrue(ClasspathPackager.neededClasspath(UsesJackson.class, null).size()
                < ClasspathPackager.classpathOf(UsesJackson.class).size());
    }
}
