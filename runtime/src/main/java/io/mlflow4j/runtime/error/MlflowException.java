package io.mlflow4j.runtime.error;

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
        INTERNAL_ERROR,
        UNAUTHENTICATED,
        PERMISSION_DENIED,
        ENDPOINT_NOT_FOUND,
        REQUEST_LIMIT_EXCEEDED,
        TEMPORARILY_UNAVAILABLE,
        NOT_IMPLEMENTED;

        /** The code with this name, as a tracking server sends it; unknown names are {@code INTERNAL_ERROR}. */
        public static ErrorCode fromName(String name) {
            if (name != null) {
                for (ErrorCode code : values()) {
                    if (code.name().equals(name)) {
                        return code;
                    }
                }
                if (name.equals("NOT_FOUND")) {
                    return RESOURCE_DOES_NOT_EXIST;
                }
                if (name.equals("ALREADY_EXISTS")) {
                    return RESOURCE_ALREADY_EXISTS;
                }
            }
            return INTERNAL_ERROR;
        }
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
