package io.mlflow4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * What the processor knows about one {@code @MlflowModel} class once it is valid: everything the
 * writers need, and no {@code Element}s.
 *
 * @param modelClass the user's class
 * @param name the MLflow model name
 * @param description the description
 * @param predict the {@code @Predict} method
 * @param artifacts the {@code @Artifact} fields, in declaration order
 * @param loadMethod the {@code @Load} method's name, or {@code null}
 * @param inputExample where the {@code @InputExample} comes from, or {@code null}
 */
record ModelDescriptor(
        ClassName modelClass,
        String name,
        String description,
        PredictMethod predict,
        List<ArtifactField> artifacts,
        String loadMethod,
        InputExampleSource inputExample) {

    /** {@code IrisClassifierMlflowModel}; nested classes become {@code Outer_InnerMlflowModel}. */
    ClassName adapterClass() {
        return ClassName.get(modelClass.packageName(), String.join("_", modelClass.simpleNames()) + "MlflowModel");
    }

    ClassName loggerClass() {
        return ClassName.get(modelClass.packageName(), String.join("_", modelClass.simpleNames()) + "Logger");
    }

    /** How rows reach the {@code @Predict} method and how results come back. */
    enum Form { ROW, LIST, ARRAY, STREAM, TENSOR, TABLE }

    /**
     * @param methodName the method's name
     * @param form one row per call, or a whole batch as a List, an array or a Stream
     * @param input the input row record
     * @param output what each row's result is
     * @param arguments the method's parameters in order: {@code null} for the input, else a param
     */
    record PredictMethod(String methodName, Form form, RowRecord input, Output output, List<ParamArgument> arguments,
            TensorIO tensorInput, TensorIO tensorOutput) {
        PredictMethod(String methodName, Form form, RowRecord input, Output output, List<ParamArgument> arguments) {
            this(methodName, form, input, output, arguments, null, null);
        }

        boolean isTensor() {
            return form == Form.TENSOR;
        }
    }

    /**
     * Tensors in or out: one unnamed array, or a record whose components are arrays (named).
     *
     * @param record the record's type, or {@code null} for one unnamed array
     * @param tensors the tensors, in declaration order
     */
    record TensorIO(ClassName record, List<TensorJava> tensors) {}

    /** A record whose components are columns. */
    record RowRecord(ClassName type, List<ColumnComponent> columns) {}

    /**
     * @param accessor the record component's name (its accessor method)
     * @param columnName the MLflow column name
     * @param type how the component's Java type maps to the column
     * @param required whether the column is required
     */
    record ColumnComponent(String accessor, String columnName, ColumnType type, boolean required) {}

    /** A result per row: a record of columns, or one unnamed scalar column. */
    record Output(RowRecord record, ColumnType scalar) {
        static Output ofRecord(RowRecord record) {
            return new Output(record, null);
        }

        static Output ofScalar(ColumnType scalar) {
            return new Output(null, scalar);
        }

        boolean isRecord() {
            return record != null;
        }
    }

    /**
     * @param name the MLflow param name
     * @param type its type (a list's element type)
     * @param list whether it is a 1-D list param (shape [-1])
     * @param getter the {@code Params} getter that returns the Java parameter's type
     * @param defaultValue the parsed default ({@code Boolean}, {@code Integer}, ..., an ISO string
     *     for datetimes, a {@code List} of those for lists)
     */
    record ParamArgument(String name, ScalarType type, boolean list, String getter, Object defaultValue) {}

    /** How an {@code @Artifact} field holds its path. */
    enum ArtifactKind { PATH, FILE, STRING }

    record ArtifactField(String name, String fieldName, ArtifactKind kind) {}

    /**
     * @param member the static method or field's name
     * @param method whether it is a method (else a field)
     * @param list whether it gives a List of rows (else one row)
     */
    record InputExampleSource(String member, boolean method, boolean list, java.util.Map<String, Object> params) {
        InputExampleSource(String member, boolean method, boolean list) {
            this(member, method, list, java.util.Map.of());
        }

        InputExampleSource withParams(java.util.Map<String, Object> newParams) {
            return new InputExampleSource(member, method, list, newParams);
        }
    }
}
