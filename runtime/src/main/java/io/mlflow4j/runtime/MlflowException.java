package io.mlflow4j.runtime;

/**
 * An error with one of MLflow's error codes ({@code INVALID_PARAMETER_VALUE},
 * {@code RESOURCE_DOES_NOT_EXIST}, ...), so callers and servers can map it the way MLflow does.
 */
public class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The MLflow error codes mlflow4j raises. */
    public enum ErrorCode {
        INVALID_PARAMETER_VALUE,
        RESOURCE_DOES_NOT_EXIST,
        RESOURCE_ALREADY_EXISTS,
        BAD_REQUEST,
        INVALID_STATE,
        INTERNAL_ERROR
    }

    private final ErrorCode errorCode;

    public MlflowException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public MlflowException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public static MlflowException invalidParameter(String message) {
        return new MlflowException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static MlflowException notFound(String message) {
        return new MlflowException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }
}
