package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlflow4j serve} as a process: it serves on 127.0.0.1, answers, and stops on SIGTERM. */
class ServeProcessTest {
    @Test
    void servesUntilTerminatedAndStopsCleanly(@TempDir Path dir) throws Exception {
        Path model = MainTest.saveIrisModel(dir);
        Process process = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "-m",
                        model.toString(),
                        "-p",
                        "0",
                        "-w",
                        "2",
                        "--max-connections",
                        "2",
                        "--header-timeout",
                        "5")
                .start();
        try {
            StringBuffer log = new StringBuffer();
            Thread reader = new Thread(() -> {
                try (BufferedReader stderr =
                        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                        log.append(line).append('\n');
                    }
                } catch (IOException e) {
                    log.append("(stderr closed)\n");
                }
            });
            reader.start();
            String url = null;
            Pattern listening = Pattern.compile("Listening at (http://127\\.0\\.0\\.1:\\d+)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (url == null && System.nanoTime() < deadline) {
                Matcher m = listening.matcher(log);
                if (m.find()) {
                    url = m.group(1);
                } else {
                    Thread.sleep(50);
                }
            }
            assertNotNull(url, "no 'Listening at' line on stderr:\n" + log);

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> ping = client.send(
                    HttpRequest.newBuilder(URI.create(url + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            HttpResponse<String> prediction = client.send(
                    HttpRequest.newBuilder(URI.create(url + "/invocations"))
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "sepal_length,sepal_width,petal_length,petal_width\n5.0,3.4,1.5,0.2\n"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, prediction.statusCode(), prediction.body());
            assertTrue(
                    prediction.body().startsWith("{\"predictions\": [{\"species\": \"setosa\", \"probability\": "),
                    prediction.body());

            int port = URI.create(url).getPort();
            // the third connects only once the second is answered: connections are admitted in the order the
            // server's event loops take them, which is not the order of two connects made at once
            try (Socket second = new Socket("127.0.0.1", port)) {
                second.setSoTimeout(10_000);
                second.getOutputStream()
                        .write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(
                        new String(second.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)
                                .equals("HTTP/1.1 200"),
                        "the client's connection and this one are under --max-connections 2");
                try (Socket third = new Socket("127.0.0.1", port)) {
                    third.setSoTimeout(10_000);
                    String refused = new String(third.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(refused.startsWith("HTTP/1.1 503") && refused.contains("2 connections open"), refused);
                }
            }

            // SIGTERM by pid: Process.destroy() would also close our end of its stderr.
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid()))
                            .start()
                            .waitFor());
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server stops after SIGTERM");
            reader.join(5000);
            assertTrue(log.toString().contains("Scoring server on port"), "graceful shutdown logged:\n" + log);
            assertTrue(log.toString().contains("stopped"), "graceful shutdown logged:\n" + log);
        } finally {
            process.destroyForcibly();
        }
    }
}
