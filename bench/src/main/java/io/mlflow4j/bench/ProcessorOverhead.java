package io.mlflow4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The processor's cost to a build: javac on N model classes in six set-ups, compiled in this JVM in
 * turn, after warm-up (like a Gradle daemon or an IDE); each figure is the median of the runs.
 *
 * <ul>
 *   <li>A: annotation processing off;
 *   <li>C: processing off, the generated sources given as plain sources (the code the build ends with);
 *   <li>N: a processor for {@code @MlflowModel} that does nothing (what switching processing on costs);
 *   <li>M: a processor that writes the generated sources without looking at the class (the floor for
 *       any processor that generates these files: extra rounds plus compiling what it wrote);
 *   <li>B: the mlflow4j processor from {@code -processorpath}, in a new class loader per build as Maven
 *       and Gradle load it, so its code runs cold every time;
 *   <li>W: the mlflow4j processor loaded once and reused (warm).
 * </ul>
 *
 * <p>Usage: {@code java -cp <bench classpath> io.mlflow4j.bench.ProcessorOverhead <processor jar> [models] [runs]}
 */
public final class ProcessorOverhead {
    private static final ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final String classpath = System.getProperty("java.class.path");
    private final String processorJar;
    private final ClassLoader warmProcessorLoader;
    private Path generatedSources;

    private ProcessorOverhead(String processorJar) throws IOException {
        this.processorJar = processorJar;
        this.warmProcessorLoader = new URLClassLoader(
                new URL[] {Path.of(processorJar).toUri().toURL()}, ProcessorOverhead.class.getClassLoader());
    }

    public static void main(String[] args) throws IOException {
        int models = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        new ProcessorOverhead(args[0]).measure(models, runs);
    }

    private void measure(int models, int runs) throws IOException {
        List<String> modelSources = BenchModels.write(Files.createTempDirectory("mlflow4j-models"), models);
        generatedSources = Files.createTempDirectory("mlflow4j-gen");
        compile(modelSources, Setup.COLD, generatedSources);
        List<String> withGenerated = new ArrayList<>(modelSources);
        try (var walk = Files.walk(generatedSources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> withGenerated.add(p.toString()));
        }

        Map<Setup, long[]> times = new LinkedHashMap<>();
        Map<Setup, long[]> cpuTimes = new LinkedHashMap<>();
        for (Setup setup : Setup.values()) {
            times.put(setup, new long[runs]);
            cpuTimes.put(setup, new long[runs]);
        }
        for (int r = -3; r < runs; r++) { // three rounds of warm-up, then the measured runs
            for (Setup setup : Setup.values()) {
                List<String> sources = setup == Setup.PLAIN_WITH_GENERATED ? withGenerated : modelSources;
                long[] elapsed = compile(sources, setup, Files.createTempDirectory("mlflow4j-gen"));
                if (r >= 0) {
                    times.get(setup)[r] = elapsed[0];
                    cpuTimes.get(setup)[r] = elapsed[1];
                }
            }
        }
        report(models, runs, withGenerated.size() - modelSources.size(), times, "javac in this JVM after warm-up");
        // On a shared machine wall time also counts the time other processes held the CPU; javac
        // runs in this thread, so its CPU time is the steadier figure there.
        report(
                models,
                runs,
                withGenerated.size() - modelSources.size(),
                cpuTimes,
                "CPU time of the compiling thread (steadier when other processes share the CPU)");
    }

    private void report(int models, int runs, int generatedFiles, Map<Setup, long[]> times, String what) {
        Map<Setup, Double> ms = new LinkedHashMap<>();
        times.forEach((setup, values) -> ms.put(setup, median(values) / 1e6));
        double a = ms.get(Setup.PLAIN);
        System.out.printf(
                "%d models, %d generated sources, %d runs; medians, %s%n", models, generatedFiles, runs, what);
        ms.forEach((setup, value) -> System.out.printf(
                "%s  %-72s %6.0f ms  %5.2f x A%n", setup.letter, setup.description, value, value / a));
        System.out.printf(
                "overhead of the mlflow4j processor, (B - A) / A:                         %7.1f %%%n",
                100 * (ms.get(Setup.COLD) - a) / a);
        System.out.printf(
                "  of which any processor generating these files costs, (M - A) / A:     %7.1f %%%n",
                100 * (ms.get(Setup.MINIMAL) - a) / a);
        System.out.printf(
                "  the mlflow4j processor's own work, cold, (B - M) / A:                 %7.1f %%%n",
                100 * (ms.get(Setup.COLD) - ms.get(Setup.MINIMAL)) / a);
        System.out.printf(
                "  the mlflow4j processor's own work, warm, (W - M) / A:                 %7.1f %%%n",
                100 * (ms.get(Setup.WARM) - ms.get(Setup.MINIMAL)) / a);
        System.out.printf(
                "the processor's share over the minimal processor, cold, (B - M) / M:    %7.1f %%%n",
                100 * (ms.get(Setup.COLD) - ms.get(Setup.MINIMAL)) / ms.get(Setup.MINIMAL));
        System.out.printf(
                "the processor's share over the minimal processor, warm, (W - M) / M:    %7.1f %%%n",
                100 * (ms.get(Setup.WARM) - ms.get(Setup.MINIMAL)) / ms.get(Setup.MINIMAL));
    }

    /** The wall time and this thread's CPU time of one compilation, in nanoseconds. */
    private long[] compile(List<String> sources, Setup setup, Path sourceOutput) throws IOException {
        Path classes = Files.createTempDirectory("mlflow4j-classes");
        List<String> options = new ArrayList<>(
                List.of("-d", classes.toString(), "-cp", classpath, "-implicit:none", "-s", sourceOutput.toString()));
        switch (setup) {
            case PLAIN, PLAIN_WITH_GENERATED -> options.add("-proc:none");
            case COLD -> options.addAll(List.of("-processorpath", processorJar));
            default -> {}
        }
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(
                    null, fileManager, null, options, null, fileManager.getJavaFileObjectsFromStrings(sources));
            switch (setup) {
                case NO_OP -> task.setProcessors(List.of(new MinimalGeneratingProcessor(null)));
                case MINIMAL -> task.setProcessors(List.of(new MinimalGeneratingProcessor(generatedSources)));
                case WARM ->
                    task.setProcessors(ServiceLoader.load(Processor.class, warmProcessorLoader).stream()
                            .map(ServiceLoader.Provider::get)
                            .toList());
                default -> {}
            }
            long start = System.nanoTime();
            long cpuStart = THREAD_CPU.getCurrentThreadCpuTime();
            boolean compiled = task.call();
            long cpu = THREAD_CPU.getCurrentThreadCpuTime() - cpuStart;
            long elapsed = System.nanoTime() - start;
            if (!compiled) {
                throw new IllegalStateException("javac failed in set-up " + setup.letter);
            }
            return new long[] {elapsed, cpu};
        }
    }

    /** The set-ups compared, in the order they run in each round. */
    private enum Setup {
        PLAIN("A", "javac, annotation processing off"),
        PLAIN_WITH_GENERATED("C", "javac, processing off, the generated sources added as plain sources"),
        NO_OP("N", "javac with a processor for @MlflowModel that does nothing"),
        MINIMAL("M", "javac with a processor that only writes the same generated sources"),
        COLD("B", "javac with the mlflow4j processor on -processorpath (cold, as in Maven)"),
        WARM("W", "javac with the mlflow4j processor loaded once and reused (warm)");

        final String letter;
        final String description;

        Setup(String letter, String description) {
            this.letter = letter;
            this.description = description;
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
