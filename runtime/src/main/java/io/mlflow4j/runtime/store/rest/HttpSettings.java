package io.mlflow4j.runtime.store.rest;

import io.mlflow4j.runtime.error.MlflowException;
import java.time.Duration;
import java.util.Map;

/**
 * How mlflow4j talks to a tracking server, read from the environment variables MLflow's own
 * clients read, with MLflow's defaults:
 *
 * <ul>
 *   <li>{@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME} and
 *       {@code MLFLOW_TRACKING_PASSWORD}: see {@link HttpAuth};
 *   <li>{@code MLFLOW_TRACKING_INSECURE_TLS}, {@code MLFLOW_TRACKING_SERVER_CERT_PATH},
 *       {@code MLFLOW_TRACKING_CLIENT_CERT_PATH}: see {@link TlsSettings};
 *   <li>{@code MLFLOW_HTTP_REQUEST_MAX_RETRIES} (7), {@code MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR} (2),
 *       {@code MLFLOW_HTTP_REQUEST_BACKOFF_JITTER} (1.0): see {@link RetryPolicy};
 *   <li>{@code MLFLOW_HTTP_REQUEST_TIMEOUT} (120 seconds): the most one request may take, its
 *       whole answer included. Uploads and downloads get this long without progress, not in total.
 *   <li>{@code MLFLOW4J_HTTP_MAX_JSON_BYTES} (64 MiB): the largest JSON answer read (mlflow4j's
 *       own setting; downloads are bounded by the size the server lists for each file instead).
 * </ul>
 *
 * @param auth the Authorization header to send
 * @param tls certificates and verification
 * @param retry retries and back-off
 * @param timeout per request
 * @param maxJsonBytes the largest JSON answer read; also the longest string in it
 */
public record HttpSettings(HttpAuth auth, TlsSettings tls, RetryPolicy retry, Duration timeout, long maxJsonBytes) {
    public static final String MAX_RETRIES_ENV = "MLFLOW_HTTP_REQUEST_MAX_RETRIES";
    public static final String BACKOFF_FACTOR_ENV = "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR";
    public static final String BACKOFF_JITTER_ENV = "MLFLOW_HTTP_REQUEST_BACKOFF_JITTER";
    public static final String TIMEOUT_ENV = "MLFLOW_HTTP_REQUEST_TIMEOUT";
    public static final String MAX_JSON_BYTES_ENV = "MLFLOW4J_HTTP_MAX_JSON_BYTES";
    public static final long DEFAULT_MAX_JSON_BYTES = 64L * 1024 * 1024;

    public HttpSettings {
        if (maxJsonBytes < 1 || maxJsonBytes > Integer.MAX_VALUE - 8) {
            throw MlflowException.invalidParameter("The JSON answer limit " + maxJsonBytes + " is out of range; give a"
                    + " number of bytes from 1 to " + (Integer.MAX_VALUE - 8) + " in " + MAX_JSON_BYTES_ENV + ".");
        }
    }

    /** Settings with the default JSON answer limit. */
    public HttpSettings(HttpAuth auth, TlsSettings tls, RetryPolicy retry, Duration timeout) {
        this(auth, tls, retry, timeout, DEFAULT_MAX_JSON_BYTES);
    }

    public static HttpSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static HttpSettings fromEnvironment(Map<String, String> env) {
        RetryPolicy retry = new RetryPolicy(
                (int) number(env, MAX_RETRIES_ENV, 7),
                number(env, BACKOFF_FACTOR_ENV, 2),
                number(env, BACKOFF_JITTER_ENV, 1.0));
        double timeoutSeconds = number(env, TIMEOUT_ENV, 120);
        if (timeoutSeconds <= 0) {
            throw MlflowException.invalidParameter(
                    TIMEOUT_ENV + " is " + env.get(TIMEOUT_ENV) + "; give a positive number of seconds, such as 120.");
        }
        double maxJson = number(env, MAX_JSON_BYTES_ENV, DEFAULT_MAX_JSON_BYTES);
        return new HttpSettings(
                HttpAuth.fromEnvironment(env),
                TlsSettings.fromEnvironment(env),
                retry,
                Duration.ofMillis((long) (timeoutSeconds * 1000)),
                (long) maxJson);
    }

    public HttpSettings withRetry(RetryPolicy policy) {
        return new HttpSettings(auth, tls, policy, timeout, maxJsonBytes);
    }

    public HttpSettings withAuth(HttpAuth newAuth) {
        return new HttpSettings(newAuth, tls, retry, timeout, maxJsonBytes);
    }

    public HttpSettings withTimeout(Duration newTimeout) {
        return new HttpSettings(auth, tls, retry, newTimeout, maxJsonBytes);
    }

    public HttpSettings withMaxJsonBytes(long newMax) {
        return new HttpSettings(auth, tls, retry, timeout, newMax);
    }

    private static double number(Map<String, String> env, String name, double defaultValue) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw MlflowException.invalidParameter("Environment variable " + name + " is '" + text
                    + "', which is not a non-negative number. Unset it for MLflow's default (" + defaultValue + ").");
        }
    }
}
