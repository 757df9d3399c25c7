package io.mlflow4j.runtime.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.store.LogBatch;
import io.mlflow4j.runtime.store.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LogBatch#split}: MLflow's batch limits, split in the order of MLflow's Python client. */
class LogBatchTest {
    private static List<Map.Entry<String, String>> kv(String prefix, int n) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.entry(prefix + i, "v" + i));
        }
        return out;
    }

    private static List<Metric> metrics(int n) {
        List<Metric> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Metric("m" + i, i, 1L, 0));
        }
        return out;
    }

    private static List<String> sizes(List<LogBatch> parts) {
        return parts.stream()
                .map(b -> b.params().size() + "p " + b.tags().size() + "t "
                        + b.metrics().size() + "m")
                .toList();
    }

    @Test
    void splitsLikeMlflowsClient() {
        // params and tags in chunks of 100 side by side, metrics filling each request up to 1000, then the rest
        assertEquals(
                List.of("100p 100t 800m", "100p 50t 850m", "50p 0t 850m"),
                sizes(new LogBatch(metrics(2500), kv("p", 250), kv("t", 150)).split()));
        assertEquals(
                List.of("0p 0t 1000m", "0p 0t 1000m", "0p 0t 1m"),
                sizes(new LogBatch(metrics(2001), List.of(), List.of()).split()));
        assertEquals(
                List.of("100p 0t 0m", "1p 0t 0m"), sizes(new LogBatch(List.of(), kv("p", 101), List.of()).split()));
        assertEquals(
                List.of("0p 100t 900m", "0p 0t 100m"),
                sizes(new LogBatch(metrics(1000), List.of(), kv("t", 100)).split()));
        assertEquals(List.of(), new LogBatch(List.of(), List.of(), List.of()).split());
    }

    @Test
    void everyPartIsWithinTheLimitsAndNothingIsLostOrReordered() {
        LogBatch batch = new LogBatch(metrics(3333), kv("p", 345), kv("t", 123));
        List<LogBatch> parts = batch.split();
        List<Metric> metrics = new ArrayList<>();
        List<Map.Entry<String, String>> params = new ArrayList<>();
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (LogBatch part : parts) {
            assertTrue(part.metrics().size() <= LogBatch.MAX_METRICS);
            assertTrue(part.params().size() <= LogBatch.MAX_PARAMS_TAGS);
            assertTrue(part.tags().size() <= LogBatch.MAX_PARAMS_TAGS);
            assertTrue(
                    part.metrics().size() + part.params().size() + part.tags().size() <= LogBatch.MAX_ENTITIES);
            metrics.addAll(part.metrics());
            params.addAll(part.params());
            tags.addAll(part.tags());
        }
        assertEquals(batch.metrics(), metrics);
        assertEquals(batch.params(), params);
        assertEquals(batch.tags(), tags);
    }
}
