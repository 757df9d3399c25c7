package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.scoring.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adaptive batching over HTTP, and what /metrics shows of it. The model: y = 2x, throws on a negative x. */
class BatchingAndMetricsTest {
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @BeforeEach
    void resetCalls() {
        TestModels.Scaler.CALLS.set(0);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    private static String row(double x) {
        return "{\"dataframe_split\": {\"columns\": [\"x\"], \"data\": [[" + x + "]]}}";
    }

    private List<Future<Served.Reply>> postAll(Served s, List<String> bodies) {
        List<Future<Served.Reply>> replies = new ArrayList<>();
        for (String body : bodies) {
            replies.add(clients.submit(() -> s.post("/invocations", "application/json", body)));
        }
        return replies;
    }

    @Test
    void concurrentRequestsWithTheSameParamsShareOnePredict() throws Exception {
        // a long delay: the batch runs because it is full, not because its time is up
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withBatching(8, Duration.ofSeconds(60));
        try (Served s = Served.save(new TestModels.Scaler(), dir.resolve("m"), options)) {
            List<String> bodies = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                bodies.add(row(i));
            }
            List<Future<Served.Reply>> replies = postAll(s, bodies);
            for (int i = 1; i <= 8; i++) {
                Served.Reply reply = replies.get(i - 1).get();
                assertEquals(200, reply.status(), reply.body());
                assertEquals(
                        "{\"predictions\": [{\"y\": " + (2.0 * i) + "}]}", reply.body(), "each request its own rows");
            }
            assertEquals(1, TestModels.Scaler.CALLS.get(), "one predict for the eight requests");
            String metrics = s.get("/metrics").body();
            assertTrue(metrics.contains("mlflow4j_batch_size_count{model=\"scaler\"} 1"), metrics);
            assertTrue(metrics.contains("mlflow4j_batch_size_sum{model=\"scaler\"} 8.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_predicted_rows_total{model=\"scaler\"} 8.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_requests_total{protocol=\"mlflow\",status=\"200\"} 8.0"), metrics);
        }
    }

    @Test
    void aBadRequestInABatchFailsOnlyItselfWithTheAnswerItWouldGetAlone() throws Exception {
        List<String> bodies = List.of(row(1), row(-1), row(3), row(4), "{\"inputs\": {\"other\": [1.0]}}");
        List<Served.Reply> alone = new ArrayList<>();
        try (Served s = Served.save(new TestModels.Scaler(), dir.resolve("alone"))) {
            for (String body : bodies) {
                alone.add(s.post("/invocations", "application/json", body));
            }
        }
        TestModels.Scaler.CALLS.set(0);
        // four requests fit the model and fill the batch; the fifth is refused before it joins one
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withBatching(4, Duration.ofSeconds(60));
        try (Served s = Served.save(new TestModels.Scaler(), dir.resolve("m"), options)) {
            List<Future<Served.Reply>> replies = postAll(s, bodies);
            for (int i = 0; i < bodies.size(); i++) {
                assertEquals(alone.get(i), replies.get(i).get(), bodies.get(i));
            }
            assertEquals(400, alone.get(1).status());
            assertEquals(400, alone.get(4).status());
            assertEquals(1 + 4, TestModels.Scaler.CALLS.get(), "the failed batch, then each of its four alone");
        }
    }

    @Test
    void aLoneRequestIsAnsweredOnceTheDelayIsUp() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withBatching(64, Duration.ofMillis(200));
        try (Served s = Served.save(new TestModels.Scaler(), dir.resolve("m"), options)) {
            Served.Reply reply = s.post("/invocations", "application/json", row(5));
            assertEquals("{\"predictions\": [{\"y\": 10.0}]}", reply.body());
            Served.Reply big = s.post(
                    "/invocations", "application/json", "{\"inputs\": {\"x\": [" + "1.0, ".repeat(70) + "1.0]}}");
            assertEquals(200, big.status(), "a request larger than a batch is predicted alone");
        }
    }

    @Test
    void metricsCountRequestsByProtocolAndStatusAndCanBeTurnedOff() throws Exception {
        try (Served s = Served.save(new TestModels.Scaler(), dir.resolve("m"))) {
            assertEquals(200, s.post("/invocations", "application/json", row(1)).status());
            assertEquals(
                    400,
                    s.post("/invocations", "application/json", "{\"inputs\": {\"other\": [1.0]}}")
                            .status());
            assertEquals(415, s.post("/invocations", "text/plain", "x").status());
            Served.Reply scrape = s.get("/metrics");
            assertEquals(200, scrape.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType());
            String metrics = scrape.body();
            assertTrue(metrics.contains("mlflow4j_requests_total{protocol=\"mlflow\",status=\"200\"} 1.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_requests_total{protocol=\"mlflow\",status=\"400\"} 1.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_requests_total{protocol=\"mlflow\",status=\"415\"} 1.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_request_duration_seconds_count{protocol=\"mlflow\"} 3"), metrics);
            assertTrue(metrics.contains("mlflow4j_predict_duration_seconds_count{model=\"scaler\"} 1"), metrics);
            assertTrue(metrics.contains("mlflow4j_requests_in_flight 0.0"), metrics);
            assertTrue(metrics.contains("mlflow4j_model_load_seconds{model=\"scaler\"} "), metrics);
            assertTrue(
                    metrics.contains("mlflow4j_batch_size_sum{model=\"scaler\"} 1.0"),
                    "1 without batching: " + metrics);
        }
        try (Served s = Served.save(
                new TestModels.Scaler(),
                dir.resolve("off"),
                ScoringServerOptions.defaults().withPort(0).withMetrics(false))) {
            assertEquals(404, s.get("/metrics").status());
        }
    }
}
