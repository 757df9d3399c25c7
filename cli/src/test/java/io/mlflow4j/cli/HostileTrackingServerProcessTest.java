package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code mlflow4j inspect} against a tracking server on 127.0.0.1 whose JSON answer trickles one
 * byte at a time and never ends: the command stops at MLFLOW_HTTP_REQUEST_TIMEOUT, exits 1 and
 * says which setting to raise.
 */
class HostileTrackingServerProcessTest {
    @Test
    void anAnswerThatExhaustsTheHeapEndsTheProcess() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        server.setExecutor(threads);
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, 0);
                out.write("{\"run\": \"".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 100_000; i++) { // at most 6.4 GB, or until the client goes away
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client went away
            }
        });
        server.start();
        try {
            // a cap far above the heap: the heap runs out first, and the process must still end
            ProcessBuilder builder = new ProcessBuilder(
                            Paths.get(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx64m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "inspect",
                            "-m",
                            "runs:/0123456789abcdef0123456789abcdef/model")
                    .redirectErrorStream(true);
            builder.environment()
                    .put(
                            "MLFLOW_TRACKING_URI",
                            "http://127.0.0.1:" + server.getAddress().getPort());
            builder.environment().put("MLFLOW4J_HTTP_MAX_JSON_BYTES", "2000000000");
            builder.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
            Process process = builder.start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
                assertEquals(1, process.exitValue(), output);
                assertTrue(output.contains("OutOfMemoryError"), output);
                assertTrue(output.contains("Raise the heap (-Xmx)"), output);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void inspectStopsATricklingAnswerAtTheTimeout() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                out.write('{');
                for (int i = 0; i < 600; i++) { // at most a minute, or until the client goes away
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the client stopped reading
            }
        });
        server.start();
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            Paths.get(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "inspect",
                            "-m",
                            "runs:/0123456789abcdef0123456789abcdef/model")
                    .redirectErrorStream(true);
            builder.environment()
                    .put(
                            "MLFLOW_TRACKING_URI",
                            "http://127.0.0.1:" + server.getAddress().getPort());
            builder.environment().put("MLFLOW_HTTP_REQUEST_TIMEOUT", "3");
            builder.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
            Process process = builder.start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
                assertEquals(1, process.exitValue(), output);
                // the first request it makes (the server's /version, to know MLflow 2 from 3) trickles
                assertTrue(output.matches("(?s).*did not finish its answer to GET /\\S+ within 3\\.0 s.*"), output);
                assertTrue(output.contains("MLFLOW_HTTP_REQUEST_TIMEOUT"), output);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
