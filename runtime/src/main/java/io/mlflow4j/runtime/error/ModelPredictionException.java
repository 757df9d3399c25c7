package io.mlflow4j.runtime.error;

/** The model's own prediction code threw; the cause is the user's exception. */
public class ModelPredictionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelPredictionException(String message, Throwable cause) {
        super(message, cause);
    }
}
