package io.mlflow4j.runtime.store.rest;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before trying a request again, as MLflow's Python client does (urllib3
 * {@code Retry} with {@code MLFLOW_HTTP_REQUEST_MAX_RETRIES}, {@code _BACKOFF_FACTOR} and
 * {@code _BACKOFF_JITTER}): after a connection error or one of the transient statuses, wait
 * {@code backoffFactor * 2^(retry - 1)} seconds plus up to {@code jitter} seconds, each wait capped
 * at {@link #MAX_BACKOFF}, at most {@code maxRetries} times.
 *
 * @param maxRetries how many times a request is tried again (0: once only)
 * @param backoffFactor seconds, doubled with every retry
 * @param jitter the most random seconds added to each wait
 */
record RetryPolicy(int maxRetries, double backoffFactor, double jitter) {
    /** urllib3's cap on one wait. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(120);

    /** MLflow's {@code _TRANSIENT_FAILURE_RESPONSE_CODES}. */
    public static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    public RetryPolicy {
        if (maxRetries < 0 || backoffFactor < 0 || jitter < 0) {
            throw new IllegalArgumentException("Retry settings must not be negative");
        }
    }

    public boolean isTransient(int status) {
        return TRANSIENT_STATUSES.contains(status);
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        double seconds = backoffFactor * Math.pow(2, retry - 1);
        if (jitter > 0) {
            seconds += ThreadLocalRandom.current().nextDouble(jitter);
        }
        long millis = (long) Math.min(seconds * 1000, MAX_BACKOFF.toMillis());
        return Duration.ofMillis(millis);
    }

    /** The longest all retries of one request can wait in total, not counting the requests themselves. */
    public Duration maxTotalWait() {
        Duration total = Duration.ZERO;
        for (int i = 1; i <= maxRetries; i++) {
            double seconds = backoffFactor * Math.pow(2, i - 1) + jitter;
            total = total.plusMillis((long) Math.min(seconds * 1000, MAX_BACKOFF.toMillis()));
        }
        return total;
    }
}
