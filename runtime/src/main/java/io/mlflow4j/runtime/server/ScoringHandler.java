package io.mlflow4j.runtime.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mlflow4j.runtime.internal.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the scoring server: routes {@code /ping}, {@code /health}, {@code /version}
 * and {@code /invocations}, enforces the request size limit and the per-request timeout, and
 * writes every answer, errors included, without ever letting an exception reach the client.
 * Predictions run on the worker pool so a slow client never holds a worker.
 */
final class ScoringHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringHandler.class);
    private static final byte[] PING_BODY = "\n".getBytes(StandardCharsets.UTF_8);
    private static final String ENDPOINTS = "The scoring server answers GET /ping, GET /health, GET /version and"
            + " POST /invocations.";

    private final Invocations invocations;
    private final ExecutorService workers;
    private final long maxRequestBytes;
    private final Duration timeout;
    private final BooleanSupplier draining;
    private final ScheduledExecutorService watchdog;

    ScoringHandler(Invocations invocations, ExecutorService workers, ScheduledExecutorService watchdog,
                   long maxRequestBytes, Duration timeout, BooleanSupplier draining) {
        this.invocations = invocations;
        this.workers = workers;
        this.watchdog = watchdog;
        this.maxRequestBytes = Math.min(maxRequestBytes, Integer.MAX_VALUE - 16);
        this.timeout = timeout;
        this.draining = draining;
    }

    /** An answer and how to send it. */
    private record Answer(ScoringResponse response, boolean closeConnection, String allow) {
        static Answer of(ScoringResponse response) {
            return new Answer(response, false, null);
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                LOG.error("Unexpected failure while answering {} {}", exchange.getRequestMethod(),
                        exchange.getRequestURI(), e);
                answer = error(500, "INTERNAL_ERROR", "The scoring server failed on this request; its log has the details.");
            }
            send(exchange, answer);
        } catch (IOException e) {
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
        } finally {
            exchange.close();
        }
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        switch (path == null ? "" : path) {
            case "/ping", "/health" -> {
                return read ? Answer.of(ScoringResponse.json(200, PING_BODY)) : notAllowed(method, path, "GET, HEAD");
            }
            case "/version" -> {
                return read ? Answer.of(ScoringResponse.json(200, Versions.MLFLOW_FORMAT.getBytes(StandardCharsets.UTF_8)))
                        : notAllowed(method, path, "GET, HEAD");
            }
            case "/invocations" -> {
                return method.equals("POST") ? invoke(exchange) : notAllowed(method, path, "POST");
            }
            default -> {
                return error(404, "ENDPOINT_NOT_FOUND", "No endpoint " + path + ". " + ENDPOINTS);
            }
        }
    }

    private Answer invoke(HttpExchange exchange) throws IOException {
        if (draining.getAsBoolean()) {
            return new Answer(errorResponse(503, "TEMPORARILY_UNAVAILABLE",
                    "The scoring server is shutting down. Retry on another instance."), true, null);
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && declaredTooLarge(length)) {
            return tooLarge(length + " bytes");
        }
        byte[] body = readBodyWithin(exchange, declaredLength(length), timeout);
        if (body == null) {
            return tooLarge("more than " + maxRequestBytes + " bytes");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Future<ScoringResponse> result;
        try {
            result = workers.submit(() -> invocations.invoke(contentType, body));
        } catch (RejectedExecutionException e) {
            return new Answer(errorResponse(503, "TEMPORARILY_UNAVAILABLE", "The scoring server is shutting down."),
                    true, null);
        }
        try {
            return Answer.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            LOG.warn("A request took longer than the {} s limit and was answered with 504.", timeout.toSeconds());
            return error(504, "DEADLINE_EXCEEDED", "Request processing time exceeded limit: the prediction took longer"
                    + " than " + timeout.toMillis() + " ms. Send fewer rows per request, or start the server with a"
                    + " longer --timeout.");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            return new Answer(errorResponse(503, "TEMPORARILY_UNAVAILABLE", "The scoring server is shutting down."),
                    true, null);
        } catch (ExecutionException e) {
            LOG.error("Prediction failed unexpectedly", e.getCause());
            return error(500, "INTERNAL_ERROR", "The scoring server failed on this request; its log has the details.");
        }
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxRequestBytes;
        } catch (NumberFormatException e) {
            return false; // the JDK server refuses malformed lengths itself
        }
    }

    /**
     * Reads the body, dropping the connection if it does not arrive within the request timeout, so
     * clients that send slowly (or stop sending) cannot hold the server's threads.
     */
    private byte[] readBodyWithin(HttpExchange exchange, int declaredLength, Duration limit) throws IOException {
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            LOG.warn("A request body did not arrive within {} ms; dropping the connection.", limit.toMillis());
            exchange.close(); // no answer was started, so the JDK closes the connection and the read fails
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return readBody(exchange.getRequestBody(), declaredLength);
        } finally {
            guard.cancel(false);
        }
    }

    /**
     * The body, or {@code null} when it is larger than the limit. With a Content-Length (already
     * checked against the limit) the body is read into an array of exactly that size.
     */
    private byte[] readBody(InputStream in, int declaredLength) throws IOException {
        if (declaredLength >= 0) {
            byte[] body = new byte[declaredLength];
            int read = in.readNBytes(body, 0, declaredLength);
            return read == declaredLength ? body : java.util.Arrays.copyOf(body, read);
        }
        byte[] body = in.readNBytes((int) maxRequestBytes + 1);
        return body.length > maxRequestBytes ? null : body;
    }

    /** The Content-Length when it is a number within the limit, else -1 (read to the end). */
    private int declaredLength(String length) {
        if (length == null) {
            return -1;
        }
        try {
            long value = Long.parseLong(length.trim());
            return value >= 0 && value <= maxRequestBytes ? (int) value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Answer tooLarge(String size) {
        return new Answer(errorResponse(413, "BAD_REQUEST", "The request body (" + size + ") is larger than the"
                + " server's limit of " + maxRequestBytes + " bytes. Send fewer rows per request, or start the server"
                + " with a larger --max-request-size."), true, null);
    }

    private static Answer notAllowed(String method, String path, String allowed) {
        return new Answer(errorResponse(405, "BAD_REQUEST", "Method " + method + " is not allowed for " + path
                + ". Use " + allowed.replace(", HEAD", "") + "."), false, allowed);
    }

    private static Answer error(int status, String code, String message) {
        return Answer.of(errorResponse(status, code, message));
    }

    private static ScoringResponse errorResponse(int status, String code, String message) {
        return ScoringResponse.json(status, ScoringError.errorJson(code, message));
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        ScoringResponse response = answer.response();
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        if (answer.allow() != null) {
            headers.set("Allow", answer.allow());
        }
        if (answer.closeConnection()) {
            headers.set("Connection", "close");
        }
        byte[] body = response.body();
        if (exchange.getRequestMethod().equals("HEAD") || body.length == 0) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
