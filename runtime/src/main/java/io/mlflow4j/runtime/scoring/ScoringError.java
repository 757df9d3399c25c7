package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.internal.PythonJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the scoring server refuses, with the status, MLflow error code and message MLflow's
 * scoring server gives for it. It never carries a stack trace: it is thrown for client mistakes,
 * which are many under load, and rendered as {@code {"error_code": ..., "message": ...}}.
 */
final class ScoringError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String CSV_PARSE_FAILED =
            "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid"
                    + " CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: ";

    private final int status;
    private final String errorCode;
    private final boolean plainText;

    private ScoringError(int status, String errorCode, String message, boolean plainText) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.plainText = plainText;
    }

    /** 400 {@code BAD_REQUEST}: the payload cannot be read. */
    static ScoringError badRequest(String message) {
        return new ScoringError(400, "BAD_REQUEST", message, false);
    }

    /** 400 {@code INVALID_PARAMETER_VALUE}: the payload was read but does not fit the model. */
    static ScoringError invalidParameter(String message) {
        return new ScoringError(400, "INVALID_PARAMETER_VALUE", message, false);
    }

    /** 400 {@code BAD_REQUEST} for a CSV body, with the error pandas' {@code read_csv} gives. */
    static ScoringError csvNotParsed(String pandasError) {
        return badRequest(CSV_PARSE_FAILED + "'" + pandasError + "'");
    }

    /** Any status and code, as JSON. */
    static ScoringError of(int status, String errorCode, String message) {
        return new ScoringError(status, errorCode, message, false);
    }

    /** 415 with a plain text body, as MLflow answers content type problems. */
    static ScoringError unsupportedMediaType(String message) {
        return new ScoringError(415, null, message, true);
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    ScoringResponse toResponse() {
        if (plainText) {
            return ScoringResponse.text(status, getMessage());
        }
        return ScoringResponse.json(status, errorJson(errorCode, getMessage()));
    }

    /** MLflow's error body, written as Python's {@code json.dumps} writes it. */
    static byte[] errorJson(String errorCode, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error_code", errorCode);
        json.put("message", message);
        return PythonJson.dumps(json).getBytes(StandardCharsets.UTF_8);
    }
}
