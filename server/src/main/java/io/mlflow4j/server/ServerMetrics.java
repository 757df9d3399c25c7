package io.mlflow4j.server;

import io.mlflow4j.runtime.scoring.ScoringResponse;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The server's Prometheus metrics, served at {@code GET /metrics} in Prometheus' text format:
 * requests by protocol and status, request latency, predict time, batch sizes, rows predicted,
 * requests in flight and the model's load time. Each server has its own registry, so two servers
 * in one JVM (as in tests) do not mix their counts.
 */
final class ServerMetrics {
    /** The two protocols served on one port. */
    enum Protocol {
        MLFLOW("mlflow"),
        V2("v2");

        final String label;

        Protocol(String label) {
            this.label = label;
        }
    }

    /** From 0.5 ms: a small model answers in well under a millisecond. */
    private static final double[] LATENCY_BOUNDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };

    private static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final DistributionDataPoint[] latency = new DistributionDataPoint[Protocol.values().length];
    private final DistributionDataPoint predictTime;
    private final DistributionDataPoint batchSize;
    private final CounterDataPoint rows;
    /** Data points by protocol and status, looked up once each: labelValues costs a map lookup. */
    private final CounterDataPoint[][] byStatus = new CounterDataPoint[Protocol.values().length][600];

    private final Gauge inFlight;

    ServerMetrics(String model, Duration modelLoadTime) {
        requests = Counter.builder()
                .name("mlflow4j_requests_total")
                .help("Requests answered, by protocol (mlflow or v2) and HTTP status")
                .labelNames("protocol", "status")
                .withoutExemplars()
                .register(registry);
        Histogram requestSeconds = Histogram.builder()
                .name("mlflow4j_request_duration_seconds")
                .help("Time from a request's arrival to its answer, queueing and batching included")
                .labelNames("protocol")
                .classicOnly()
                .classicUpperBounds(LATENCY_BOUNDS)
                .withoutExemplars()
                .register(registry);
        for (Protocol p : Protocol.values()) {
            latency[p.ordinal()] = requestSeconds.labelValues(p.label);
        }
        predictTime = Histogram.builder()
                .name("mlflow4j_predict_duration_seconds")
                .help("Time in the model's predict, per call (a batch is one call)")
                .labelNames("model")
                .classicOnly()
                .classicUpperBounds(LATENCY_BOUNDS)
                .withoutExemplars()
                .register(registry)
                .labelValues(model);
        batchSize = Histogram.builder()
                .name("mlflow4j_batch_size")
                .help("Requests merged into one predict call (1 without batching)")
                .labelNames("model")
                .classicOnly()
                .classicUpperBounds(BATCH_BOUNDS)
                .withoutExemplars()
                .register(registry)
                .labelValues(model);
        rows = Counter.builder()
                .name("mlflow4j_predicted_rows_total")
                .help("Input rows predicted")
                .labelNames("model")
                .withoutExemplars()
                .register(registry)
                .labelValues(model);
        inFlight = Gauge.builder()
                .name("mlflow4j_requests_in_flight")
                .help("Requests being read, queued, batched or predicted")
                .register(registry);
        Gauge.builder()
                .name("mlflow4j_model_load_seconds")
                .help("How long loading the model took")
                .labelNames("model")
                .register(registry)
                .labelValues(model)
                .set(modelLoadTime.toNanos() / 1e9);
    }

    void started() {
        inFlight.inc();
    }

    void answered(Protocol protocol, int status, long startNanos) {
        inFlight.dec();
        requestCount(protocol, status).inc();
        latency[protocol.ordinal()].observe((System.nanoTime() - startNanos) / 1e9);
    }

    void predicted(int requestsInCall, int rowsInCall, long startNanos) {
        predictTime.observe((System.nanoTime() - startNanos) / 1e9);
        batchSize.observe(requestsInCall);
        rows.inc(rowsInCall);
    }

    private CounterDataPoint requestCount(Protocol protocol, int status) {
        if (status < 0 || status >= 600) {
            return requests.labelValues(protocol.label, Integer.toString(status));
        }
        CounterDataPoint point = byStatus[protocol.ordinal()][status];
        if (point == null) { // a race only looks the same point up twice
            point = requests.labelValues(protocol.label, Integer.toString(status));
            byStatus[protocol.ordinal()][status] = point;
        }
        return point;
    }

    ScoringResponse scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ScoringResponse(200, writer.getContentType(), out.toByteArray());
    }
}
