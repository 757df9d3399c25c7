package io.mlflow4j.runtime.store;

import io.mlflow4j.runtime.error.MlflowException;

/**
 * The MLflow generation a store is written for. MLflow 3 records a model as a logged model
 * ({@code models:/m-<id>}); MLflow 2 as artifacts of its run, listed in the run's
 * {@code mlflow.log-model.history} tag. A tracking server says which it is ({@code /version}); a
 * local store is MLflow 3's unless {@code MLFLOW4J_MLFLOW_VERSION=2} (or the system property
 * {@code mlflow4j.mlflowVersion=2}) says otherwise, for teams still on MLflow 2.x.
 */
public enum MlflowTarget {
    MLFLOW_2,
    MLFLOW_3;

    public static final String VARIABLE = "MLFLOW4J_MLFLOW_VERSION";
    public static final String PROPERTY = "mlflow4j.mlflowVersion";

    /** The generation the user set, or {@code null} when they set none. */
    public static MlflowTarget configured() {
        String value = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (value == null || value.isBlank()) {
            return null;
        }
        return fromVersion(value.strip(), VARIABLE + "=" + value);
    }

    /** The generation of an MLflow version string such as {@code 2.17.2} or {@code 3.11.1}. */
    public static MlflowTarget fromVersion(String version, String where) {
        String major = version.split("\\.", 2)[0];
        return switch (major) {
            case "2" -> MLFLOW_2;
            case "3", "4" -> MLFLOW_3; // a newer major keeps MLflow 3's logged models until we learn otherwise
            default ->
                throw MlflowException.invalidParameter("Unsupported MLflow version '" + version + "' (" + where
                        + "). mlflow4j writes for MLflow 2 or 3: set " + VARIABLE + " to 2 or 3.");
        };
    }

    public boolean hasLoggedModels() {
        return this == MLFLOW_3;
    }
}
