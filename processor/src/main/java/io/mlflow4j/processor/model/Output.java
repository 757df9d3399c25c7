package io.mlflow4j.processor.model;

import java.util.List;

/** The result for one row: a record of columns, or one unnamed column. */
public sealed interface Output {
    /** The columns of the result, for the signature and the table. */
    List<ColumnType> types();

    record Columns(RowRecord record) implements Output {
        @Override
        public List<ColumnType> types() {
            return record.columns().stream().map(ColumnComponent::type).toList();
        }
    }

    record Scalar(ColumnType type) implements Output {
        @Override
        public List<ColumnType> types() {
            return List.of(type);
        }
    }
}
