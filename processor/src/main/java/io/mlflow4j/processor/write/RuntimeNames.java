package io.mlflow4j.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime classes generated code refers to. The processor does not depend on the runtime. */
final class RuntimeNames {
    private static final String RUNTIME = "io.mlflow4j.runtime";
    /** What only generated code calls: the adapter bases and the checked conversions. */
    private static final String GENERATED = RUNTIME + ".generated";

    static final ClassName COLUMN_MODEL_ADAPTER = ClassName.get(GENERATED, "ColumnModelAdapter");
    static final ClassName TENSOR_MODEL_ADAPTER = ClassName.get(GENERATED, "TensorModelAdapter");
    static final ClassName ROWS = ClassName.get(GENERATED, "Rows");
    static final ClassName CELLS = ClassName.get(GENERATED, "Cells");
    static final ClassName NESTED = ClassName.get(GENERATED, "Nested");
    static final ClassName TENSOR_ARRAYS = ClassName.get(GENERATED, "TensorArrays");
    static final ClassName MODEL_SPEC = ClassName.get(RUNTIME + ".model", "ModelSpec");
    static final ClassName MODEL_CONTEXT = ClassName.get(RUNTIME + ".model", "ModelContext");
    static final ClassName TABLE = ClassName.get(RUNTIME + ".data", "Table");
    static final ClassName COLUMN = ClassName.get(RUNTIME + ".data", "Column");
    static final ClassName PARAMS = ClassName.get(RUNTIME + ".data", "Params");
    static final ClassName TENSOR = ClassName.get(RUNTIME + ".data", "Tensor");
    static final ClassName MODEL_SIGNATURE = ClassName.get(RUNTIME + ".schema", "ModelSignature");
    static final ClassName SCHEMA = ClassName.get(RUNTIME + ".schema", "Schema");
    static final ClassName COL_SPEC = ClassName.get(RUNTIME + ".schema", "ColSpec");
    static final ClassName PARAM_SCHEMA = ClassName.get(RUNTIME + ".schema", "ParamSchema");
    static final ClassName PARAM_SPEC = ClassName.get(RUNTIME + ".schema", "ParamSpec");
    static final ClassName TENSOR_SPEC = ClassName.get(RUNTIME + ".schema", "TensorSpec");
    static final ClassName DATA_TYPE = ClassName.get(RUNTIME + ".data", "DataType");
    static final ClassName NESTED_TYPE = ClassName.get(RUNTIME + ".schema", "NestedType");
    static final ClassName MLFLOW_MODELS = ClassName.get(RUNTIME, "MlflowModels");
    static final ClassName MODEL_INFO = ClassName.get(RUNTIME, "ModelInfo");
    static final ClassName ACTIVE_RUN = ClassName.get(RUNTIME, "ActiveRun");
    static final ClassName LOG_OPTIONS = ClassName.get(RUNTIME, "LogOptions");
    static final ClassName GENERATED_ANNOTATION = ClassName.get("javax.annotation.processing", "Generated");

    private RuntimeNames() {}
}
