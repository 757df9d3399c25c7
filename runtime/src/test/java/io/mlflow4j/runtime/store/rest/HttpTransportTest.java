package io.mlflow4j.runtime.store.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.TrackingStores;
import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, TLS with certificates made in the test, retries and timeouts, against the test server. */
class HttpTransportTest {
    private static final String TOKEN = "s3cr3t-t0ken-value";
    private static final String PASSWORD = "pa55-w0rd-value";

    @TempDir
    Path tmp;

    FakeTrackingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, String> quick(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                HttpSettings.MAX_RETRIES_ENV,
                "3",
                HttpSettings.BACKOFF_FACTOR_ENV,
                "0.01",
                HttpSettings.BACKOFF_JITTER_ENV,
                "0",
                HttpSettings.TIMEOUT_ENV,
                "5"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private RestTrackingStore store(Map<String, String> env) {
        return new RestTrackingStore(server.uri(), HttpSettings.fromEnvironment(env));
    }

    private FakeTrackingServer http() throws IOException {
        return server = FakeTrackingServer.start(Files.createDirectories(tmp.resolve("server")));
    }

    // ---- authentication ----

    @Test
    void bearerTokenIsSentAndNeverShown() throws IOException {
        http().requireAuthorization("Bearer " + TOKEN);
        store(quick(HttpAuth.TOKEN_ENV, TOKEN, HttpAuth.USERNAME_ENV, "ignored"))
                .getOrCreateExperiment("e");
        assertTrue(server.requests().stream().allMatch(r -> ("Bearer " + TOKEN).equals(r.authorization())));

        MlflowException e = assertThrows(
                MlflowException.class,
                () -> store(quick(HttpAuth.TOKEN_ENV, "wrong-" + TOKEN)).getOrCreateExperiment("e"));
        assertEquals(MlflowException.ErrorCode.UNAUTHENTICATED, e.errorCode());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("MLFLOW_TRACKING_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(HttpSettings.fromEnvironment(quick(HttpAuth.TOKEN_ENV, TOKEN))
                .toString()
                .contains(TOKEN));
    }

    @Test
    void basicAuthFromUserNameAndPassword() throws IOException {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        http().requireAuthorization(expected);
        store(quick(HttpAuth.USERNAME_ENV, "alice", HttpAuth.PASSWORD_ENV, PASSWORD))
                .getOrCreateExperiment("e");
        assertEquals(expected, server.requests().get(0).authorization());
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> store(quick(HttpAuth.USERNAME_ENV, "alice", HttpAuth.PASSWORD_ENV, "nope"))
                        .getOrCreateExperiment("e"));
        assertFalse(e.getMessage().contains("nope") || e.getMessage().contains(PASSWORD), e.getMessage());
        assertTrue(e.getMessage().contains("basic"), e.getMessage());
    }

