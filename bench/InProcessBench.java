import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.scoring.Invocations;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The in-process baseline for bench/run.sh: calls/s and per-call p50/p99 of
 * (a) LoadedModel.predict on a ready Table and (b) Invocations.invoke, which is what the server
 * does per request without HTTP (JSON parse, predict, JSON write). Run as a single-file program:
 *
 *   java -cp cli/target/mlflow4j-cli-*-all.jar bench/InProcessBench.java <model uri> <1-row json> <100-row json> [threads]
 */
public class InProcessBench {
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        byte[] one = Files.readAllBytes(Paths.get(args[1]));
        byte[] hundred = Files.readAllBytes(Paths.get(args[2]));
        int threads = args.length > 3
                ? Integer.parseInt(args[3])
                : Runtime.getRuntime().availableProcessors();
        try (LoadedModel model = MlflowModels.load(uri)) {
            Invocations invocations = new Invocations(model);
            for (int rows : new int[] {1, 100}) {
                Table table = table(rows);
                byte[] body = rows == 1 ? one : hundred;
                check(invocations.invoke("application/json", body));
                for (int t : new int[] {1, threads}) {
                    report("predict(Table)        ", rows, t, () -> model.predict(table, Map.of("threshold", 0.5)));
                    report("Invocations.invoke    ", rows, t, () -> invocations.invoke("application/json", body));
                }
            }
        }
    }

    static void check(ScoringResponse r) {
        if (r.status() != 200) {
            throw new IllegalStateException("payload refused: " + r.bodyText());
        }
    }

    /** The same flowers as bench/run.sh's payloads. */
    static Table table(int rows) {
        double[][] c = new double[4][rows];
        for (int i = 0; i < rows; i++) {
            c[0][i] = 4.5 + (i % 30) * 0.1;
            c[1][i] = 2.5 + (i % 15) * 0.1;
            c[2][i] = 1.0 + (i % 50) * 0.1;
            c[3][i] = 0.1 + (i % 25) * 0.1;
        }
        return Table.of(
                Column.ofDoubles("sepal_length", c[0]),
                Column.ofDoubles("sepal_width", c[1]),
                Column.ofDoubles("petal_length", c[2]),
                Column.ofDoubles("petal_width", c[3]));
    }

    static void report(String what, int rows, int threads, Supplier<?> call) throws Exception {
        run(call, threads, 2_000_000_000L); // warm up
        long started = System.nanoTime();
        long[][] perThread = run(call, threads, 5_000_000_000L); // a thread also stops when its sample buffer is full
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all =
                Arrays.stream(perThread).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                "%s %3d row(s) %d thread(s): %10.0f calls/s  p50 %7.1f us  p99 %7.1f us%n",
                what,
                rows,
                threads,
                all.length / seconds,
                all[all.length / 2] / 1000.0,
                all[(int) (all.length * 0.99)] / 1000.0);
    }

    static long[][] run(Supplier<?> call, int threads, long nanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + nanos;
        Future<?>[] futures = new Future<?>[threads];
        long[][] latencies = new long[threads][];
        for (int t = 0; t < threads; t++) {
            int slot = t;
            futures[t] = pool.submit(() -> {
                long[] lat = new long[4_000_000];
                int n = 0;
                while (n < lat.length) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        break;
                    }
                    call.get();
                    lat[n++] = System.nanoTime() - start;
                }
                latencies[slot] = Arrays.copyOf(lat, n);
            });
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return latencies;
    }
}
