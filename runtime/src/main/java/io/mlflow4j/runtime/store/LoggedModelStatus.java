package io.mlflow4j.runtime.store;

import io.mlflow4j.runtime.error.MlflowException;

/** The status of an MLflow 3 logged model: PENDING while its files upload, then READY or FAILED. */
public enum LoggedModelStatus {
    PENDING(1, "LOGGED_MODEL_PENDING"),
    READY(2, "LOGGED_MODEL_READY"),
    FAILED(3, "LOGGED_MODEL_UPLOAD_FAILED");

    private final int fileStoreNumber;
    private final String protoName;

    LoggedModelStatus(int fileStoreNumber, String protoName) {
        this.fileStoreNumber = fileStoreNumber;
        this.protoName = protoName;
    }

    /** The number MLflow's file store keeps in the model's {@code meta.yaml}. */
    public int fileStoreNumber() {
        return fileStoreNumber;
    }

    /** The name the REST API uses. */
    public String protoName() {
        return protoName;
    }

    public static LoggedModelStatus fromFileStoreNumber(int number) {
        for (LoggedModelStatus s : values()) {
            if (s.fileStoreNumber == number) {
                return s;
            }
        }
        throw new MlflowException(
                MlflowException.ErrorCode.INVALID_STATE, "Unknown logged model status " + number + ".");
    }

    public static LoggedModelStatus fromProtoName(String name) {
        for (LoggedModelStatus s : values()) {
            if (s.protoName.equals(name)) {
                return s;
            }
        }
        throw new MlflowException(MlflowException.ErrorCode.INVALID_STATE, "Unknown logged model status " + name + ".");
    }
}
