package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracking server that misbehaves, on 127.0.0.1: answers that trickle or never end, artifact
 * bodies longer or shorter than listed or stalling, listings that name the folder itself, and a
 * run whose artifacts are on another host. Where the timeout matters it is short (2 s), so the
 * faults show quickly; elsewhere it is long, as the machine running the tests may be busy.
 */
class HostileServerTest {
    private static final String TOKEN = "t0ken-for-the-tracking-server";
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

    @TempDir
    Path tmp;

    FakeTrackingServer server;
    FakeTrackingServer other;

    @BeforeEach
    void start() throws IOException {
        server = FakeTrackingServer.start(Files.createDirectories(tmp.resolve("server")));
    }

    @AfterEach
    void stop() {
        server.close();
        if (other != null) {
            other.close();
        }
    }

    private RestTrackingStore store(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                HttpSettings.MAX_RETRIES_ENV,
                "0",
                HttpSettings.BACKOFF_FACTOR_ENV,
                "0.01",
                HttpSettings.BACKOFF_JITTER_ENV,
                "0",
                HttpSettings.TIMEOUT_ENV,
                "30"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new RestTrackingStore(server.uri(), HttpSettings.fromEnvironment(env));
    }

    /** A run with {@code dir/f.bin} of {@code size} bytes; returns the run id. */
    private String runWithFile(RestTrackingStore store, int size) throws IOException {
        String experimentId = store.getOrCreateExperiment("e").experimentId();
        String runId = store.createRun(experimentId, "r", "u", 1L, Map.of()).runId();
        store.logArtifact(runId, Files.write(tmp.resolve("f.bin"), new byte[size]), "dir");
        return runId;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code chunk} up to {@code times} times, until the client goes away. */
    private static void writeRepeatedly(HttpExchange ex, byte[] head, byte[] chunk, int times, long pauseMillis) {
        try (OutputStream out = ex.getResponseBody()) {
            ex.sendResponseHeaders(200, 0); // chunked: no length, no end
            out.write(head);
            out.flush();
            for (int i = 0; i < times; i++) {
                out.write(chunk);
                out.flush();
                sleep(pauseMillis);
            }
        } catch (IOException e) {
            // the client stopped reading: what the test wants
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    // ---- credentials (item 8) ----

    @Test
    void credentialsGoOnlyToTheTrackingServersOrigin() throws IOException {
        other = FakeTrackingServer.start(Files.createDirectories(tmp.resolve("other")));
        server.requireAuthorization("Bearer " + TOKEN);
        RestTrackingStore store = store(HttpAuth.TOKEN_ENV, TOKEN);
        String elsewhere = "mlflow-artifacts://127.0.0.1:" + other.uri().getPort() + "/elsewhere";
        String experimentId = store.client()
                .post("/api/2.0/mlflow/experiments/create", Map.of("name", "e", "artifact_location", elsewhere))
                .path("experiment_id")
                .asText();
        String runId = store.createRun(experimentId, "r", "u", 1L, Map.of()).runId();
        store.logArtifact(runId, Files.writeString(tmp.resolve("a.txt"), "artifact"), "dir");
        Path downloaded = store.downloadArtifacts(runId, "dir");

        assertEquals("artifact", Files.readString(downloaded.resolve("a.txt")));
        assertFalse(other.requests().isEmpty());
        assertTrue(
                other.requests().stream().allMatch(r -> r.authorization() == null),
                "no Authorization header to another host: " + other.requests());
        assertTrue(server.requests().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.authorization())));

        // the tracking server's own origin, named explicitly, still gets them
        String self = "mlflow-artifacts://127.0.0.1:" + server.uri().getPort() + "/self";
        String selfExperiment = store.client()
                .post("/api/2.0/mlflow/experiments/create", Map.of("name", "s", "artifact_location", self))
                .path("experiment_id")
                .asText();
        String selfRun = store.createRun(selfExperiment, "r", "u", 1L, Map.of()).runId();
        store.logArtifact(selfRun, tmp.resolve("a.txt"), "dir");
        assertEquals(
                "artifact",
                Files.readString(store.downloadArtifacts(selfRun, "dir").resolve("a.txt")));
    }

    // ---- listings (item 9) ----

    private void listing(String entries) {
        server.override("GET", ARTIFACTS, (ex, q) -> {
            if (!ex.getRequestURI().getPath().equals(ARTIFACTS)) {
                return false;
            }
            byte[] body = ("{\"files\": [" + entries + "]}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            return true;
        });
    }

    @Test
    void aListingEntryNamingTheFolderItselfOrAPlaceOutsideIsRefused() throws IOException {
        RestTrackingStore store = store();
        String runId = runWithFile(store, 10);
        String listed = store.getRun(runId).experimentId() + "/" + runId + "/artifacts/dir";
        for (String entry : List.of(listed + "/", "", "/", ".", "..", "../../etc", "/etc/passwd", "other/dir/x")) {
            server.clearOverrides();
            server.clearRequests();
            listing("{\"path\": \"" + entry + "\", \"is_dir\": true}");
            MlflowException e = assertThrows(MlflowException.class, () -> store.downloadArtifacts(runId, "dir"), entry);
            assertTrue(
                    e.getMessage().contains("has the entry '" + entry + "', which is not a file or folder inside it"),
                    e.getMessage());
            assertTrue(server.requests().size() <= 2, "no recursion: " + server.requests());
        }
        server.clearOverrides();
        listing("{\"path\": \"dir/f.bin\", \"is_dir\": false, \"file_size\": 10}");
        assertEquals(
                10,
                Files.size(store.downloadArtifacts(runId, "dir").resolve("f.bin")),
                "a path from the run's root, inside the folder, is fine");
    }

    @Test
    void aFolderListedInsideItselfForEverStopsAtABoundedDepth() throws IOException {
        RestTrackingStore store = store();
        String runId = runWithFile(store, 10);
        listing("{\"path\": \"loop\", \"is_dir\": true}");
        MlflowException e = assertThrows(MlflowException.class, () -> store.downloadArtifacts(runId, "dir"));
        assertTrue(e.getMessage().contains("folders deep"), e.getMessage());
        assertTrue(server.requests().size() < MlflowArtifactsRepository.MAX_DEPTH + 10, "bounded");
    }

    // ---- answers without end (item 7) ----

    @Test
    void aJsonAnswerTricklingPastTheTimeoutFailsAndSaysWhichSettingToRaise() {
        server.override("GET", "/api/2.0/mlflow/experiments/get", (ex, q) -> {
            writeRepeatedly(ex, "{".getBytes(StandardCharsets.UTF_8), " ".getBytes(StandardCharsets.UTF_8), 60, 100);
            return true;
        });
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> store(HttpSettings.TIMEOUT_ENV, "2").getExperiment("0"));
        assertEquals(MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE, e.errorCode());
        assertTrue(
                e.getMessage()
                        .contains("did not finish its answer to GET /api/2.0/mlflow/experiments/get within 2.0 s"),
                e.getMessage());
        assertTrue(e.getMessage().contains(HttpSettings.TIMEOUT_ENV), e.getMessage());
    }

