package io.mlflow4j.runtime.tracking.rest;

import io.mlflow4j.runtime.MlflowException;

/** An error answer of a tracking server: its HTTP status and MLflow error code. */
public final class RestException extends MlflowException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String serverErrorCode;

    RestException(int httpStatus, String serverErrorCode, String message) {
        super(ErrorCode.fromName(serverErrorCode), message);
        this.httpStatus = httpStatus;
        this.serverErrorCode = serverErrorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error_code} the server sent, such as {@code RESOURCE_ALREADY_EXISTS}, or {@code null}. */
    public String serverErrorCode() {
        return serverErrorCode;
    }
}
