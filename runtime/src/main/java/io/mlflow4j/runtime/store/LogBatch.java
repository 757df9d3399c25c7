package io.mlflow4j.runtime.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metrics, params and tags logged together, and their split into requests a tracking server
 * accepts: at most {@value #MAX_METRICS} metrics, {@value #MAX_PARAMS_TAGS} params,
 * {@value #MAX_PARAMS_TAGS} tags and {@value #MAX_ENTITIES} entities in total per
 * {@code runs/log-batch}, split the way MLflow's Python client splits them (params and tags
 * together, metrics filling each request up, then the remaining metrics on their own).
 *
 * @param metrics the metrics
 * @param params the params, as key and value
 * @param tags the tags, as key and value
 */
public record LogBatch(
        List<Metric> metrics, List<Map.Entry<String, String>> params, List<Map.Entry<String, String>> tags) {
    public static final int MAX_METRICS = 1000;
    public static final int MAX_PARAMS_TAGS = 100;
    public static final int MAX_ENTITIES = 1000;

    public LogBatch {
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }

    public boolean isEmpty() {
        return metrics.isEmpty() && params.isEmpty() && tags.isEmpty();
    }

    /** This batch as requests within MLflow's limits, in the order MLflow's client sends them. */
    public List<LogBatch> split() {
        List<LogBatch> out = new ArrayList<>();
        List<List<Map.Entry<String, String>>> paramChunks = chunks(params, MAX_PARAMS_TAGS);
        List<List<Map.Entry<String, String>>> tagChunks = chunks(tags, MAX_PARAMS_TAGS);
        int metricIndex = 0;
        for (int i = 0; i < Math.max(paramChunks.size(), tagChunks.size()); i++) {
            List<Map.Entry<String, String>> p = i < paramChunks.size() ? paramChunks.get(i) : List.of();
            List<Map.Entry<String, String>> t = i < tagChunks.size() ? tagChunks.get(i) : List.of();
            int room = Math.max(0, Math.min(MAX_ENTITIES - p.size() - t.size(), MAX_METRICS));
            int end = Math.min(metrics.size(), metricIndex + room);
            out.add(new LogBatch(metrics.subList(metricIndex, end), p, t));
            metricIndex = end;
        }
        for (List<Metric> m : chunks(metrics.subList(metricIndex, metrics.size()), MAX_METRICS)) {
            out.add(new LogBatch(m, List.of(), List.of()));
        }
        return out;
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            out.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return out;
    }
}
