package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.Versions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to one MLflow tracking server, with what every call needs: the Authorization header,
 * TLS settings, a timeout, retries with exponential back-off on connection errors and transient
 * statuses (408, 429, 5xx), and MLflow's error JSON turned into {@link RestException}s. File
 * uploads and downloads are streamed from and to disk, so their size does not matter for the heap.
 *
 * <p>Messages name the server by scheme, host and port only: no user info, no credentials.
 */
final class RestClient {
    private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The most of an error answer read for its message. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private static final int TRANSFER_BUFFER = 256 * 1024;

    private final URI base;
    private final String basePath;
    private final HttpSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final String userAgent = "mlflow4j/" + Versions.mlflow4j();

    public RestClient(URI trackingUri, HttpSettings settings) {
        String scheme =
                trackingUri.getScheme() == null ? "" : trackingUri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https") || trackingUri.getHost() == null) {
            throw MlflowException.invalidParameter("Tracking URI '" + redact(trackingUri) + "' is not an http:// or"
                    + " https:// URI with a host, such as http://localhost:5000.");
        }
        this.base = URI.create(scheme + "://" + trackingUri.getRawAuthority().replaceFirst("^.*@", ""));
        String path = trackingUri.getRawPath() == null ? "" : trackingUri.getRawPath();
        this.basePath = path.replaceAll("/+$", "");
        this.settings = withUserInfo(settings, trackingUri.getRawUserInfo());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER); // never carry credentials to another place
        if (scheme.equals("https")) {
            builder.sslContext(settings.tls().sslContext());
        }
        this.http = builder.build();
        this.json = ResponseJson.mapper(settings.maxJsonBytes());
    }

    /**
     * {@code http://user:password@host} as Python's {@code requests} reads it: basic
     * authentication, unless MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME set another.
     */
    private static HttpSettings withUserInfo(HttpSettings settings, String rawUserInfo) {
        if (rawUserInfo == null
                || rawUserInfo.isEmpty()
                || settings.auth().headerValue().isPresent()) {
            return settings;
        }
        int colon = rawUserInfo.indexOf(':');
        String user =
                URLDecoder.decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon), StandardCharsets.UTF_8);
        String password = colon < 0 ? "" : URLDecoder.decode(rawUserInfo.substring(colon + 1), StandardCharsets.UTF_8);
        return settings.withAuth(HttpAuth.basic(user, password));
    }

    /** The server as {@code scheme://host:port}, for messages. */
    public String server() {
        return base.toString();
    }

    public HttpSettings settings() {
        return settings;
    }

    /**
     * Whether {@code authority} ({@code host[:port]}, as in an {@code mlflow-artifacts://} URI)
     * is this server's origin: the same host and port under this client's scheme.
     */
    boolean isOrigin(String authority) {
        URI other = URI.create(base.getScheme() + "://" + authority.replaceFirst("^.*@", ""));
        return other.getHost() != null && other.getHost().equalsIgnoreCase(base.getHost()) && port(other) == port(base);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    /** The tracking URI with any user info and query removed. */
    static String redact(URI uri) {
        String text = uri.toString();
        return text.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1").replaceFirst("\\?.*$", "");
    }

    // ---- JSON calls ----

    public JsonNode get(String path, Map<String, String> query) {
        String q = query.isEmpty()
                ? ""
                : "?"
                        + query.entrySet().stream()
                                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                                .collect(Collectors.joining("&"));
        return json("GET", path + q, null);
    }

    public JsonNode post(String path, Object body) {
        return json("POST", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return json("PATCH", path, body);
    }

    public JsonNode delete(String path) {
        return json("DELETE", path, null);
    }

    /** A DELETE with a JSON body, as MLflow's client sends its delete calls (the server reads the body). */
    public JsonNode delete(String path, Object body) {
        return json("DELETE", path, body);
    }

    /** A plain-text GET, such as the server's {@code /version}: bounded as a JSON answer is. */
    public String getText(String path) {
        Answer<InputStream> response = send(
                "GET",
                path,
                watchdog -> request(path).timeout(settings.timeout()).GET(),
                HttpResponse.BodyHandlers.ofInputStream(),
                null);
        return new String(readJsonBody("GET", path, response), StandardCharsets.UTF_8).strip();
    }

    private JsonNode json(String method, String pathAndQuery, Object body) {
        byte[] bytes;
        try {
            bytes = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer<InputStream> response = send(
                method,
                pathAndQuery,
                watchdog -> {
                    HttpRequest.Builder request = request(pathAndQuery).timeout(settings.timeout());
                    if (bytes == null) {
                        return request.method(method, HttpRequest.BodyPublishers.noBody());
                    }
                    return request.header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
                },
                HttpResponse.BodyHandlers.ofInputStream(),
                null);
        byte[] answer = readJsonBody(method, pathAndQuery, response);
        try {
            return answer.length == 0 ? json.createObjectNode() : json.readTree(answer);
        } catch (IOException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "The tracking server " + server()
                            + " answered " + method + " " + pathOnly(pathAndQuery)
                            + " with something other than JSON. Is "
                            + server() + basePath + " an MLflow tracking server?",
                    e);
        }
    }

    /** The whole JSON answer, within the request's deadline and the size cap. */
    private byte[] readJsonBody(String method, String pathAndQuery, Answer<InputStream> answer) {
        Duration left = settings.timeout().minusNanos(System.nanoTime() - answer.startedNanos());
        try {
            return BoundedBody.readAll(answer.response().body(), settings.maxJsonBytes(), left, settings.timeout());
        } catch (BoundedBody.DeadlineException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The tracking server " + server()
                            + " did not finish its answer to " + method + " " + pathOnly(pathAndQuery) + " within "
                            + BoundedBody.seconds(e.deadline) + " (" + e.received
                            + " bytes arrived). Check the server, or raise "
                            + HttpSettings.TIMEOUT_ENV + " (now "
                            + settings.timeout().toSeconds() + ").",
                    e);
        } catch (BoundedBody.TooLargeException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "The tracking server " + server()
                            + " answered " + method + " " + pathOnly(pathAndQuery) + " with more than " + e.limit
                            + " bytes of JSON, so mlflow4j stopped reading. Check the server, or raise "
                            + HttpSettings.MAX_JSON_BYTES_ENV + ".",
                    e);
        } catch (IOException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "Reading the answer of the"
                            + " tracking server " + server() + " to " + method + " " + pathOnly(pathAndQuery)
                            + " failed: " + e
                            + ". Check that the server is running and reachable.",
                    e);
        }
    }

    // ---- streamed transfers ----

    /**
     * PUTs a file, streamed from disk. {@code progress} gets the count of bytes sent so far (it
     * starts again from 0 when the upload is retried).
     */
    public void putFile(String path, Path file, String contentType, LongConsumer progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e, e);
        }
        Answer<InputStream> answer = send(
                "PUT",
                path,
                watchdog -> {
                    HttpRequest.BodyPublisher file_;
                    try {
                        file_ = HttpRequest.BodyPublishers.ofFile(file);
                    } catch (FileNotFoundException e) {
                        throw new UncheckedIOException("Could not read " + file + ": " + e, e);
                    }
                    return request(path)
                            .header("Content-Type", contentType)
                            .PUT(new CountingPublisher(file_, size, progress, watchdog));
                },
                HttpResponse.BodyHandlers.ofInputStream(),
                progress);
        // the answer's deadline starts when the upload is done, however long that took
        readJsonBody("PUT", path, new Answer<>(answer.response(), System.nanoTime()));
    }

    /** GETs a file of unknown size into {@code target}; see {@link #download(String, Path, long)}. */
    public void download(String path, Path target) {
        download(path, target, -1);
    }

    /**
     * GETs a file into {@code target}, streamed to disk through a temporary file beside it. With
     * {@code expectedSize} (the listing's {@code file_size}, or -1 when unknown) a body that is
     * shorter is an error (a truncated file is never kept) and one that is longer is cut off.
     */
    public void download(String path, Path target, long expectedSize) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        for (int attempt = 0; ; attempt++) {
            Answer<InputStream> answer = send(
                    "GET",
                    path,
                    watchdog -> request(path).timeout(settings.timeout()).GET(),
                    HttpResponse.BodyHandlers.ofInputStream(),
                    null);
            long count = 0;
            StallWatchdog watchdog = null;
            try (InputStream in = answer.response().body();
                    OutputStream out = Files.newOutputStream(partial)) {
                watchdog = new StallWatchdog(settings.timeout(), () -> closeQuietly(in));
                byte[] buffer = new byte[TRANSFER_BUFFER];
                long limit = expectedSize < 0 ? Long.MAX_VALUE : expectedSize;
                for (int n;
                        (n = in.read(
                                        buffer,
                                        0,
                                        limit - count >= buffer.length ? buffer.length : (int) (limit - count + 1)))
                                >= 0; ) {
                    count += n;
                    if (count > limit) {
                        throw new BoundedBody.TooLargeException(limit);
                    }
                    out.write(buffer, 0, n);
                    watchdog.progress();
                }
                watchdog.close();
                if (expectedSize >= 0 && count < expectedSize) {
                    throw new TruncatedException(count, expectedSize);
                }
                out.close();
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (BoundedBody.TooLargeException e) {
                deleteQuietly(partial);
                throw new MlflowException(
                        MlflowException.ErrorCode.INTERNAL_ERROR,
                        "Downloading " + pathOnly(path)
                                + " from " + server() + " stopped: the server sent more than the " + expectedSize
                                + " bytes its listing gives for the file. Nothing was kept; check the artifact on the server.",
                        e);
            } catch (IOException e) {
                deleteQuietly(partial);
                boolean stalled = watchdog != null && watchdog.stalled();
                String what = stalled
                        ? "stalled: no byte arrived for " + BoundedBody.seconds(settings.timeout()) + " (after " + count
                                + " bytes). If the server or network is slow, raise " + HttpSettings.TIMEOUT_ENV
                                + " (now "
                                + settings.timeout().toSeconds() + " s)"
                        : e instanceof TruncatedException
                                ? "was cut short: " + e.getMessage()
                                : "failed after " + count + " bytes: " + e;
                if (attempt >= settings.retry().maxRetries()) {
                    throw new MlflowException(
                            MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE,
                            "Downloading "
                                    + pathOnly(path) + " from " + server() + " into " + target + " " + what + " ("
                                    + (attempt + 1)
                                    + " attempts). Check the connection"
                                    + (stalled ? "" : " and the free space in " + target.getParent()) + ".",
                            e);
                }
                LOG.info("Downloading {} from {} {}; trying again.", pathOnly(path), server(), what);
                sleep(settings.retry().delay(attempt + 1), "GET", path);
            } finally {
                if (watchdog != null) {
                    watchdog.close();
                }
            }
        }
    }

    /** The body ended before the size the listing gives. */
    private static final class TruncatedException extends IOException {
        private static final long serialVersionUID = 1L;

        TruncatedException(long received, long expected) {
            super("the body ended after " + received + " of the " + expected + " bytes the listing gives");
        }
    }

    // ---- the one place requests are sent ----

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + basePath + pathAndQuery))
                .header("User-Agent", userAgent)
                .header("Accept", "*/*");
        settings.auth().headerValue().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    /** Builds a request for one attempt; {@code watchdog} is the stall watchdog of an upload, else {@code null}. */
    private interface RequestFactory {
        HttpRequest.Builder build(StallWatchdog watchdog);
    }

    /**
     * Sends with retries. For uploads ({@code progress != null}) the timeout is a stall timeout:
     * the request fails when no byte was sent for that long, not when it takes long in total.
     */
    private <T> Answer<T> send(
            String method,
            String pathAndQuery,
            RequestFactory factory,
            HttpResponse.BodyHandler<T> handler,
            LongConsumer progress) {
        RetryPolicy retry = settings.retry();
        for (int attempt = 0; ; attempt++) {
            Exception failure;
            long started = System.nanoTime();
            try {
                HttpResponse<T> response = progress == null
                        ? http.send(factory.build(null).build(), handler)
                        : sendWatched(factory, handler);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new Answer<>(response, started);
                }
                String body = bodyText(response);
                if (MissingFileAnswer.matches(status, body)) {
                    throw error(method, pathAndQuery, status, body, MlflowException.ErrorCode.RESOURCE_DOES_NOT_EXIST);
                }
                if (!retry.isTransient(status) || attempt >= retry.maxRetries()) {
                    throw error(
                            method,
                            pathAndQuery,
                            status,
                            body + (status / 100 == 3 ? redirectHint(response) : ""),
                            null);
                }
                Duration backoff = retry.delay(attempt + 1);
                Duration wait = retryAfter(response)
                        .filter(d -> d.compareTo(backoff) > 0)
                        .map(d -> d.compareTo(RetryPolicy.MAX_BACKOFF) > 0 ? RetryPolicy.MAX_BACKOFF : d)
                        .orElse(backoff);
                LOG.info(
                        "The tracking server {} answered {} to {} {}; trying again in {} ms (retry {} of {}).",
                        server(),
                        status,
                        method,
                        pathOnly(pathAndQuery),
                        wait.toMillis(),
                        attempt + 1,
                        retry.maxRetries());
                sleep(wait, method, pathAndQuery);
                continue;
            } catch (IOException e) {
                failure = e;
            } catch (UncheckedIOException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlflowException(
                        MlflowException.ErrorCode.INTERNAL_ERROR,
                        "Interrupted during " + method + " " + pathOnly(pathAndQuery) + " to " + server() + ".",
                        e);
            }
            if (attempt >= retry.maxRetries()) {
                String what = failure instanceof HttpTimeoutException ? "timed out" : "failed: " + failure;
                throw new MlflowException(
                        MlflowException.ErrorCode.TEMPORARILY_UNAVAILABLE,
                        method + " "
                                + pathOnly(pathAndQuery) + " to the tracking server " + server() + " " + what + " ("
                                + (attempt + 1)
                                + " attempts). Check that the server is running and reachable at MLFLOW_TRACKING_URI, or raise "
                                + HttpSettings.TIMEOUT_ENV + " / " + HttpSettings.MAX_RETRIES_ENV + ".",
                        failure);
            }
            Duration wait = retry.delay(attempt + 1);
            LOG.info(
                    "{} {} to {} failed ({}); trying again in {} ms (retry {} of {}).",
                    method,
                    pathOnly(pathAndQuery),
                    server(),
                    failure.toString(),
                    wait.toMillis(),
                    attempt + 1,
                    retry.maxRetries());
            sleep(wait, method, pathAndQuery);
        }
    }

    /** An upload: no overall timeout, but a stall of {@code timeout} without a byte sent cancels it. */
    private <T> HttpResponse<T> sendWatched(RequestFactory factory, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        CompletableFuture<CompletableFuture<HttpResponse<T>>> sent = new CompletableFuture<>();
        try (StallWatchdog watchdog =
                new StallWatchdog(settings.timeout(), () -> sent.thenAccept(f -> f.cancel(true)))) {
            CompletableFuture<HttpResponse<T>> future =
                    http.sendAsync(factory.build(watchdog).build(), handler);
            sent.complete(future);
            try {
                return future.get();
            } catch (CancellationException e) {
                throw new HttpTimeoutException(
                        "no byte sent or received for " + settings.timeout().toMillis() + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (watchdog.stalled()) {
                    throw new HttpTimeoutException(
                            "no byte sent or received for " + settings.timeout().toMillis() + " ms");
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof UncheckedIOException unchecked) {
                    throw unchecked;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException(cause);
            }
        }
    }

    /** A response, and when the attempt that got it started: the start of its deadline. */
    private record Answer<T>(HttpResponse<T> response, long startedNanos) {}

    /** {@code definite}: the code the answer means, whatever its status says, or {@code null}. */
    private RestException error(
            String method, String pathAndQuery, int status, String body, MlflowException.ErrorCode definite) {
        String code = null;
        String message = null;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                code = json.path("error_code").asText(null);
                message = json.path("message").asText(null);
            }
        } catch (IOException | RuntimeException e) {
            // not MLflow's error JSON
        }
        String hint = switch (status) {
            case 401 ->
                " Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD" + " (now: "
                        + settings.auth().kind() + ").";
            case 403 -> " The credentials in use (" + settings.auth().kind() + ") lack the permission.";
            case 404 ->
                code == null ? " Is " + server() + basePath + " an MLflow tracking server of version 2 or later?" : "";
            default -> "";
        };
        String text = message != null ? message : body.length() > 500 ? body.substring(0, 500) + "..." : body;
        String full = "The tracking server " + server() + " answered " + method + " " + pathOnly(pathAndQuery)
                + " with " + status + (code != null ? " " + code : "") + ": " + text.strip() + hint;
        return definite == null
                ? new RestException(status, code, full)
                : new RestException(status, code, definite, full);
    }

    private static String redirectHint(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .map(l -> " The server redirects to " + redact(URI.create(l.replace(" ", "%20")))
                        + "; set MLFLOW_TRACKING_URI to the server's address itself (mlflow4j does not follow"
                        + " redirects, so credentials never go elsewhere).")
                .orElse("");
    }

    /** The start of an error answer: at most {@link #MAX_ERROR_BODY} bytes, read within the timeout. */
    private String bodyText(HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream in) {
            return new String(BoundedBody.readPrefix(in, MAX_ERROR_BODY, settings.timeout()), StandardCharsets.UTF_8);
        }
        return "";
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private void sleep(Duration wait, String method, String pathAndQuery) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "Interrupted while waiting to retry " + method + " " + pathOnly(pathAndQuery) + ".",
                    e);
        }
    }

    private static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Percent-encodes each segment of a relative path, keeping the slashes. */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0 || path.startsWith("/")) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        String result = out.toString();
        return path.startsWith("/") && result.startsWith("//") ? result.substring(1) : result;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing more to do
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left behind; harmless
        }
    }

    /**
     * The JDK's file publisher (the same one a plain streamed PUT uses), counting the bytes as the
     * HTTP client takes them, for progress and the stall watchdog.
     */
    static final class CountingPublisher implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher delegate;
        private final long size;
        private final LongConsumer progress;
        private final StallWatchdog watchdog;

        CountingPublisher(
                HttpRequest.BodyPublisher delegate, long size, LongConsumer progress, StallWatchdog watchdog) {
            this.delegate = delegate;
            this.size = size;
            this.progress = progress;
            this.watchdog = watchdog;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            if (progress != null) {
                progress.accept(0);
            }
            delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
                private long count;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    int n = item.remaining();
                    subscriber.onNext(item);
                    count += n;
                    if (watchdog != null) {
                        watchdog.progress();
                    }
                    if (progress != null) {
                        progress.accept(count);
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }
}
