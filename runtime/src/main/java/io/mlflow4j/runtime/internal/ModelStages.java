package io.mlflow4j.runtime.internal;

import io.mlflow4j.runtime.error.MlflowException;
import java.util.List;
import java.util.Locale;

/** MLflow's (deprecated) model version stages, spelled as the registry stores them. */
public final class ModelStages {
    public static final String NONE = "None";
    /** The stage MLflow's file store gives a deleted version; such versions are invisible. */
    public static final String DELETED_INTERNAL = "Deleted_Internal";

    public static final List<String> ALL = List.of(NONE, "Staging", "Production", "Archived");

    private ModelStages() {}

    /** The stage as stored, matched without regard to case, as MLflow's {@code get_canonical_stage}. */
    public static String canonical(String stage) {
        for (String known : ALL) {
            if (known.toLowerCase(Locale.ROOT).equals(stage.toLowerCase(Locale.ROOT))) {
                return known;
            }
        }
        throw MlflowException.invalidParameter(
                "Invalid Model Version stage: " + stage + ". Value must be one of " + String.join(", ", ALL) + ".");
    }
}
