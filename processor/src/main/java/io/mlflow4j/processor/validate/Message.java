package io.mlflow4j.processor.validate;

/**
 * Every error (and warning) the processor reports, in one place. Each has a stable id (shown as
 * {@code [mlflow4j:Id]}) and says what is wrong and how to fix it.
 */
enum Message {
    MODEL_NOT_CLASS(
            "ModelNotClass",
            "@MlflowModel is on %s '%s', but it must be on a class. Put it on the concrete class that holds the @Predict method."),
    MODEL_ABSTRACT(
            "ModelAbstract",
            "@MlflowModel class '%s' is abstract, so it cannot be instantiated when the model is loaded. Make it concrete, or annotate a concrete subclass."),
    MODEL_INNER_CLASS(
            "ModelInnerClass",
            "@MlflowModel class '%s' is an inner (non-static) class, so it cannot be created on its own when the model is loaded. Make it static, or move it to the top level."),
    MODEL_PRIVATE(
            "ModelPrivate",
            "@MlflowModel class '%s' is private, so the generated code cannot use it. Make it package-private or public."),
    MODEL_CONSTRUCTOR(
            "ModelConstructor",
            "@MlflowModel class '%s' has no accessible no-argument constructor, which loading the model needs. Add a public or package-private constructor without parameters."),
    MODEL_NAME(
            "ModelName",
            "Model name '%s' is invalid. Use 1 to 256 letters, digits, '_', '-' or '.', starting with a letter or digit, such as \"iris-classifier\"."),
    MODEL_GENERIC(
            "ModelGeneric",
            "@MlflowModel class '%s' has type parameters, which cannot be chosen when the model is loaded. Remove them, or annotate a subclass that fixes them."),
    PREDICT_MISSING(
            "PredictMissing",
            "@MlflowModel class '%s' has no @Predict method. Annotate the method that makes predictions with @Predict."),
    PREDICT_DUPLICATE(
            "PredictDuplicate",
            "@Predict method '%s' is the second @Predict method of '%s' (the first is '%s'). A model has exactly one; remove @Predict from all but one."),
    PREDICT_PRIVATE(
            "PredictPrivate",
            "@Predict method '%s' is private, so the generated code cannot call it. Make it package-private or public."),
    PREDICT_STATIC(
            "PredictStatic",
            "@Predict method '%s' is static. Make it an instance method, so it can use the loaded model's state."),
    PREDICT_GENERIC(
            "PredictGeneric",
            "@Predict method '%s' has type parameters. Use concrete types, so that the signature can be inferred."),
    PREDICT_NO_INPUT(
            "PredictNoInput",
            "@Predict method '%s' has no input parameter. Its first parameter must be the input: a record, or a List of records."),
    PREDICT_INPUT(
            "PredictInput",
            "The input parameter '%s' of @Predict method '%s' has type %s, which has no MLflow mapping. Use a record whose components are columns, or a List, array or Stream of such records."),
    PREDICT_RETURN(
            "PredictReturn",
            "@Predict method '%s' returns %s, which has no MLflow type. Return a record, a primitive, a String, an enum or a boxed primitive (in the same container as the input: List, array or Stream)."),
    PREDICT_SHAPE(
            "PredictShape",
            "@Predict method '%s' takes %s but returns %s. Return results in the same container as the rows: one result for one row, or a List, array or Stream of results for a List, array or Stream of rows."),
    PREDICT_EXTRA_PARAMETER(
            "PredictExtraParameter",
            "Parameter '%s' of @Predict method '%s' is not the input and has no @Param. Annotate it with @Param(name = \"...\", defaultValue = \"...\"), or remove it."),
    COLUMN_TYPE(
            "ColumnType",
            "Component '%s' of %s has type %s, which has no MLflow column type. Use a primitive or its boxed form, String, char, an enum, byte[], Instant, LocalDateTime, LocalDate, OffsetDateTime, java.util.Date, or Optional of one of those."),
    COLUMN_DECIMAL(
            "ColumnDecimal",
            "Component '%s' of %s is a %s, but MLflow has no decimal column type (its schema enforcement turns decimals into double). Use double, or String to keep every digit."),
    COLUMN_OPTIONAL_PRIMITIVE(
            "ColumnOptionalPrimitive",
            "Component '%s' of %s is the primitive %s, which cannot be missing, but @Column says required = false. Use the boxed type %s, or drop required = false."),
    COLUMN_DUPLICATE(
            "ColumnDuplicate",
            "Column name '%s' of %s is used twice (by '%s' and '%s'). Give each component its own name with @Column(\"...\")."),
    COLUMN_NAME(
            "ColumnName",
            "Column name of component '%s' is empty. Give a name in @Column(\"...\"), or leave it out to use the component name."),
    INPUT_NOT_ACCESSIBLE(
            "InputNotAccessible",
            "%s is private, so the generated code cannot create or read it. Make it package-private or public."),
    INPUT_EMPTY_RECORD(
            "InputEmptyRecord", "Record %s has no components, so it describes no columns. Add at least one component."),
    PARAM_TYPE(
            "ParamType",
            "@Param '%s' has type %s, which MLflow params do not support. Use boolean, int, long, float, double, String or their boxed forms, a date-time type (Instant, LocalDateTime, LocalDate, OffsetDateTime, Date), or a List of boxed values."),
    PARAM_DEFAULT("ParamDefault", "The default \"%s\" of @Param '%s' is not a valid %s. %s"),
    PARAM_DUPLICATE(
            "ParamDuplicate", "@Param name '%s' is used by two parameters of '%s'. Give each param its own name."),
    PARAM_NAME("ParamName", "@Param name '%s' is invalid. Use letters, digits, '_', '-', '.' or spaces, not empty."),
    ARTIFACT_FINAL(
            "ArtifactFinal",
            "@Artifact field '%s' is final, so it cannot point into the loaded model. Remove 'final'."),
    ARTIFACT_STATIC(
            "ArtifactStatic",
            "@Artifact field '%s' is static, but each loaded model needs its own. Make it an instance field."),
    ARTIFACT_PRIVATE(
            "ArtifactPrivate",
            "@Artifact field '%s' is private, so the generated code cannot set it. Make it package-private or public."),
    ARTIFACT_TYPE(
            "ArtifactType",
            "@Artifact field '%s' has type %s. Use java.nio.file.Path, java.io.File or String for a local file or folder."),
    ARTIFACT_DUPLICATE(
            "ArtifactDuplicate",
            "Artifact name '%s' is used by fields '%s' and '%s'. Give each @Artifact its own name."),
    ARTIFACT_NAME(
            "ArtifactName",
            "Artifact name '%s' is invalid. It becomes a folder name under artifacts/: use letters, digits, '_', '-' and '.', not '.' or '..'."),
    LOAD_PARAMETERS(
            "LoadParameters",
            "@Load method '%s' takes parameters, but it is called with none. Read artifacts from the @Artifact fields instead."),
    LOAD_STATIC(
            "LoadStatic",
            "@Load method '%s' is static, but it must set up this model instance. Make it an instance method."),
    LOAD_PRIVATE(
            "LoadPrivate",
            "@Load method '%s' is private, so the generated code cannot call it. Make it package-private or public."),
    LOAD_DUPLICATE(
            "LoadDuplicate",
            "@Load method '%s' is the second @Load method of '%s'. Keep one and call the rest from it."),
    INPUT_EXAMPLE_DUPLICATE(
            "InputExampleDuplicate",
            "@InputExample '%s' is the second input example of '%s'. A model has one; remove @InputExample from all but one."),
    INPUT_EXAMPLE_NOT_STATIC(
            "InputExampleNotStatic",
            "@InputExample '%s' is not static, but the example is read without a model instance. Make it static."),
    INPUT_EXAMPLE_PRIVATE(
            "InputExamplePrivate",
            "@InputExample '%s' is private, so the generated code cannot read it. Make it package-private or public."),
    INPUT_EXAMPLE_PARAMETERS(
            "InputExampleParameters",
            "@InputExample method '%s' takes parameters, but it is called with none. Remove them."),
    INPUT_EXAMPLE_TYPE(
            "InputExampleType",
            "@InputExample '%s' gives %s, but the @Predict input is %s. Give one %s or a List<%s>."),
    TENSOR_SHAPE(
            "TensorShape",
            "@TensorShape %s of '%s' does not fit its %d-dimensional array. Give %d dimensions, each -1 (free) or a positive size."),
    TENSOR_TYPE(
            "TensorType",
            "'%s' has type %s, which is not a tensor MLflow can carry. Use float, double, int, long or boolean arrays of 1 to 3 dimensions (int, long and boolean: 1 or 2)."),
    TENSOR_MIXED(
            "TensorMixed",
            "@Predict method '%s' mixes tensors and columns. Take and return tensors (arrays, or records of arrays), or columns (records of values)."),
    INPUT_EXAMPLE_PARAMS(
            "InputExampleParams",
            "@InputExample param \"%s\" %s. Write name=value for a @Param of the @Predict method, the value as in its defaultValue."),
    INPUT_EXAMPLE_TABLE(
            "InputExampleTable",
            "@InputExample '%s' is on a model whose @Predict takes a Table; input examples need typed rows or tensors. Remove it, or take records."),
    TABLE_SCHEMA_MISSING(
            "TableSchemaMissing",
            "@Predict method '%s' takes a Table, so its columns cannot be inferred. Declare them with @TableSchema(inputs = {...}, outputs = {...})."),
    TABLE_RETURN("TableReturn", "@Predict method '%s' takes a Table but returns %s. Return a Table too."),
    TABLE_COLUMN(
            "TableColumn",
            "@TableColumn '%s' %s. Use a unique, non-empty name and one of boolean, integer, long, float, double, string, binary, datetime."),
    NOT_IN_MODEL(
            "NotInModel",
            "@%s on '%s' has no effect: its class is not annotated with @MlflowModel. Add @MlflowModel to the class, or remove @%s."),
    /** A warning, not an error. */
    OPTIONAL_INTEGER(
            "OptionalInteger",
            "Column '%s' of %s is an optional %s (%s), but Python callers cannot send a missing value for it: pandas turns an integer column with a missing value into float64, which MLflow refuses. Use Double (a missing value arrives as null), or make the column required."),
    INTERNAL_ERROR("InternalError", "mlflow4j's processor failed on this class; please report it with this trace: %s");

    private final String id;
    private final String format;

    Message(String id, String format) {
        this.id = id;
        this.format = format;
    }

    String id() {
        return "[mlflow4j:" + id + "]";
    }

    String format(Object... args) {
        return id() + " " + String.format(format, args);
    }
}
