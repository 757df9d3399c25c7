package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.internal.Versions;
import io.mlflow4j.runtime.scoring.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests built to confuse the server about where a request ends, sent on raw sockets. */
class HostileRequestsTest {
    private static final String ROW = "{\"dataframe_records\": [{\"x\": 1.0, \"n\": 10, \"label\": \"p\"}]}";
    private static final String HIDDEN = "GET /version HTTP/1.1\r\nHost: x\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void contentLengthWithChunkedIsRefusedAndTheHiddenRequestIsNeverAnswered() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            String body = "0\r\n\r\n" + HIDDEN;
            String answers = exchange(
                    s.server.port(),
                    "POST /invocations HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + body);
            assertRefused(answers, "both Content-Length and Transfer-Encoding: chunked");
            assertEquals(200, s.post("/invocations", "application/json", ROW).status(), "the server carries on");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "identity",
                "gzip, chunked",
                "chunked, chunked",
                "xchunked",
                "chunked\r\nTransfer-Encoding: chunked"
            })
    void transferEncodingsOtherThanChunkedAreRefused(String encoding) throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            String answers = exchange(
                    s.server.port(),
                    "POST /invocations HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: " + encoding + "\r\n\r\n"
                            + "0\r\n\r\n" + HIDDEN);
            assertRefused(answers, "is not supported");
        }
    }

    @Test
    void transferEncodingInAnHttp10RequestIsRefused() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            String answers = exchange(
                    s.server.port(),
                    "POST /invocations HTTP/1.0\r\nConnection: keep-alive\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + HIDDEN);
            assertRefused(answers, "HTTP/1.0 request cannot use Transfer-Encoding");
        }
    }

    @Test
    void aChunkedRequestAloneIsServedAndKeepsTheConnection() throws Exception {
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"))) {
            String chunked = "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(ROW.length()) + "\r\n" + ROW
                    + "\r\n0\r\n\r\n";
            String answers = exchange(
                    s.server.port(), chunked + "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(answers.startsWith("HTTP/1.1 200"), answers);
            assertTrue(answers.contains("{\"predictions\": [{\"y\": 8.0, \"label_upper\": \"P\"}]}"), answers);
            assertTrue(
                    answers.endsWith(Versions.MLFLOW_FORMAT),
                    "the next request on the connection is answered: " + answers);
        }
    }

    @Test
    void expectContinueWithAnOversizedBodyGets413WithMlflowErrorJson() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxRequestBytes(100);
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"), options)) {
            String answer = exchange(
                    s.server.port(),
                    "POST /invocations HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            JsonNode error = RecordedExchangesTest.JSON.readTree(body(answer));
            assertEquals("BAD_REQUEST", error.get("error_code").asText());
            assertTrue(
                    error.get("message")
                            .asText()
                            .contains("(5000 bytes) is larger than the server's limit of 100" + " bytes"),
                    answer);

            String unknown = exchange(
                    s.server.port(),
                    "POST /invocations HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 10\r\nExpect: something-else\r\n\r\n");
            assertTrue(unknown.startsWith("HTTP/1.1 417"), unknown);
            assertTrue(body(unknown).contains("'Expect: something-else'"), unknown);

            String small = exchange(
                    s.server.port(),
                    "POST /invocations HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + ROW.length()
                            + "\r\nExpect: 100-continue\r\n\r\n"
                            + ROW);
            assertTrue(small.startsWith("HTTP/1.1 100 Continue"), small);
            assertTrue(small.contains("HTTP/1.1 200"), small);
        }
    }

    private static void assertRefused(String answers, String reason) throws IOException {
        assertTrue(answers.startsWith("HTTP/1.1 400"), answers);
        assertEquals(
                1,
                answers.split("HTTP/1\\.1 ", -1).length - 1,
                "one answer only, then the connection closed: " + answers);
        assertFalse(answers.contains(Versions.MLFLOW_FORMAT), "the hidden request was answered: " + answers);
        assertTrue(answers.toLowerCase(Locale.ROOT).contains("connection: close"), answers);
        JsonNode error = RecordedExchangesTest.JSON.readTree(body(answers));
        assertEquals("BAD_REQUEST", error.get("error_code").asText());
        assertTrue(error.get("message").asText().contains(reason), answers);
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    /** Sends the bytes and reads until the server closes the connection (10 s at most). */
    static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = socket.getInputStream().read(buffer);
                        n >= 0;
                        n = socket.getInputStream().read(buffer)) {
                    read.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a reset after the answer: what was read counts
            }
            return read.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
