package io.mlflow4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.scoring.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that hold connections: headers sent a byte at a time, and more connections than the cap. */
class SlowClientsTest {
    @TempDir
    Path dir;

    @Test
    void headersTricklingInPastTheHeaderTimeoutDropTheConnection() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withHeaderTimeout(Duration.ofMillis(500));
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"), options);
                Socket first = new Socket("127.0.0.1", s.server.port());
                Socket second = new Socket("127.0.0.1", s.server.port())) {
            assertTrue(trickleUntilDropped(first), "the first request's headers, a byte at a time");

            String ping = "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n";
            second.getOutputStream().write(ping.getBytes(StandardCharsets.US_ASCII));
            second.setSoTimeout(10_000);
            byte[] answer = new byte[256];
            int n = second.getInputStream().read(answer);
            assertTrue(new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            assertTrue(trickleUntilDropped(second), "the next request on a kept-alive connection, a byte at a time");

            assertEquals(200, s.get("/ping").status(), "the server carries on");
        }
    }

    /**
     * Sends a never-ending header a byte every 50 ms, for at most 30 s (the idle timeout, which
     * the trickle keeps resetting); true when the server closed the connection before that.
     */
    private static boolean trickleUntilDropped(Socket socket) throws IOException {
        byte[] header = "GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        socket.setSoTimeout(50);
        InputStream in = socket.getInputStream();
        for (int i = 0; i < 600; i++) {
            try {
                socket.getOutputStream().write(i < header.length ? header[i] : 'a');
                socket.getOutputStream().flush();
                if (in.read() == -1) {
                    return true;
                }
                throw new AssertionError("the server answered headers that were not complete");
            } catch (SocketTimeoutException stillOpen) {
                // no answer yet: send the next byte
            } catch (SocketException closed) {
                return true;
            }
        }
        return false;
    }

    @Test
    void connectionsOverTheCapGet503AndCloseWhileTheOthersAreServed() throws Exception {
        ScoringServerOptions options =
                ScoringServerOptions.defaults().withPort(0).withMaxConnections(3);
        List<Socket> held = new ArrayList<>();
        try (Served s = Served.save(new TestModels.Linear(), dir.resolve("m"), options)) {
            for (int i = 0; i < 3; i++) {
                held.add(new Socket("127.0.0.1", s.server.port()));
                assertTrue(ping(held.get(i)), "connection " + i + " is under the cap"); // admitted before the next one
            }
            try (Socket over = new Socket("127.0.0.1", s.server.port())) {
                over.setSoTimeout(10_000);
                String answer = new String(over.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
                JsonNode error = RecordedExchangesTest.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals("TEMPORARILY_UNAVAILABLE", error.get("error_code").asText());
                assertTrue(error.get("message").asText().contains("3 connections open, its limit"), answer);
            }

            assertTrue(ping(held.get(0)), "held connections are still served");

            held.remove(1).close();
            assertTrue(pingsWithin(s, 100), "a closed connection frees its place");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static boolean ping(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = new byte[256];
        int n = socket.getInputStream().read(answer);
        return n > 0 && new String(answer, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    }

    /** Tries a new connection up to {@code attempts} times, 50 ms apart (the server counts a close asynchronously). */
    private static boolean pingsWithin(Served s, int attempts) throws Exception {
        for (int i = 0; i < attempts; i++) {
            try {
                if (s.get("/ping").status() == 200) {
                    return true;
                }
            } catch (IOException refused) {
                // still counted: retry
            }
            Thread.sleep(50);
        }
        return false;
    }
}
