package io.mlflow4j.runtime.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.annotations.MlflowModel;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.yaml.snakeyaml.Yaml;

/**
 * Puts a model's code into its folder: every jar and class folder on the class path that loaded
 * the model (class folders are packed into jars), so a JVM with nothing but mlflow4j can load the
 * model from the folder alone. The order is kept in {@code data/classpath.txt}.
 */
final class ClasspathPackager {
    private static final long FIXED_TIME = 315532800000L; // 1980-01-01: reproducible jars

    private ClasspathPackager() {}

    /** Copies the class path into {@code <modelRoot>/data/jars} and returns the entries, relative to {@code data/}. */
    static List<String> packageClasspath(Class<?> modelClass, Class<?> adapterClass, Path modelRoot)
            throws IOException {
        Path jarsDir = modelRoot.resolve(ModelLayout.JARS_DIR);
        Files.createDirectories(jarsDir);
        List<String> entries = new ArrayList<>();
        Set<String> usedNames = new HashSet<>();
        for (Path entry : neededClasspath(modelClass, adapterClass)) {
            String name = uniqueName(jarName(entry), usedNames);
            Path target = jarsDir.resolve(name);
            if (Files.isDirectory(entry)) {
                packDirectory(entry, target);
            } else {
                Files.copy(entry, target);
            }
            entries.add("jars/" + name);
        }
        return entries;
    }

    /**
     * The entries of the model's class path that it uses (see {@link ClasspathSelector}), or all of
     * them with {@code -Dmlflow4j.packaging=all}.
     */
    static List<Path> neededClasspath(Class<?> modelClass, Class<?> adapterClass) {
        List<Path> all = classpathOf(modelClass);
        if (!ClasspathSelector.enabled()) {
            return all;
        }
        List<Path> runtime = new ArrayList<>();
        for (Class<?> runtimeClass : RUNTIME_CLASSES) {
            codeLocation(runtimeClass).ifPresent(runtime::add);
        }
        Path application = codeLocation(modelClass).orElse(null);
        List<Class<?>> roots = adapterClass == null ? List.of(modelClass) : List.of(modelClass, adapterClass);
        return ClasspathSelector.select(all, roots, application, runtime);
    }

    /**
     * The class path of the model: the model class's own location first, then the URLs of its
     * class loaders up to the system loader, parents first as the JVM resolves classes. The JVM's
     * launch class path counts only when the model was loaded by the system loader (a plain
     * {@code java -cp} run); under a launcher with its own loader (Maven's exec:java, an app
     * server) it holds the launcher, not the application. mlflow4j's runtime and its libraries
     * are always included, so the folder also runs where mlflow4j is not installed.
     */
    static List<Path> classpathOf(Class<?> modelClass) {
        Set<Path> entries = new LinkedHashSet<>();
        codeLocation(modelClass).ifPresent(entries::add);
        ClassLoader system = ClassLoader.getSystemClassLoader();
        List<List<Path>> loaderLevels = new ArrayList<>();
        for (ClassLoader loader = modelClass.getClassLoader();
                loader != null && loader != system;
                loader = loader.getParent()) {
            List<Path> level = new ArrayList<>();
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    toPath(url).ifPresent(level::add);
                }
            }
            loaderLevels.add(level);
        }
        if (modelClass.getClassLoader() == system) {
            List<Path> level = new ArrayList<>();
            for (String part : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    level.add(Paths.get(part));
                }
            }
            loaderLevels.add(level);
        }
        for (int i = loaderLevels.size() - 1; i >= 0; i--) {
            for (Path p : loaderLevels.get(i)) {
                entries.add(p.toAbsolutePath().normalize());
            }
        }
        for (Class<?> runtimeClass : RUNTIME_CLASSES) {
            codeLocation(runtimeClass).ifPresent(entries::add);
        }
        Path javaHome =
                Paths.get(System.getProperty("java.home")).toAbsolutePath().normalize();
        List<Path> result = new ArrayList<>();
        for (Path p : entries) {
            if (Files.exists(p)
                    && !p.startsWith(javaHome)
                    && (Files.isDirectory(p) || p.toString().endsWith(".jar"))) {
                result.add(p);
            }
        }
        return result;
    }

    /** One class from mlflow4j's runtime and from each library it needs at run time. */
    private static final List<Class<?>> RUNTIME_CLASSES = List.of(
            ClasspathPackager.class,
            MlflowModel.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            Yaml.class,
            Logger.class);

    private static Optional<Path> codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null
                ? Optional.empty()
                : toPath(source.getLocation()).map(p -> p.toAbsolutePath().normalize());
    }

    private static Optional<Path> toPath(URL url) {
        if (url == null || !"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Paths.get(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code .../examples/target/classes} becomes {@code examples-classes.jar}; a jar keeps its name. */
    private static String jarName(Path entry) {
        String file = entry.getFileName().toString();
        if (!Files.isDirectory(entry)) {
            return file;
        }
        Path parent = entry.getParent();
        if (parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals("target")
                && parent.getParent() != null
                && parent.getParent().getFileName() != null) {
            return parent.getParent().getFileName() + "-" + file + ".jar";
        }
        return file + ".jar";
    }

    private static String uniqueName(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = name.substring(0, name.length() - 4) + "-" + i + ".jar";
        }
        return candidate;
    }

    private static void packDirectory(Path dir, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path file : files) {
                JarEntry entry = new JarEntry(dir.relativize(file).toString().replace('\\', '/'));
                entry.setTime(FIXED_TIME);
                jarOut.putNextEntry(entry);
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }
}