    @Test
    void userInfoInTheTrackingUriNeverAppearsInMessages() throws IOException {
        http();
        URI withUser = URI.create(
                "http://bob:" + PASSWORD + "@127.0.0.1:" + server.uri().getPort());
        RestTrackingStore store = new RestTrackingStore(withUser, HttpSettings.fromEnvironment(quick()));
        assertFalse(store.trackingUri().contains(PASSWORD));
        store.getExperiment("0");
        assertEquals(
                "Basic " + Base64.getEncoder().encodeToString(("bob:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                server.requests().get(0).authorization(),
                "user info is basic authentication, as in requests");
        MlflowException e = assertThrows(MlflowException.class, () -> store.getExperiment("999"));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertTrue(e.getMessage().contains("RESOURCE_DOES_NOT_EXIST"), e.getMessage());
    }

    @Test
    void trackingStoresPicksTheRestStoreForHttpUris() {
        assertTrue(TrackingStores.forUri("http://127.0.0.1:1") instanceof RestTrackingStore);
        assertTrue(TrackingStores.forUri("https://127.0.0.1:1/prefix") instanceof RestTrackingStore);
        MlflowException e =
                assertThrows(MlflowException.class, () -> TrackingStores.forUri("databricks://x:" + PASSWORD + "@h"));
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    // ---- retries and timeouts ----

    @Test
    void transientStatusesAndDroppedConnectionsAreRetried() throws IOException {
        http();
        RestTrackingStore store = store(quick());
        server.failNext("/api/2.0/mlflow/experiments/get-by-name", 2, 503);
        server.failNext("/api/2.0/mlflow/experiments/create", 1, 429);
        server.failNext("/api/2.0/mlflow/runs/create", 2, 0); // connection closed without an answer
        String experimentId = store.getOrCreateExperiment("e").experimentId();
        String runId = store.createRun(experimentId, "r", "u", 1L, Map.of()).runId();
        Path file = Files.write(tmp.resolve("f.bin"), new byte[300_000]);
        server.failNext("/api/2.0/mlflow-artifacts/artifacts/", 1, 500);
        server.failNext("/api/2.0/mlflow-artifacts/artifacts/", 1, 0);
        store.logArtifact(runId, file, "dir");
        assertEquals(300_000, Files.size(server.artifact(experimentId + "/" + runId + "/artifacts/dir/f.bin")));
        assertEquals(
                3,
                server.requests().stream()
                        .filter(r -> r.path().endsWith("get-by-name"))
                        .count());
        assertEquals(
                3,
                server.requests().stream()
                        .filter(r -> r.path().endsWith("runs/create"))
                        .count());
        assertEquals(List.of(), server.violations());
    }

    @Test
    void retriesAreBoundedAndTheErrorSaysWhatToCheck() throws IOException {
        http();
        server.failNext("/api/2.0/mlflow/experiments/get", 10, 503);
        long start = System.nanoTime();
        MlflowException e =
                assertThrows(MlflowException.class, () -> store(quick()).getExperiment("0"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        assertEquals(4, server.requests().size(), "the request and 3 retries");
        assertTrue(e.getMessage().contains("503"), e.getMessage());

        server.close();
        MlflowException down =
                assertThrows(MlflowException.class, () -> store(quick()).getExperiment("0"));
        assertEquals(MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE, down.errorCode());
        assertTrue(down.getMessage().contains("4 attempts"), down.getMessage());
        assertTrue(down.getMessage().contains("MLFLOW_TRACKING_URI"), down.getMessage());
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        http().failNext("/api/2.0/mlflow/experiments/get", 1, 307);
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> store(quick(HttpAuth.TOKEN_ENV, TOKEN)).getExperiment("0"));
        assertTrue(e.getMessage().contains("307"), e.getMessage());
        assertEquals(1, server.requests().size(), "not followed, not retried");
    }

    @Test
    void clientErrorsAreNotRetried() throws IOException {
        http();
        MlflowException e =
                assertThrows(MlflowException.class, () -> store(quick()).getExperiment("42"));
        assertEquals(MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST, e.errorCode());
        assertEquals(1, server.requests().size());
    }

    @Test
    void backoffFollowsMlflowsFormulaWithACap() {
        RetryPolicy policy = new RetryPolicy(7, 2, 0);
        assertEquals(Duration.ofSeconds(2), policy.delay(1));
        assertEquals(Duration.ofSeconds(4), policy.delay(2));
        assertEquals(Duration.ofSeconds(64), policy.delay(6));
        assertEquals(Duration.ofSeconds(120), policy.delay(7), "capped as urllib3 caps it");
        HttpSettings defaults = HttpSettings.fromEnvironment(Map.of());
        assertEquals(new RetryPolicy(7, 2, 1.0), defaults.retry());
        assertEquals(Duration.ofSeconds(120), defaults.timeout());
        MlflowException bad = assertThrows(
                MlflowException.class,
                () -> HttpSettings.fromEnvironment(Map.of(HttpSettings.MAX_RETRIES_ENV, "many")));
        assertTrue(bad.getMessage().contains(HttpSettings.MAX_RETRIES_ENV), bad.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = quick(HttpSettings.TIMEOUT_ENV, "0.3", HttpSettings.MAX_RETRIES_ENV, "1");
            RestTrackingStore store = new RestTrackingStore(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), HttpSettings.fromEnvironment(env));
            long start = System.nanoTime();
            MlflowException e = assertThrows(MlflowException.class, () -> store.getExperiment("0"));
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void anUploadThatStallsTimesOutInsteadOfHanging() throws IOException {
        http().stallUploads(20_000);
        RestTrackingStore store = store(quick(HttpSettings.TIMEOUT_ENV, "0.5", HttpSettings.MAX_RETRIES_ENV, "0"));
        String experimentId = store.getOrCreateExperiment("e").experimentId();
        String runId = store.createRun(experimentId, "r", "u", 1L, Map.of()).runId();
        Path big = tmp.resolve("big.bin");
        try (var out = Files.newOutputStream(big)) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }
        long start = System.nanoTime();
        MlflowException e = assertThrows(MlflowException.class, () -> store.logArtifact(runId, big, ""));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "gave up after the stall timeout");
        assertTrue(e.getMessage().contains("big.bin") && e.getMessage().contains("timed out"), e.getMessage());
    }

    // ---- TLS ----

    private Path keytool(String... args) throws Exception {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .directory(tmp.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return tmp;
    }

    private void selfSigned(String alias, String cn) throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + cn,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                alias + ".p12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                alias,
                "-keystore",
                alias + ".p12",
                "-storepass",
                "changeit",
                "-file",
                alias + ".pem");
    }

    private KeyStore load(String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tmp.resolve(alias + ".p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    private SSLContext serverContext(KeyStore trustedClients) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load("server"), "changeit".toCharArray());
        TrustManagerFactory tmf = null;
        if (trustedClients != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustedClients);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void httpsWithTheServersCertificateOrInsecureTls() throws Exception {
        selfSigned("server", "127.0.0.1");
        server = FakeTrackingServer.startHttps(
                Files.createDirectories(tmp.resolve("server")), serverContext(null), false);
        String pem = tmp.resolve("server.pem").toString();

        assertEquals(
                "0",
                store(quick(TlsSettings.SERVER_CERT_ENV, pem))
                        .getExperiment("0")
                        .experimentId());
        assertEquals(
                "0",
                store(quick(TlsSettings.INSECURE_ENV, "true"))
                        .getExperiment("0")
                        .experimentId());

        MlflowException untrusted = assertThrows(
                MlflowException.class,
                () -> store(quick(HttpSettings.MAX_RETRIES_ENV, "0")).getExperiment("0"));
        assertTrue(untrusted.getMessage().contains(server.uri().toString()), untrusted.getMessage());

        MlflowException both = assertThrows(
                MlflowException.class,
                () -> HttpSettings.fromEnvironment(
                        quick(TlsSettings.SERVER_CERT_ENV, pem, TlsSettings.INSECURE_ENV, "true")));
        assertTrue(both.getMessage().contains("Unset one"), both.getMessage());
        MlflowException missing = assertThrows(
                MlflowException.class,
                () -> store(quick(
                        TlsSettings.SERVER_CERT_ENV, tmp.resolve("nope.pem").toString())));
        assertTrue(missing.getMessage().contains(TlsSettings.SERVER_CERT_ENV), missing.getMessage());
    }

    @Test
    void clientCertificateFromAPemFileWithTheKey() throws Exception {
        selfSigned("server", "127.0.0.1");
        selfSigned("client", "mlflow4j-test-client");
        KeyStore client = load("client");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", client.getCertificate("client"));
        server = FakeTrackingServer.startHttps(
                Files.createDirectories(tmp.resolve("server")), serverContext(trusted), true);

        Certificate cert = client.getCertificate("client");
        Key key = client.getKey("client", "changeit".toCharArray());
        Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path pem = Files.writeString(
                tmp.resolve("client-with-key.pem"),
                "-----BEGIN CERTIFICATE-----\n" + mime.encodeToString(cert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n" + "-----BEGIN PRIVATE KEY-----\n"
                        + mime.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String serverPem = tmp.resolve("server.pem").toString();

        assertEquals(
                "0",
                store(quick(TlsSettings.SERVER_CERT_ENV, serverPem, TlsSettings.CLIENT_CERT_ENV, pem.toString()))
                        .getExperiment("0")
                        .experimentId());
        assertThrows(
                MlflowException.class,
                () -> store(quick(TlsSettings.SERVER_CERT_ENV, serverPem, HttpSettings.MAX_RETRIES_ENV, "0"))
                        .getExperiment("0"));
    }
}
