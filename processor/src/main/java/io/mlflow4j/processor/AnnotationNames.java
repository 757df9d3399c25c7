package io.mlflow4j.processor;

/**
 * The annotations' names. The processor refers to them by name, never by class, so its jar runs
 * on a processor path that holds nothing else (like AutoValue's).
 */
final class AnnotationNames {
    static final String PACKAGE = "io.mlflow4j.annotations.";
    static final String MLFLOW_MODEL = PACKAGE + "MlflowModel";
    static final String PREDICT = PACKAGE + "Predict";
    static final String ARTIFACT = PACKAGE + "Artifact";
    static final String PARAM = PACKAGE + "Param";
    static final String COLUMN = PACKAGE + "Column";
    static final String LOAD = PACKAGE + "Load";
    static final String INPUT_EXAMPLE = PACKAGE + "InputExample";
    static final String TENSOR_SHAPE = PACKAGE + "TensorShape";
    static final String TABLE_SCHEMA = PACKAGE + "TableSchema";
    static final String TABLE_TYPE = "io.mlflow4j.runtime.data.Table";

    private AnnotationNames() {}
}
