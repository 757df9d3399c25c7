package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose predict never returns nor looks at interruption, holding every worker. */
class StuckWorkersTest {
    private static final String REQUEST = "{\"inputs\": {\"label\": [\"a\"]}}";
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void release() {
        StuckModel.release.countDown();
        clients.shutdownNow();
    }

    @Test
    void workersStuckInPredictAreNamedInThe504AndMakeHealthUnhealthy() throws Exception {
        StuckModel.release = new CountDownLatch(1);
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withWorkers(2).withRequestTimeout(Duration.ofMillis(300));
        try (Served s = Served.save(new StuckModel(), dir.resolve("m"), options)) {
            Future<Served.Reply> first = clients.submit(() -> s.post("/invocations", "application/json", REQUEST));
            Future<Served.Reply> second = clients.submit(() -> s.post("/invocations", "application/json", REQUEST));
            assertEquals(504, first.get(10, TimeUnit.SECONDS).status());
            assertEquals(504, second.get(10, TimeUnit.SECONDS).status());

            Served.Reply health = pollHealth(s, 503);
            assertEquals(503, health.status(), health.body());
            JsonNode error = RecordedExchangesTest.JSON.readTree(health.body());
            assertEquals("TEMPORARILY_UNAVAILABLE", error.get("error_code").asText());
            assertTrue(
                    error.get("message")
                            .asText()
                            .startsWith(
                                    "All 2 workers have been busy in predict for longer" + " than the 300 ms timeout"),
                    health.body());
            assertEquals(200, s.get("/ping").status(), "/ping stays as MLflow's: the process is up");

            Served.Reply queued = s.post("/invocations", "application/json", REQUEST);
            assertEquals(504, queued.status());
            String message = RecordedExchangesTest.JSON
                    .readTree(queued.body())
                    .get("message")
                    .asText();
            assertTrue(
                    message.contains("waited 300 ms for a worker and got none, as all 2 workers are busy in predict,"
                            + " the oldest for "),
                    message);
            assertTrue(message.contains("ignore interruption"), message);
            assertTrue(!message.contains("Send fewer rows"), message);

            StuckModel.release.countDown();
            assertEquals(200, pollHealth(s, 200).status(), "healthy again once the workers are free");
            Served.Reply ok = s.post("/invocations", "application/json", REQUEST);
            assertEquals(200, ok.status(), ok.body());
        }
    }

    @Test
    void oneStuckWorkerOfTwoLeavesTheServerHealthy() throws Exception {
        StuckModel.release = new CountDownLatch(1);
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withWorkers(2).withRequestTimeout(Duration.ofMillis(300));
        try (Served s = Served.save(new StuckModel(), dir.resolve("m"), options)) {
            assertEquals(
                    504, s.post("/invocations", "application/json", REQUEST).status());
            Thread.sleep(400); // the stuck prediction is now past the timeout
            assertEquals(200, s.get("/health").status(), "one worker is still free");
        }
    }

    /** /health, asked every 50 ms until it answers {@code status} (at most 10 s). */
    private static Served.Reply pollHealth(Served s, int status) throws Exception {
        Served.Reply reply = s.get("/health");
        for (int i = 0; i < 200 && reply.status() != status; i++) {
            Thread.sleep(50);
            reply = s.get("/health");
        }
        return reply;
    }
}
