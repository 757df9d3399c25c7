package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.error.MlflowException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MLflow's input schema enforcement ({@code _enforce_schema}) for column schemas: missing required
 * columns are named, extra columns are dropped, each column is converted to its signature type
 * when MLflow would convert it safely and refused otherwise. The result holds exactly the schema's
 * columns, in schema order, so generated code can read them without further checks.
 */
public final class SchemaEnforcer {
    private SchemaEnforcer() {}

    public static Table enforce(Table input, Schema schema) {
        try {
            return schema.hasNames() ? enforceNamed(input, schema) : enforceUnnamed(input, schema);
        } catch (SchemaException e) {
            throw MlflowException.invalidParameter("Failed to enforce schema of data '" + describe(input)
                    + "' with schema '" + schema + "'. Error: " + e.getMessage());
        }
    }

    /**
     * Checks one nested cell (of an array, object or map column) against its type and returns it in
     * canonical form, as {@link #enforce} does for every cell of such a column; for readers, such as
     * the scoring server, that must report a bad cell while they read the payload, as MLflow does.
     *
     * @throws IllegalArgumentException with MLflow's message, e.g. {@code Missing required properties: {'a'}}
     */
    public static Object enforceNestedCell(Object cell, NestedType type) {
        return NestedValues.enforce(cell, type);
    }

    private static Table enforceNamed(Table input, Schema schema) {
        List<String> missing = new ArrayList<>();
        for (ColSpec spec : schema.columns()) {
            if (spec.required() && input.column(spec.name()) == null) {
                missing.add("'" + spec.name() + "'");
            }
        }
        if (!missing.isEmpty()) {
            Set<String> extra = new LinkedHashSet<>();
            for (String name : input.columnNames()) {
                if (name != null && !schema.names().contains(name)) {
                    extra.add("'" + name + "'");
                }
            }
            String message = "Model is missing inputs " + missing + ".";
            if (!extra.isEmpty()) {
                message += " Note that there were extra inputs: " + extra;
            }
            throw new SchemaException(message);
        }
        List<Column> columns = new ArrayList<>();
        for (ColSpec spec : schema.columns()) {
            Column column = input.column(spec.name());
            columns.add(column == null ? allMissing(spec, input.rowCount()) : ColumnConversions.convert(column, spec));
        }
        return new Table(columns);
    }

    private static Table enforceUnnamed(Table input, Schema schema) {
        int declared = schema.columns().size();
        if (input.columnCount() < declared) {
            throw new SchemaException("Model inference is missing inputs. The model signature declares " + declared
                    + " inputs  but the provided value only has " + input.columnCount() + " inputs. Note: the inputs"
                    + " were not named in the signature so we can only verify their count.");
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < declared; i++) {
            ColSpec spec = schema.columns().get(i);
            columns.add(ColumnConversions.convert(input.column(i), spec).withName(null));
        }
        return new Table(columns);
    }

    private static Column allMissing(ColSpec spec, int rows) {
        return Column.ofBoxed(spec.name(), spec.type(), new Object[rows]);
    }

    private static String describe(Table input) {
        List<String> cols = new ArrayList<>();
        for (Column c : input.columns()) {
            cols.add((c.name() == null ? "" : c.name() + ": ") + c.type());
        }
        return input.rowCount() + " rows x " + cols;
    }

    /** A rule broken; the message is MLflow's, wrapped by {@link #enforce}. */
    static final class SchemaException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchemaException(String message) {
            super(message, null, false, false);
        }
    }
}
