package io.mlflow4j.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The processor's cost to a build: javac on 200 model classes with the mlflow4j processor, against
 * the same javac with annotation processing off. Both compile in this JVM, alternating, after
 * warm-up (like a Gradle daemon or an IDE); the figure is the ratio of the medians.
 *
 * <p>Usage: {@code java -cp <bench classpath> io.mlflow4j.bench.ProcessorOverhead <processor jar> [models] [runs]}
 */
public final class ProcessorOverhead {
    private ProcessorOverhead() {}

    public static void main(String[] args) throws IOException {
        String processorJar = args[0];
        int models = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Path sources = Files.createTempDirectory("mlflow4j-models");
        List<String> files = writeModels(sources, models);
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

        Path generated = Files.createTempDirectory("mlflow4j-gen");
        compile(javac, files, classpath, processorJar, true, generated);
        List<String> filesAndGenerated = new ArrayList<>(files);
        try (var walk = Files.walk(generated)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> filesAndGenerated.add(p.toString()));
        }
        for (int warmup = 0; warmup < 3; warmup++) {
            compile(javac, files, classpath, processorJar, true, null);
            compile(javac, files, classpath, processorJar, false, null);
            compile(javac, filesAndGenerated, classpath, processorJar, false, null);
        }
        long[] with = new long[runs];
        long[] without = new long[runs];
        long[] pregenerated = new long[runs];
        for (int r = 0; r < runs; r++) {
            with[r] = compile(javac, files, classpath, processorJar, true, null);
            without[r] = compile(javac, files, classpath, processorJar, false, null);
            pregenerated[r] = compile(javac, filesAndGenerated, classpath, processorJar, false, null);
        }
        double withMs = median(with) / 1e6;
        double withoutMs = median(without) / 1e6;
        double pregeneratedMs = median(pregenerated) / 1e6;
        System.out.printf("models: %d, runs: %d (medians, javac in this JVM after warm-up)%n", models, runs);
        System.out.printf("A  javac, processing off:                                  %6.0f ms%n", withoutMs);
        System.out.printf("B  javac with the mlflow4j processor:                      %6.0f ms%n", withMs);
        System.out.printf("C  javac, processing off, the %d generated sources added: %6.0f ms%n", filesAndGenerated.size() - files.size(),
                pregeneratedMs);
        System.out.printf("overhead B/A: %.1f%% of javac time (of which compiling generated code C/A: %.1f%%)%n",
                100 * (withMs - withoutMs) / withoutMs, 100 * (pregeneratedMs - withoutMs) / withoutMs);
    }

    private static long compile(JavaCompiler javac, List<String> files, String classpath, String processorJar, boolean process,
            Path generatedSources) throws IOException {
        Path out = Files.createTempDirectory("mlflow4j-classes");
        Path sourceOut = generatedSources != null ? generatedSources : Files.createTempDirectory("mlflow4j-gen");
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-implicit:none",
                "-s", sourceOut.toString()));
        if (process) {
            options.addAll(List.of("-processorpath", processorJar));
        } else {
            options.add("-proc:none");
        }
        options.addAll(files);
        long start = System.nanoTime();
        int status = javac.run(null, OutputStream.nullOutputStream(), System.err, options.toArray(String[]::new));
        long elapsed = System.nanoTime() - start;
        if (status != 0) {
            throw new IllegalStateException("javac failed (" + (process ? "with" : "without") + " processing)");
        }
        return elapsed;
    }

    /** Model sources like the README's: a record of five columns in, a record out, a param, an artifact. */
    private static List<String> writeModels(Path dir, int count) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("bench/models"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "Model" + i;
            String source = """
                    package bench.models;

                    import io.mlflow4j.annotations.*;
                    import java.nio.file.Path;
                    import java.util.ArrayList;
                    import java.util.List;

                    @MlflowModel(name = "model-%1$d")
                    public class %2$s {
                        public record In(@Column("a_%1$d") double a, long b, String c, @Column(required = false) Double d, boolean e) {}
                        public record Out(String label, double score) {}

                        @Artifact("weights") Path weights;

                        @Predict
                        public List<Out> predict(List<In> rows, @Param(name = "k", defaultValue = "0.5") double k) {
                            List<Out> out = new ArrayList<>();
                            for (In r : rows) {
                                out.add(new Out(r.c(), r.a() * k + r.b()));
                            }
                            return out;
                        }
                    }
                    """.formatted(i, name);
            Path file = pkg.resolve(name + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        return files;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
