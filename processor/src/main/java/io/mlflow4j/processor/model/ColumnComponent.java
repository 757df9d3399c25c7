package io.mlflow4j.processor.model;

/**
 * One column.
 *
 * @param accessor the record component's name (its accessor method); for a {@code @TableColumn},
 *     the column name
 * @param columnName the MLflow column name
 * @param type how the component's Java type maps to the column
 * @param required whether the column is required
 */
public record ColumnComponent(String accessor, String columnName, ColumnType type, boolean required) {}
