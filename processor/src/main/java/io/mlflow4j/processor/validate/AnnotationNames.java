package io.mlflow4j.processor.validate;

/**
 * The annotations' names. The processor refers to them by name, never by class, so its jar runs
 * on a processor path that holds nothing else (like AutoValue's).
 */
public final class AnnotationNames {
    public static final String PACKAGE = "io.mlflow4j.annotations.";
    public static final String MLFLOW_MODEL = PACKAGE + "MlflowModel";
    public static final String PREDICT = PACKAGE + "Predict";
    public static final String ARTIFACT = PACKAGE + "Artifact";
    public static final String PARAM = PACKAGE + "Param";
    public static final String COLUMN = PACKAGE + "Column";
    public static final String LOAD = PACKAGE + "Load";
    public static final String INPUT_EXAMPLE = PACKAGE + "InputExample";
    public static final String TENSOR_SHAPE = PACKAGE + "TensorShape";
    public static final String TABLE_SCHEMA = PACKAGE + "TableSchema";
    public static final String TABLE_TYPE = "io.mlflow4j.runtime.data.Table";

    private AnnotationNames() {}
}
