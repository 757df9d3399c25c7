package io.mlflow4j.processor.model;

import java.util.List;

/** What a {@code @Predict} method takes and returns; each form has its own adapter code. */
public sealed interface PredictForm {
    /**
     * Records of columns in, one result per row out.
     *
     * @param container how the rows arrive: one per call, or a whole batch as a List, array or Stream
     * @param input the input row record
     * @param output what each row's result is
     */
    record Rows(Container container, RowRecord input, Output output) implements PredictForm {}

    /**
     * The runtime's {@code Table} in and out, its columns declared with {@code @TableSchema}.
     *
     * @param inputs the declared input columns
     * @param outputs the declared output columns
     */
    record Table(List<ColumnComponent> inputs, List<ColumnComponent> outputs) implements PredictForm {}

    /**
     * Primitive arrays (or records of them) in and out.
     *
     * @param inputName the Java parameter's name
     * @param input the tensors taken
     * @param output the tensors returned
     */
    record Tensors(String inputName, TensorIO input, TensorIO output) implements PredictForm {}

    /** How rows reach the method and results come back. */
    enum Container {
        ROW,
        LIST,
        ARRAY,
        STREAM
    }
}
