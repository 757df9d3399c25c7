package io.mlflow4j.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ScoringServer} listens and protects itself. Start from {@link #defaults()} and
 * change what you need:
 *
 * <pre>{@code
 * ScoringServerOptions options = ScoringServerOptions.defaults().withPort(8080).withWorkers(4);
 * }</pre>
 *
 * @param host the address to bind; {@code 127.0.0.1} by default, so nothing outside the machine
 *     can call the model unless you say so ({@code 0.0.0.0})
 * @param port the port; 0 picks a free one
 * @param workers how many predictions run at once; the number of cores by default
 * @param maxRequestBytes larger request bodies get a 413
 * @param requestTimeout a request not answered in this time (queueing included) gets a 504, and a
 *     connection whose request body has not arrived in this time is dropped
 * @param shutdownGrace how long {@link ScoringServer#close()} waits for requests in flight
 * @param headerTimeout a connection whose request line and headers have not all arrived this long
 *     after their first byte is dropped
 * @param maxConnections connections open at once; more are answered 503 and closed
 * @param maxBodyBytesInFlight request bodies held at once (being read, queued or predicted); a
 *     request that would go over gets a 503, unless it is the only one (so any request under
 *     {@code maxRequestBytes} can be served)
 * @param maxBatchSize with more than 1, concurrent requests of a column model with the same params
 *     are merged into one predict of at most this many rows (a larger request is predicted alone);
 *     1, the default, predicts each request alone
 * @param maxBatchDelay how long the first request of a batch waits for others to fill it
 * @param metrics whether {@code GET /metrics} serves Prometheus metrics (on by default)
 */
public record ScoringServerOptions(
        String host,
        int port,
        int workers,
        long maxRequestBytes,
        Duration requestTimeout,
        Duration shutdownGrace,
        Duration headerTimeout,
        int maxConnections,
        long maxBodyBytesInFlight,
        int maxBatchSize,
        Duration maxBatchDelay,
        boolean metrics) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5000;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(5);

    public ScoringServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "Port " + port + " is out of range. Use 0 to 65535 (0 picks a free port).");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("Workers must be at least 1, got " + workers + ".");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException(
                    "The maximum request size must be at least 1 byte, got " + maxRequestBytes + ".");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("The request timeout must be positive, got " + requestTimeout + ".");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "The shutdown grace period must not be negative, got " + shutdownGrace + ".");
        }
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("The header timeout must be positive, got " + headerTimeout + ".");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException(
                    "The maximum number of connections must be at least 1, got " + maxConnections + ".");
        }
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(
                    "The maximum batch size must be at least 1 row (1 turns batching off), got " + maxBatchSize + ".");
        }
        if (maxBatchDelay.isNegative()) {
            throw new IllegalArgumentException("The batch delay must not be negative, got " + maxBatchDelay + ".");
        }
        if (maxBodyBytesInFlight < 1) {
            throw new IllegalArgumentException(
                    "The request bytes in flight must be at least 1, got " + maxBodyBytesInFlight + ".");
        }
    }

    /**
     * 127.0.0.1:5000, one worker per core, 64 MiB requests, 60 s timeout, 30 s shutdown grace, 10 s
     * for headers, 4096 connections, request bodies in flight up to {@link #defaultBodyBytesInFlight()},
     * no batching, and metrics on.
     */
    public static ScoringServerOptions defaults() {
        return new ScoringServerOptions(
                DEFAULT_HOST,
                DEFAULT_PORT,
                Runtime.getRuntime().availableProcessors(),
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_TIMEOUT,
                DEFAULT_SHUTDOWN_GRACE,
                DEFAULT_HEADER_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS,
                defaultBodyBytesInFlight(),
                1,
                DEFAULT_MAX_BATCH_DELAY,
                true);
    }

    /**
     * An eighth of the JVM's maximum heap: parsing a JSON body takes a few times its size in
     * heap, so the bodies in flight together stay well inside it.
     */
    public static long defaultBodyBytesInFlight() {
        return Math.max(1, Runtime.getRuntime().maxMemory() / 8);
    }

    public ScoringServerOptions withHost(String newHost) {
        return new ScoringServerOptions(
                newHost,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withPort(int newPort) {
        return new ScoringServerOptions(
                host,
                newPort,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withWorkers(int newWorkers) {
        return new ScoringServerOptions(
                host,
                port,
                newWorkers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withMaxRequestBytes(long newMax) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                newMax,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withRequestTimeout(Duration newTimeout) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                newTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withShutdownGrace(Duration newGrace) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                newGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withHeaderTimeout(Duration newTimeout) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                newTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withMaxConnections(int newMax) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                newMax,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withMaxBodyBytesInFlight(long newMax) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                newMax,
                maxBatchSize,
                maxBatchDelay,
                metrics);
    }

    /** Batching on with more than 1 row: see {@code maxBatchSize}. */
    public ScoringServerOptions withBatching(int newMaxBatchSize, Duration newMaxBatchDelay) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                newMaxBatchSize,
                newMaxBatchDelay,
                metrics);
    }

    public ScoringServerOptions withMetrics(boolean on) {
        return new ScoringServerOptions(
                host,
                port,
                workers,
                maxRequestBytes,
                requestTimeout,
                shutdownGrace,
                headerTimeout,
                maxConnections,
                maxBodyBytesInFlight,
                maxBatchSize,
                maxBatchDelay,
                on);
    }

    boolean batching() {
        return maxBatchSize > 1;
    }
}
