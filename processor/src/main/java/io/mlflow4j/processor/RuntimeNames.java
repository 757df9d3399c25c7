package io.mlflow4j.processor;

import com.palantir.javapoet.ClassName;

/** The runtime classes generated code refers to. The processor does not depend on the runtime. */
final class RuntimeNames {
    private static final String RUNTIME = "io.mlflow4j.runtime";

    static final ClassName MODEL_ADAPTER = ClassName.get(RUNTIME + ".model", "ModelAdapter");
    static final ClassName MODEL_SPEC = ClassName.get(RUNTIME + ".model", "ModelSpec");
    static final ClassName MODEL_CONTEXT = ClassName.get(RUNTIME + ".model", "ModelContext");
    static final ClassName ROWS = ClassName.get(RUNTIME + ".model", "Rows");
    static final ClassName CELLS = ClassName.get(RUNTIME + ".model", "Cells");
    static final ClassName TABLE = ClassName.get(RUNTIME + ".data", "Table");
    static final ClassName COLUMN = ClassName.get(RUNTIME + ".data", "Column");
    static final ClassName PARAMS = ClassName.get(RUNTIME + ".data", "Params");
    static final ClassName MODEL_SIGNATURE = ClassName.get(RUNTIME + ".schema", "ModelSignature");
    static final ClassName SCHEMA = ClassName.get(RUNTIME + ".schema", "Schema");
    static final ClassName COL_SPEC = ClassName.get(RUNTIME + ".schema", "ColSpec");
    static final ClassName PARAM_SCHEMA = ClassName.get(RUNTIME + ".schema", "ParamSchema");
    static final ClassName PARAM_SPEC = ClassName.get(RUNTIME + ".schema", "ParamSpec");
    static final ClassName TENSOR_SPEC = ClassName.get(RUNTIME + ".schema", "TensorSpec");
    static final ClassName TENSOR = ClassName.get(RUNTIME + ".data", "Tensor");
    static final ClassName TENSOR_ARRAYS = ClassName.get(RUNTIME + ".model", "TensorArrays");
    static final ClassName DATA_TYPE = ClassName.get(RUNTIME + ".data", "DataType");
    static final ClassName MLFLOW_MODELS = ClassName.get(RUNTIME, "MlflowModels");
    static final ClassName MODEL_INFO = ClassName.get(RUNTIME, "ModelInfo");
    static final ClassName ACTIVE_RUN = ClassName.get(RUNTIME, "ActiveRun");
    static final ClassName LOG_OPTIONS = ClassName.get(RUNTIME, "LogOptions");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private RuntimeNames() {}
}
