package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.scoring.TestModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies held at once stay within the budget: over it, a 503 before the body is read. */
class BodyBudgetTest {
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void openGate() {
        TestModels.Gate.release = new CountDownLatch(0);
        clients.shutdownNow();
    }

    /** A Gate request of exactly {@code bytes} bytes (padded with spaces). */
    private static String body(String label, int bytes) {
        String json = "{\"inputs\": {\"label\": [\"" + label + "\"]}}";
        return json + " ".repeat(bytes - json.length());
    }

    @Test
    void aRequestOverTheBudgetGets503WhileAnotherIsHeldAndFitsOnceItIsAnswered() throws Exception {
        TestModels.Gate.release = new CountDownLatch(1);
        TestModels.Gate.entered = new CountDownLatch(1);
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxBodyBytesInFlight(1000);
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("m"), options)) {
            Future<Served.Reply> held =
                    clients.submit(() -> s.post("/invocations", "application/json", body("a", 600)));
            assertTrue(TestModels.Gate.entered.await(10, TimeUnit.SECONDS), "the first request is being predicted");

            Served.Reply refused = s.post("/invocations", "application/json", body("b", 600));
            assertEquals(503, refused.status(), refused.body());
            JsonNode error = RecordedExchangesTest.JSON.readTree(refused.body());
            assertEquals("TEMPORARILY_UNAVAILABLE", error.get("error_code").asText());
            assertTrue(error.get("message").asText().contains("budget of 1000 bytes"), refused.body());

            Served.Reply chunked = s.send(HttpRequest.newBuilder(s.uri("/invocations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body("c", 600).getBytes(StandardCharsets.UTF_8)))));
            assertEquals(503, chunked.status(), "a chunked body is counted as it arrives: " + chunked.body());
            assertEquals(200, s.get("/ping").status());

            TestModels.Gate.release.countDown();
            assertEquals(200, held.get(10, TimeUnit.SECONDS).status());
            Served.Reply after = s.post("/invocations", "application/json", body("d", 600));
            assertEquals(200, after.status(), "the answered request gave its bytes back: " + after.body());
        }
    }

    @Test
    void aRequestLargerThanTheBudgetIsServedWhenItIsAlone() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxBodyBytesInFlight(100);
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("m"), options)) {
            for (int i = 0; i < 3; i++) {
                Served.Reply alone = s.post("/invocations", "application/json", body("e", 5000));
                assertEquals(200, alone.status(), alone.body());
            }
        }
    }

    @Test
    void aConnectionClosedMidBodyGivesItsBytesBack() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxBodyBytesInFlight(1000);
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("m"), options)) {
            // A request's bytes are taken when its headers arrive, so whichever of the partial
            // request and the first full one the server reads first is held, and the other is
            // refused. When the partial one lost that race (the server answered it 503 and
            // closed it), it is sent again.
            Served.Reply whileHeld = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                try (Socket partial = new Socket("127.0.0.1", s.server.port())) {
                    partial.getOutputStream()
                            .write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            + "Content-Length: 900\r\n\r\n{\"inputs\"")
                                    .getBytes(StandardCharsets.US_ASCII));
                    partial.getOutputStream().flush();
                    whileHeld = s.post("/invocations", "application/json", body("f", 600));
                    for (int i = 0;
                            i < 100 && whileHeld.status() == 200 && !answered(partial);
                            i++) { // the headers reach the server asynchronously
                        Thread.sleep(50);
                        whileHeld = s.post("/invocations", "application/json", body("f", 600));
                    }
                    if (whileHeld.status() == 503) {
                        break;
                    }
                }
            }
            assertEquals(
                    503, whileHeld.status(), "the partial body's declared 900 bytes are held: " + whileHeld.body());
            Served.Reply reply = s.post("/invocations", "application/json", body("g", 600));
            for (int i = 0; i < 100 && reply.status() == 503; i++) { // the close reaches the server asynchronously
                Thread.sleep(50);
                reply = s.post("/invocations", "application/json", body("g", 600));
            }
            assertEquals(200, reply.status(), reply.body());
        }
    }

    /** Whether the server answered (and so refused) the partial request: data or the end of the stream. */
    private static boolean answered(Socket partial) throws IOException {
        partial.setSoTimeout(1);
        try {
            partial.getInputStream().read();
            return true;
        } catch (SocketTimeoutException stillHeld) {
            return false;
        }
    }
}
