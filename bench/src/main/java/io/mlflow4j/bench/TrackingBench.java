package io.mlflow4j.bench;

import io.mlflow4j.runtime.ActiveRun;
import io.mlflow4j.runtime.Mlflow;
import io.mlflow4j.runtime.ModelInfo;
import io.mlflow4j.runtime.store.rest.FakeTrackingServer;
import io.mlflow4j.runtime.store.rest.HttpSettings;
import io.mlflow4j.runtime.store.rest.RestTrackingStore;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Logs a model with a big artifact to the test tracking server on 127.0.0.1 and compares the time
 * with a plain streamed HTTP PUT of the same file to the same server; reports peak heap. Run with
 * a small heap (-Xmx64m) to show that the heap does not grow with the artifact.
 *
 * <p>Arguments: work folder, size in MiB (1024), rounds (3), the recording
 * ({@code conformance/mlflow-reference/2.17.2/http_capture_tracking.jsonl}).
 */
public final class TrackingBench {
    private TrackingBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path recording =
                Path.of(args.length > 3 ? args[3] : "conformance/mlflow-reference/2.17.2/http_capture_tracking.jsonl");
        Path weights = work.resolve("weights.bin");
        writeFile(weights, mib << 20);
        long size = Files.size(weights);
        System.out.printf(
                "artifact: %d MiB; max heap %d MiB; %d rounds%n",
                size >> 20, Runtime.getRuntime().maxMemory() >> 20, rounds);

        Path serverRoot = Files.createDirectories(work.resolve("server"));
        try (FakeTrackingServer server = FakeTrackingServer.start(serverRoot, recording)) {
            HttpClient plain =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            RestTrackingStore store = new RestTrackingStore(server.uri(), HttpSettings.fromEnvironment());
            BigWeights model = new BigWeights();
            model.weights = weights;
            List<Double> putSeconds = new ArrayList<>();
            List<Double> logSeconds = new ArrayList<>();
            long peakHeap = 0;
            for (int round = 0; round < rounds; round++) {
                // alternate which goes first, so page-cache write-back of the previous round weighs on both alike
                double put = 0;
                double log = 0;
                for (int leg = 0; leg < 2; leg++) {
                    if ((leg == 0) == (round % 2 == 0)) {
                        put = plainPut(plain, server, weights, round);
                        deleteTree(serverRoot.resolve("baseline"));
                    } else {
                        System.gc();
                        resetPeaks();
                        long start = System.nanoTime();
                        ModelInfo info;
                        try (ActiveRun run = Mlflow.startRun(store, "bench", null)) {
                            info = BigWeightsLogger.log(model, run, "model");
                        }
                        log = (System.nanoTime() - start) / 1e9;
                        peakHeap = Math.max(peakHeap, heapPeak());
                        Path uploaded = serverRoot.resolve("1/" + info.runId() + "/artifacts/model/artifacts/weights");
                        if (Files.size(uploaded) != size) {
                            throw new IllegalStateException("uploaded " + Files.size(uploaded) + " bytes, not " + size);
                        }
                        deleteTree(serverRoot.resolve("1"));
                    }
                }
                putSeconds.add(put);
                logSeconds.add(log);
                System.out.printf(
                        "round %d: plain PUT %.2f s (%.0f MiB/s); mlflow4j log %.2f s (%.0f MiB/s)%n",
                        round + 1, put, (size >> 20) / put, log, (size >> 20) / log);
            }
            double bestPut = putSeconds.stream().min(Comparator.naturalOrder()).orElseThrow();
            double bestLog = logSeconds.stream().min(Comparator.naturalOrder()).orElseThrow();
            double medianPut = median(putSeconds);
            double medianLog = median(logSeconds);
            System.out.printf(
                    "best: plain PUT %.0f MiB/s, mlflow4j log %.0f MiB/s, ratio %.2f%n",
                    (size >> 20) / bestPut, (size >> 20) / bestLog, bestPut / bestLog);
            System.out.printf(
                    "median: plain PUT %.0f MiB/s, mlflow4j log %.0f MiB/s, ratio %.2f%n",
                    (size >> 20) / medianPut, (size >> 20) / medianLog, medianPut / medianLog);
            System.out.printf(
                    "peak heap during log (sum of heap pools' peaks, server in the same JVM): %.1f MiB%n",
                    peakHeap / 1048576.0);
            if (!server.violations().isEmpty()) {
                throw new IllegalStateException(
                        "server saw requests real MLflow would not accept: " + server.violations());
            }
        } finally {
            deleteTree(work.resolve("server"));
            Files.deleteIfExists(weights);
        }
    }

    /** A plain streamed HTTP PUT of the file, as any HTTP client would send it: the baseline. */
    private static double plainPut(HttpClient plain, FakeTrackingServer server, Path weights, int round)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = plain.send(
                HttpRequest.newBuilder(URI.create(server.uri() + "/api/2.0/mlflow-artifacts/artifacts/baseline/" + round
                                + "/weights.bin"))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(weights))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT answered " + response.statusCode());
        }
        return seconds;
    }

    private static void writeFile(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapPeak() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
