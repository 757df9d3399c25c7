package io.mlflow4j.runtime.scoring;

import java.nio.charset.StandardCharsets;

/**
 * What the scoring server answers to one request: an HTTP status, a content type and the body.
 * {@link Invocations#invoke} returns one for every input, good or bad, so the same answers are
 * given over HTTP and by {@code mlflow4j predict}.
 *
 * <pre>{@code
 * ScoringResponse r = invocations.invoke("application/json", body);
 * if (r.status() == 200) System.out.println(r.bodyText());   // {"predictions": [...]}
 * }</pre>
 *
 * @param status the HTTP status: 200, or MLflow's status for the error
 * @param contentType {@code application/json}, or {@code text/plain; charset=utf-8} for content type errors
 * @param body the body bytes, UTF-8
 */
public record ScoringResponse(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    static ScoringResponse json(int status, byte[] body) {
        return new ScoringResponse(status, JSON, body);
    }

    static ScoringResponse text(int status, String text) {
        return new ScoringResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** MLflow's error JSON ({@code {"error_code": ..., "message": ...}}) with this status. */
    public static ScoringResponse error(int status, String errorCode, String message) {
        return json(status, ScoringError.errorJson(errorCode, message));
    }

    /** The body as text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status == 200;
    }
}
