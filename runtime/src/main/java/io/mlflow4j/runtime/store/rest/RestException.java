package io.mlflow4j.runtime.store.rest;

import io.mlflow4j.runtime.error.MlflowException;

/** An error answer of a tracking server: its HTTP status and MLflow error code. */
final class RestException extends MlflowException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String serverErrorCode;

    RestException(int httpStatus, String serverErrorCode, String message) {
        this(
                httpStatus,
                serverErrorCode,
                serverErrorCode != null ? ErrorCode.fromName(serverErrorCode) : fromStatus(httpStatus),
                message);
    }

    /** An answer whose meaning differs from its code, such as a 500 that says a file does not exist. */
    RestException(int httpStatus, String serverErrorCode, ErrorCode code, String message) {
        super(code, message);
        this.httpStatus = httpStatus;
        this.serverErrorCode = serverErrorCode;
    }

    /** The code for an answer without MLflow's error JSON (a proxy's or an auth plugin's answer). */
    static ErrorCode fromStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.ENDPOINT_NOT_FOUND;
            case 429 -> ErrorCode.REQUEST_LIMIT_EXCEEDED;
            case 501 -> ErrorCode.NOT_IMPLEMENTED;
            case 503 -> ErrorCode.TEMPORARILY_UNAVAILABLE;
            default -> ErrorCode.INTERNAL_ERROR;
        };
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error_code} the server sent, such as {@code RESOURCE_ALREADY_EXISTS}, or {@code null}. */
    public String serverErrorCode() {
        return serverErrorCode;
    }
}
