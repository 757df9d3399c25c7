package io.mlflow4j.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions written into model folders. */
public final class Versions {
    /**
     * The MLflow 2 release whose model format and file store layout mlflow4j writes for MLflow 2
     * stores, and whose scoring protocol its scoring server follows.
     */
    public static final String MLFLOW_FORMAT = "2.17.2";

    /** The MLflow 3 release whose model format, logged models and file store layout mlflow4j writes for MLflow 3. */
    public static final String MLFLOW_3_FORMAT = "3.11.1";

    private static final String MLFLOW4J = readMlflow4jVersion();

    private Versions() {}

    public static String mlflow4j() {
        return MLFLOW4J;
    }

    private static String readMlflow4jVersion() {
        try (InputStream in = Versions.class.getResourceAsStream("/io/mlflow4j/runtime/mlflow4j.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
