package io.mlflow4j.processor;

import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.runtime.data.Table;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;

/**
 * A compilation with Eclipse's compiler (ECJ), as Eclipse and VS Code's Java support compile, with
 * the processor. compile-testing's in-memory file manager does not work with ECJ (ECJ reads the
 * sources a processor generates back from their path), so this compiles real files in a folder.
 *
 * <p>ECJ's {@code -warn:none} also silences the warnings a processor reports (such as
 * {@code [mlflow4j:OptionalInteger]}), so these compilations keep ECJ's own warnings on.
 *
 * @param success whether ECJ compiled without error
 * @param diagnostics every error, warning and note
 * @param sources the sources given, by file name
 * @param generatedSources the generated sources' text, by file name
 */
record EcjCompilation(
        boolean success,
        List<Diagnostic<? extends JavaFileObject>> diagnostics,
        Map<String, String> sources,
        Map<String, String> generatedSources) {

    /**
     * Compiles {@code sources} (qualified class name to text) in {@code dir}.
     */
    static EcjCompilation compile(Path dir, Map<String, String> sources) {
        return compile(dir, sources, List.of(new MlflowModelProcessor()));
    }

    /** Compiles with these processors, in this order. */
    static EcjCompilation compile(Path dir, Map<String, String> sources, List<? extends Processor> processors) {
        try {
            Path src = Files.createDirectories(dir.resolve("src"));
            Path generated = Files.createDirectories(dir.resolve("generated"));
            Path classes = Files.createDirectories(dir.resolve("classes"));
            List<Path> files = new ArrayList<>();
            Map<String, String> byFile = new TreeMap<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                files.add(file);
                byFile.put(file.getFileName().toString(), source.getValue());
            }
            JavaCompiler ecj = new EclipseCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager =
                    ecj.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of(
                        "-17",
                        "-encoding",
                        "UTF-8",
                        "-d",
                        classes.toString(),
                        "-s",
                        generated.toString(),
                        "-classpath",
                        classpath());
                // ECJ also prints every problem to this writer; the diagnostics carry them already.
                JavaCompiler.CompilationTask task = ecj.getTask(
                        new StringWriter(),
                        fileManager,
                        diagnostics,
                        options,
                        null,
                        fileManager.getJavaFileObjectsFromPaths(files));
                task.setProcessors(processors);
                boolean success = task.call();
                return new EcjCompilation(success, diagnostics.getDiagnostics(), byFile, read(generated));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The errors, as text, for a failure message. */
    String describe() {
        StringBuilder text = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            text.append(d.getKind())
                    .append(' ')
                    .append(fileName(d))
                    .append(':')
                    .append(d.getLineNumber())
                    .append(' ')
                    .append(d.getMessage(Locale.ROOT))
                    .append('\n');
        }
        return text.toString();
    }

    /** The diagnostics of a kind whose message contains {@code text}. */
    List<Diagnostic<? extends JavaFileObject>> find(Diagnostic.Kind kind, String text) {
        return diagnostics.stream()
                .filter(d -> d.getKind() == kind && d.getMessage(Locale.ROOT).contains(text))
                .toList();
    }

    /** The 1-based number of the only line of source file {@code fileName} that contains {@code text}. */
    int lineContaining(String fileName, String text) {
        String[] lines = sources.get(fileName).split("\n", -1);
        int found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                if (found != -1) {
                    throw new IllegalArgumentException("'" + text + "' is on more than one line of " + fileName);
                }
                found = i + 1;
            }
        }
        if (found == -1) {
            throw new IllegalArgumentException("'" + text + "' is on no line of " + fileName);
        }
        return found;
    }

    static String fileName(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return "";
        }
        String path = d.getSource().toUri().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Map<String, String> read(Path generated) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(generated)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The annotations, the runtime and what the runtime's signatures mention, from this test's class path. */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(MlflowModel.class, Table.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
