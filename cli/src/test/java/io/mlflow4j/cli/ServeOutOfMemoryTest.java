package io.mlflow4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

/**
 * {@code mlflow4j serve} in a JVM with a 64 MB heap, sent a body whose parsing needs more: the
 * process must exit (status 3, with a message) rather than stay up and possibly deaf.
 */
class ServeOutOfMemoryTest {
    @Test
    void outOfMemoryEndsTheProcessWithAClearMessage(@TempDir Path dir) throws Exception {
        Path model = MainTest.saveIrisModel(dir);
        Process process = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "-m",
                        model.toString(),
                        "-p",
                        "0",
                        "-w",
                        "1",
                        "--max-request-size",
                        "100000000")
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
            for (int i = 0; i < 600 && url == null; i++) {
                Matcher m = listening.matcher(log);
                if (m.find()) {
                    url = m.group(1);
                } else {
                    Thread.sleep(50);
                }
            }
            assertNotNull(url, "no 'Listening at' line on stderr:\n" + log);

            StringBuilder body =
                    new StringBuilder("{\"dataframe_split\": {\"columns\": [\"sepal_length\", \"sepal_width\","
                            + " \"petal_length\", \"petal_width\"], \"data\": [[5.1, 3.5, 1.4, 0.2]");
            while (body.length() < 20_000_000) {
                body.append(", [5.1, 3.5, 1.4, 0.2]");
            }
            body.append("]}}");
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url + "/invocations"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(60))
                                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                log.append("(answered ").append(answer.statusCode()).append(")\n");
            } catch (IOException expected) {
                // the process went away while answering
            }
            assertTrue(
                    process.waitFor(60, TimeUnit.SECONDS),
                    "the server is still running after running out of memory:\n" + log);
            reader.join(5000);
            assertEquals(3, process.exitValue(), log.toString());
            assertTrue(
                    log.toString()
                            .contains("mlflow4j scoring server: out of memory (Java heap space); exiting with"
                                    + " status 3 so that a supervisor can restart it."),
                    log.toString());
        } finally {
            process.destroyForcibly();
        }
    }
}
