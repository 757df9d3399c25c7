package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.internal.Versions;
import io.mlflow4j.runtime.scoring.TestModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side: routes, limits, timeouts, concurrency, model failures and graceful shutdown. */
class ScoringServerTest {
    private static final String ROW = "{\"dataframe_records\": [{\"x\": 1.0, \"n\": 10, \"label\": \"p\"}]}";
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void openGate() {
        TestModels.Gate.release = new CountDownLatch(0);
        clients.shutdownNow();
    }

    @Test
    void unknownPathsGet404AndWrongMethods405WithMlflowErrorJson() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            Served.Reply missing = s.get("/predict");
            assertEquals(404, missing.status());
            JsonNode error = RecordedExchangesTest.JSON.readTree(missing.body());
            assertEquals("ENDPOINT_NOT_FOUND", error.get("error_code").asText());
            assertTrue(error.get("message").asText().contains("POST /invocations"), missing.body());

            Served.Reply wrongMethod = s.post("/ping", "application/json", "{}");
            assertEquals(405, wrongMethod.status());
            assertEquals("application/json", wrongMethod.contentType());
            assertTrue(wrongMethod.body().contains("Use GET"), wrongMethod.body());

            Served.Reply head = s.send(
                    HttpRequest.newBuilder(s.uri("/health")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, head.status());
        }
    }

    @Test
    void bodiesOverTheLimitGet413WhetherDeclaredOrStreamed() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxRequestBytes(100);
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"), options)) {
            byte[] big = ("{\"dataframe_records\": [" + "{\"x\": 1.0, \"n\": 10, \"label\": \"p\"},".repeat(10)
                            + "{\"x\": 1.0, \"n\": 10, \"label\": \"p\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            Served.Reply declared = s.post("/invocations", "application/json", big);
            assertEquals(413, declared.status());
            assertTrue(declared.body().contains("larger than the server's limit of 100 bytes"), declared.body());

            Served.Reply chunked = s.send(HttpRequest.newBuilder(s.uri("/invocations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
            assertEquals(413, chunked.status());

            assertEquals(200, s.post("/invocations", "application/json", ROW).status(), "a small request still works");
        }
    }

    @Test
    void aPredictionOverTheTimeoutGets504AndTheServerCarriesOn() throws Exception {
        TestModels.Gate.release = new CountDownLatch(1);
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withRequestTimeout(Duration.ofMillis(300));
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("m"), options)) {
            Served.Reply slow = s.post("/invocations", "application/json", "{\"inputs\": {\"label\": [\"a\"]}}");
            assertEquals(504, slow.status());
            assertEquals(
                    "DEADLINE_EXCEEDED",
                    RecordedExchangesTest.JSON
                            .readTree(slow.body())
                            .get("error_code")
                            .asText());
            TestModels.Gate.release.countDown();
            assertEquals(
                    200,
                    s.post("/invocations", "application/json", "{\"inputs\": {\"label\": [\"b\"]}}")
                            .status());
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTimeDropsTheConnectionAndTheServerCarriesOn() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withRequestTimeout(Duration.ofMillis(300));
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"), options);
                Socket slow = new Socket("127.0.0.1", s.server.port())) {
            slow.setSoTimeout(10_000);
            slow.getOutputStream()
                    .write(("POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100\r\n\r\n{\"inputs\"")
                            .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            long start = System.nanoTime();
            int read;
            try {
                read = slow.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(-1, read, "the server closed the connection without an answer");
            assertTrue(
                    waited >= 200 && waited < 5000,
                    "dropped after about the timeout, not at once nor never: " + waited + " ms");
            assertEquals(200, s.post("/invocations", "application/json", ROW).status());
        }
    }

    @Test
    void predictionsRunConcurrentlyOnTheWorkers() throws Exception {
        TestModels.Gate.release = new CountDownLatch(1);
        TestModels.Gate.entered = new CountDownLatch(2);
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withWorkers(2);
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("m"), options)) {
            Future<Served.Reply> first =
                    clients.submit(() -> s.post("/invocations", "application/json", "{\"inputs\": [\"a\"]}"));
            Future<Served.Reply> second =
                    clients.submit(() -> s.post("/invocations", "application/json", "{\"inputs\": [\"b\"]}"));
            assertTrue(
                    TestModels.Gate.entered.await(10, TimeUnit.SECONDS),
                    "both predictions started before either ended");
            TestModels.Gate.release.countDown();
            assertEquals(
                    "{\"predictions\": [{\"label\": \"a\"}]}",
                    first.get(10, TimeUnit.SECONDS).body());
            assertEquals(
                    "{\"predictions\": [{\"label\": \"b\"}]}",
                    second.get(10, TimeUnit.SECONDS).body());
        }
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            List<Future<String>> failures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                failures.add(clients.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        int v = thread * 1000 + i;
                        String body = i % 2 == 0
                                ? "{\"dataframe_records\": [{\"x\": " + v + ", \"n\": " + v + ", \"label\": \"l" + v
                                        + "\"}]}"
                                : "{\"inputs\": {\"x\": [" + v + "], \"n\": [" + v + "], \"label\": [\"l" + v + "\"]}}";
                        Served.Reply r = s.post("/invocations", "application/json", body);
                        String expected =
                                "{\"predictions\": [{\"y\": " + (1 + 2.5 * v) + ", \"label_upper\": \"L" + v + "\"}]}";
                        if (r.status() != 200 || !r.body().equals(expected)) {
                            return "request " + v + ": " + r.status() + " " + r.body() + ", expected " + expected;
                        }
                    }
                    return null;
                }));
            }
            for (Future<String> f : failures) {
                assertEquals(null, f.get(60, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void closeFinishesRequestsInFlightThenReleasesThePort() throws Exception {
        TestModels.Gate.release = new CountDownLatch(1);
        TestModels.Gate.entered = new CountDownLatch(1);
        Served s = Served.save(new TestModels.Gate(), dir.resolve("m"));
        int port = s.server.port();
        Future<Served.Reply> inFlight =
                clients.submit(() -> s.post("/invocations", "application/json", "{\"inputs\": [\"a\"]}"));
        assertTrue(TestModels.Gate.entered.await(10, TimeUnit.SECONDS));
        Future<?> closing = clients.submit(() -> {
            s.close();
            return null;
        });
        Thread.sleep(200);
        assertFalse(closing.isDone(), "close waits for the request in flight");
        TestModels.Gate.release.countDown();
        Served.Reply reply = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, reply.status());
        assertEquals("{\"predictions\": [{\"label\": \"a\"}]}", reply.body());
        closing.get(10, TimeUnit.SECONDS);
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void aFailingModelGets400WithoutAStackTraceAndTheNextRequestWorks() throws Exception {
        try (Served s = Served.save(new TestModels.Gate(), dir.resolve("m"))) {
            Served.Reply failed = s.post("/invocations", "application/json", "{\"inputs\": [\"fail\"]}");
            assertEquals(400, failed.status());
            JsonNode error = RecordedExchangesTest.JSON.readTree(failed.body());
            assertEquals("BAD_REQUEST", error.get("error_code").asText());
            assertTrue(error.get("message")
                    .asText()
                    .startsWith("Encountered an unexpected error while evaluating the model."));
            assertFalse(failed.body().contains("at io.mlflow4j"), "no stack trace: " + failed.body());
            assertEquals(RecordedExchangesTest.fieldNames(error), List.of("error_code", "message"));
            assertEquals(
                    200,
                    s.post("/invocations", "application/json", "{\"inputs\": [\"ok\"]}")
                            .status());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"));
                Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            byte[] row = ROW.getBytes(StandardCharsets.UTF_8);
            String post = "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + row.length + "\r\n\r\n" + ROW;
            socket.getOutputStream()
                    .write((post + "GET /version HTTP/1.1\r\nHost: x\r\n\r\n" + post
                                    + "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int first = answers.indexOf("{\"predictions\"");
            int version = answers.indexOf(Versions.MLFLOW_FORMAT, first);
            int second = answers.indexOf("{\"predictions\"", version);
            int missing = answers.indexOf("ENDPOINT_NOT_FOUND", second);
            assertTrue(first >= 0 && version > first && second > version && missing > second, answers);
        }
    }

    @Test
    void anHttp10ClientThatAsksForKeepAliveGetsIt() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"));
                Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write("GET /ping HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[512];
            int n = socket.getInputStream().read(head);
            String answer = new String(head, 0, n, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            assertTrue(answer.startsWith("http/1.1 200") && answer.contains("connection: keep-alive"), answer);
        }
    }

    @Test
    void theServerBindsLoopbackByDefault() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            assertTrue(
                    s.server.address().getAddress().isLoopbackAddress(),
                    s.server.address().toString());
            assertTrue(s.server.url().startsWith("http://127.0.0.1:"), s.server.url());
        }
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> ScoringServer.start(
                            s.model, ScoringServerOptions.defaults().withPort(s.server.port())));
            assertTrue(e.getMessage() != null, e.toString());
        }
    }
}
