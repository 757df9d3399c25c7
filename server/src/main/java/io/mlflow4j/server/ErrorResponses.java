package io.mlflow4j.server;

import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.scoring.ScoringResponse;
import java.nio.charset.StandardCharsets;

/** The scoring server's own error answers, as MLflow's error JSON, never with a stack trace. */
final class ErrorResponses {
    private static final String ENDPOINTS =
            "The scoring server answers GET /ping, GET /health, GET /version and" + " POST /invocations.";

    private ErrorResponses() {}

    /** 405 for an Open Inference Protocol path, in its error shape. */
    static ServerResponse v2NotAllowed(String method, String path, String allowed) {
        String message =
                "Method " + method + " is not allowed for " + path + ". Use " + allowed.replace(", HEAD", "") + ".";
        byte[] body = ("{\"error\": " + PythonJson.dumps(message) + "}").getBytes(StandardCharsets.UTF_8);
        return new ServerResponse(new ScoringResponse(405, "application/json", body), false, allowed);
    }

    /** A status with an empty body: the Open Inference Protocol's health answers. */
    static ServerResponse empty(int status) {
        return ServerResponse.of(new ScoringResponse(status, "text/plain; charset=utf-8", new byte[0]));
    }

    static ServerResponse notFound(String path) {
        return ServerResponse.of(
                ScoringResponse.error(404, "ENDPOINT_NOT_FOUND", "No endpoint " + path + ". " + ENDPOINTS));
    }

    static ServerResponse notAllowed(String method, String path, String allowed) {
        return new ServerResponse(
                ScoringResponse.error(
                        405,
                        "BAD_REQUEST",
                        "Method " + method + " is not allowed for " + path + ". Use " + allowed.replace(", HEAD", "")
                                + "."),
                false,
                allowed);
    }

    static ServerResponse tooLarge(String size, long maxRequestBytes) {
        return new ServerResponse(
                ScoringResponse.error(
                        413,
                        "BAD_REQUEST",
                        "The request body (" + size + ") is larger than"
                                + " the server's limit of " + maxRequestBytes
                                + " bytes. Send fewer rows per request, or start the"
                                + " server with a larger --max-request-size."),
                true,
                null);
    }

    static ServerResponse timedOut(long timeoutMillis) {
        return ServerResponse.of(ScoringResponse.error(
                504,
                "DEADLINE_EXCEEDED",
                "Request processing time exceeded limit: the"
                        + " prediction took longer than " + timeoutMillis
                        + " ms. Send fewer rows per request, or start the"
                        + " server with a longer --timeout."));
    }

    static ServerResponse workersBusy(long timeoutMillis, int workers, long oldestMillis) {
        String advice = oldestMillis > timeoutMillis
                ? " Predictions running past the timeout ignore interruption and keep their workers; GET /health"
                        + " reports the server unhealthy once all workers are stuck. Restart the server, and make the"
                        + " model's predict finish or check Thread.interrupted()."
                : " Send fewer requests at once, or start the server with more --workers.";
        return ServerResponse.of(ScoringResponse.error(
                504,
                "DEADLINE_EXCEEDED",
                "Request processing time exceeded limit: the"
                        + " request waited " + timeoutMillis + " ms for a worker and got none, as all " + workers
                        + " workers"
                        + " are busy in predict, the oldest for " + span(oldestMillis) + "." + advice));
    }

    /** "300 ms", or whole seconds from one second on: "61 s". */
    static String span(long millis) {
        return millis < 1000 ? millis + " ms" : millis / 1000 + " s";
    }

    static ServerResponse unhealthy(String why) {
        return ServerResponse.of(ScoringResponse.error(503, "TEMPORARILY_UNAVAILABLE", why));
    }

    static ServerResponse shuttingDown() {
        return new ServerResponse(
                ScoringResponse.error(
                        503,
                        "TEMPORARILY_UNAVAILABLE",
                        "The scoring server is shutting down. Retry on another instance."),
                true,
                null);
    }

    static ServerResponse tooManyConnections(int max) {
        return new ServerResponse(
                ScoringResponse.error(
                        503,
                        "TEMPORARILY_UNAVAILABLE",
                        "The scoring server has " + max
                                + " connections open, its limit. Retry later, reuse connections (keep-alive), or start the server"
                                + " with a larger --max-connections."),
                true,
                null);
    }

    static ServerResponse overBudget(long maxBytes) {
        return new ServerResponse(
                ScoringResponse.error(
                        503,
                        "TEMPORARILY_UNAVAILABLE",
                        "The scoring server is already"
                                + " holding request bodies up to its budget of " + maxBytes
                                + " bytes. Retry shortly, send smaller"
                                + " requests, or start the server with a larger --max-bytes-in-flight (and heap)."),
                true,
                null);
    }

    static ServerResponse malformed() {
        return new ServerResponse(
                ScoringResponse.error(400, "BAD_REQUEST", "The request is not valid HTTP/1.1."), true, null);
    }

    static ServerResponse badFraming(String problem) {
        return new ServerResponse(ScoringResponse.error(400, "BAD_REQUEST", problem), true, null);
    }

    static ServerResponse expectationFailed(String expectation) {
        return new ServerResponse(
                ScoringResponse.error(
                        417,
                        "BAD_REQUEST",
                        "The server does not support 'Expect: " + expectation
                                + "'. Send the request without it, or with 'Expect: 100-continue'."),
                true,
                null);
    }

    static ServerResponse internalError() {
        return ServerResponse.of(ScoringResponse.error(
                500, "INTERNAL_ERROR", "The scoring server failed on this request; its log has the details."));
    }
}
