package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.schema.SchemaEnforcer.SchemaException;

/**
 * Parses a string column into another type, as MLflow's {@code astype(..., errors="raise")} does for
 * object columns: all values parse or the column is refused with MLflow's message.
 */
final class StringParsing {
    private StringParsing() {}

    static Column parse(Column column, DataType to, String name) {
        int n = column.size();
        Object[] parsed = new Object[n];
        for (int i = 0; i < n; i++) {
            String s = column.getString(i);
            if (s == null) {
                continue;
            }
            try {
                parsed[i] = parseOne(s.trim(), to);
            } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException
                throw new SchemaException(
                        "Failed to convert column " + name + " from type object to DataType." + to + ".");
            }
        }
        return Column.ofBoxed(column.name(), to, parsed);
    }

    static Column toFloat(Column doubles) {
        Object[] values = new Object[doubles.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = doubles.isMissing(i) ? null : (float) doubles.getDouble(i);
        }
        return Column.ofBoxed(doubles.name(), DataType.FLOAT, values);
    }

    private static Object parseOne(String s, DataType to) {
        return switch (to) {
            case BOOLEAN -> {
                if (s.equalsIgnoreCase("true")) {
                    yield Boolean.TRUE;
                }
                if (s.equalsIgnoreCase("false")) {
                    yield Boolean.FALSE;
                }
                throw new NumberFormatException(s);
            }
            case INTEGER -> Integer.parseInt(s);
            case LONG -> Long.parseLong(s);
            case FLOAT -> Float.parseFloat(s);
            case DOUBLE -> Double.parseDouble(s);
            case DATETIME -> Datetimes.parseToEpochNanos(s);
            default -> throw new NumberFormatException(s);
        };
    }
}
