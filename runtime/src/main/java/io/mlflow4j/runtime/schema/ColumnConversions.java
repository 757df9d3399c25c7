package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.schema.SchemaEnforcer.SchemaException;

/**
 * MLflow's per-column conversion ({@code _enforce_mlflow_datatype}) for Java columns: same type is
 * kept; integer to long and to double, float to double are safe widenings; long to float or double
 * only when every value is 0 or 1 (MLflow's rule, which guards against silent precision loss);
 * strings are parsed into numbers when they all parse. Everything else is refused with MLflow's
 * message naming the column, the found type and the expected type.
 */
final class ColumnConversions {
    private ColumnConversions() {}

    static Column convert(Column column, ColSpec spec) {
        DataType from = column.type();
        DataType to = spec.type();
        String name = spec.name() == null ? String.valueOf(column.name()) : spec.name();
        Column converted;
        if (to.isNested()) {
            converted = nested(column, spec, name);
        } else if (from == to) {
            converted = column;
        } else if ((from == DataType.INTEGER && (to == DataType.LONG || to == DataType.DOUBLE))
                || (from == DataType.FLOAT && to == DataType.DOUBLE)) {
            converted = column.widenTo(to);
        } else if (from == DataType.LONG && (to == DataType.DOUBLE || to == DataType.FLOAT) && allZeroOrOne(column)) {
            converted = column.widenTo(DataType.DOUBLE);
            if (to == DataType.FLOAT) {
                converted = StringParsing.toFloat(converted);
            }
        } else if (from == DataType.STRING && to != DataType.BINARY) {
            converted = StringParsing.parse(column, to, name);
        } else {
            throw new SchemaException("Incompatible input types for column " + name + ". Can not safely convert "
                    + from.numpyType() + " to " + to.numpyType() + ".");
        }
        if (spec.required() && converted.hasMissing() && !tolerantOfMissing(to)) {
            int row = firstMissing(converted);
            throw new SchemaException("Column " + name + " is required but row " + row + " has no value. Fill the"
                    + " value, or declare the column optional (@Column(required = false) on a boxed type).");
        }
        return spec.name() == null ? converted : converted.withName(spec.name());
    }

    /** Checks and canonicalises each cell; an object column (dicts) serves a map spec too. */
    private static Column nested(Column column, ColSpec spec, String name) {
        DataType from = column.type();
        boolean compatible =
                from == spec.type() || (from.isNested() && from != DataType.ARRAY && spec.type() != DataType.ARRAY);
        if (!compatible) {
            throw new SchemaException("Incompatible input types for column " + name + ". Can not safely convert "
                    + from.numpyType() + " to " + spec.nested() + ".");
        }
        Object[] cells = new Object[column.size()];
        for (int i = 0; i < cells.length; i++) {
            Object cell = column.get(i);
            if (cell == null) {
                continue;
            }
            try {
                cells[i] = NestedValues.enforce(cell, spec.nested());
            } catch (IllegalArgumentException e) {
                throw new SchemaException("Failed to convert column " + name + " to type '" + spec.nested()
                        + "'. Error: " + e.getMessage());
            }
        }
        return Column.ofNested(column.name(), spec.type(), cells);
    }

    /** MLflow passes NaN for a missing float, None for a missing string or bytes, NaT for a missing datetime. */
    private static boolean tolerantOfMissing(DataType type) {
        return type == DataType.FLOAT
                || type == DataType.DOUBLE
                || type == DataType.STRING
                || type == DataType.BINARY
                || type == DataType.DATETIME
                || type.isNested();
    }

    private static boolean allZeroOrOne(Column column) {
        for (int i = 0; i < column.size(); i++) {
            if (!column.isMissing(i)) {
                long v = column.getLong(i);
                if (v != 0 && v != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int firstMissing(Column column) {
        for (int i = 0; i < column.size(); i++) {
            if (column.isMissing(i)) {
                return i;
            }
        }
        return -1;
    }
}