    @Test
    void anEndlessJsonAnswerStopsAtTheCap() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        server.override("GET", "/api/2.0/mlflow/experiments/get", (ex, q) -> {
            writeRepeatedly(ex, "{\"experiment\": {\"name\": \"".getBytes(StandardCharsets.UTF_8), chunk, 10_000, 0);
            return true;
        });
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> store(HttpSettings.MAX_JSON_BYTES_ENV, "1048576").getExperiment("0"));
        assertTrue(e.getMessage().contains("with more than 1048576 bytes of JSON"), e.getMessage());
        assertTrue(e.getMessage().contains(HttpSettings.MAX_JSON_BYTES_ENV), e.getMessage());
    }

    @Test
    void aJsonStringOver20MbUnderTheCapIsRead() {
        String name = "n".repeat(21 * 1024 * 1024); // over Jackson's default maxStringLength (20,000,000)
        server.override("GET", "/api/2.0/mlflow/experiments/get", (ex, q) -> {
            byte[] body = ("{\"experiment\": {\"experiment_id\": \"0\", \"name\": \"" + name
                            + "\", \"lifecycle_stage\": \"active\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
            return true;
        });
        assertEquals(name.length(), store().getExperiment("0").name().length());
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> store(HttpSettings.MAX_JSON_BYTES_ENV, "10000000").getExperiment("0"));
        assertTrue(
                e.getMessage().contains(HttpSettings.MAX_JSON_BYTES_ENV),
                "our limit, not Jackson's: " + e.getMessage());
    }

    @Test
    void anArtifactLongerThanListedIsCutOffAndNotKept() throws IOException {
        RestTrackingStore store = store();
        String runId = runWithFile(store, 1000);
        server.override("GET", ARTIFACTS + "/", (ex, q) -> {
            writeRepeatedly(ex, new byte[0], new byte[64 * 1024], 100_000, 0);
            return true;
        });
        MlflowException e = assertThrows(MlflowException.class, () -> store.downloadArtifacts(runId, "dir"));
        assertTrue(e.getMessage().contains("/artifacts/dir/f.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 1000 bytes its listing gives"), e.getMessage());
    }

    @Test
    void aSingleFileDownloadIsBoundedByItsFoldersListing() throws IOException {
        RestTrackingStore store = store();
        String runId = runWithFile(store, 1000);
        server.override("GET", ARTIFACTS + "/", (ex, q) -> {
            writeRepeatedly(ex, new byte[0], new byte[64 * 1024], 100_000, 0);
            return true;
        });
        MlflowException e = assertThrows(MlflowException.class, () -> store.downloadArtifacts(runId, "dir/f.bin"));
        assertTrue(e.getMessage().contains("more than the 1000 bytes its listing gives"), e.getMessage());
    }

    @Test
    void aTruncatedArtifactIsAnErrorNamingTheFile() throws IOException {
        RestTrackingStore store = store();
        String runId = runWithFile(store, 1000);
        server.override("GET", ARTIFACTS + "/", (ex, q) -> {
            writeRepeatedly(ex, new byte[0], new byte[100], 5, 0); // ends cleanly after 500 bytes
            return true;
        });
        MlflowException e = assertThrows(MlflowException.class, () -> store.downloadArtifacts(runId, "dir"));
        assertTrue(e.getMessage().contains("/artifacts/dir/f.bin"), e.getMessage());
        assertTrue(
                e.getMessage().contains("was cut short: the body ended after 500 of the 1000 bytes"), e.getMessage());
    }

    @Test
    void aStalledDownloadSaysWhichFileStalledForHowLongAndWhatToRaise() throws IOException {
        RestTrackingStore store = store();
        String runId = runWithFile(store, 1000);
        server.override("GET", ARTIFACTS + "/", (ex, q) -> {
            writeRepeatedly(ex, new byte[10], new byte[0], 1, 6000);
            return true;
        });
        RestTrackingStore impatient = store(HttpSettings.TIMEOUT_ENV, "2");
        MlflowException e = assertThrows(MlflowException.class, () -> impatient.downloadArtifacts(runId, "dir"));
        assertTrue(e.getMessage().contains("/artifacts/dir/f.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("stalled: no byte arrived for 2.0 s (after 10 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("raise " + HttpSettings.TIMEOUT_ENV), e.getMessage());
    }
}
