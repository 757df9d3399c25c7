package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.SchemaEnforcer;
import io.mlflow4j.runtime.scoring.CellValues.CellException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Types a request's {@link InputFrame} as a {@link Table}, casting each column the signature names to
 * its type (by name, or by position for an unnamed signature) as MLflow's scoring server does
 * before it calls the model. Columns the signature does not know get a type inferred from their
 * values, as pandas would; the model's schema enforcement drops them afterwards.
 */
final class TableTyping {
    private TableTyping() {}

    /** A column could not be cast: the column, the pandas dtype it was cast to, and the Python error. */
    private static final class ConversionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String column;
        final String dtype;
        final String pythonError;
        /**
         * The Python error's message alone, as {@code np.array(values, dtype)} reports it for a numeric
         * column outside a DataFrame; {@code null} for other columns.
         */
        final String pythonMessage;

        ConversionException(String column, String dtype, String pythonError) {
            this(column, dtype, pythonError, null);
        }

        ConversionException(String column, String dtype, String pythonError, String pythonMessage) {
            super(
                    "Failed to convert column " + column + " to type '" + dtype + "'. Error: '" + pythonError + "'",
                    null,
                    false,
                    false);
            this.column = column;
            this.dtype = dtype;
            this.pythonError = pythonError;
            this.pythonMessage = pythonMessage;
        }
    }

    /** The request's frame as a table typed per the signature, or MLflow's error for the form it came in. */
    static Table type(ScoringRequest request, Schema schema) {
        boolean csv = request.form() == PayloadForm.CSV;
        try {
            if (csv) {
                checkNoMissingIntegers(request.frame(), schema);
            }
            return build(request.frame(), schema, request.form().isDataFrame());
        } catch (ConversionException e) {
            if (csv) {
                throw ScoringError.csvNotParsed(e.pythonError.replace("'", "") + " in column " + e.column);
            }
            if (!request.form().isDataFrame() && e.pythonMessage != null) {
                // MLflow casts these with np.array and reports numpy's error alone
                throw ScoringError.badRequest("Invalid input. " + e.pythonMessage);
            }
            throw ScoringError.badRequest(
                    "Invalid input. Data is not compatible with model signature. " + e.getMessage());
        }
    }

    /**
     * @param dataframe whether the payload was a DataFrame ({@code dataframe_split},
     *     {@code dataframe_records}), which pandas casts with {@code astype}: integers wrap to 32 bits
     */
    private static Table build(InputFrame frame, Schema schema, boolean dataframe) {
        List<Column> columns = new ArrayList<>(frame.names().size());
        Map<String, ColSpec> byName = byName(schema);
        for (int i = 0; i < frame.names().size(); i++) {
            String name = frame.names().get(i);
            ColSpec spec = specFor(schema, byName, name, i);
            List<JsonNode> values = frame.columns().get(i);
            columns.add(
                    spec == null
                            ? inferred(name, values)
                            : spec.type().isNested()
                                    ? nested(name, spec, values)
                                    : typed(name, spec.type(), values, dataframe));
        }
        try {
            return new Table(columns);
        } catch (IllegalArgumentException e) {
            throw ScoringError.badRequest("Invalid input. " + e.getMessage() + " Send each column once.");
        }
    }

    /** pandas' default {@code na_values}: {@code read_csv} reads these cells as missing. */
    private static final Set<String> PANDAS_NA = Set.of(
            "",
            "#N/A",
            "#N/A N/A",
            "#NA",
            "-1.#IND",
            "-1.#QNAN",
            "-NaN",
            "-nan",
            "1.#IND",
            "1.#QNAN",
            "<NA>",
            "N/A",
            "NA",
            "NULL",
            "NaN",
            "None",
            "n/a",
            "nan",
            "null");

    /**
     * {@code read_csv} with an integer dtype refuses a missing cell (Python integers cannot be
     * missing), naming the column by its position.
     */
    private static void checkNoMissingIntegers(InputFrame frame, Schema schema) {
        if (schema == null) {
            return;
        }
        Map<String, ColSpec> byName = byName(schema);
        for (int c = 0; c < frame.names().size(); c++) {
            ColSpec spec = specFor(schema, byName, frame.names().get(c), c);
            if (spec == null || (spec.type() != DataType.INTEGER && spec.type() != DataType.LONG)) {
                continue;
            }
            for (JsonNode cell : frame.columns().get(c)) {
                if (cell.isNull() || PANDAS_NA.contains(cell.textValue())) {
                    throw ScoringError.csvNotParsed("Integer column has NA values in column " + c);
                }
            }
        }
    }

    private static Map<String, ColSpec> byName(Schema schema) {
        Map<String, ColSpec> byName = new HashMap<>();
        if (schema != null && schema.hasNames()) {
            schema.columns().forEach(c -> byName.put(c.name(), c));
        }
        return byName;
    }

    private static ColSpec specFor(Schema schema, Map<String, ColSpec> byName, String name, int index) {
        if (schema == null) {
            return null;
        }
        if (!schema.hasNames()) {
            return index < schema.columns().size() ? schema.columns().get(index) : null;
        }
        return byName.get(name);
    }

    private static Column typed(String name, DataType type, List<JsonNode> values, boolean dataframe) {
        Object[] boxed = new Object[values.size()];
        try {
            if (type == DataType.INTEGER || type == DataType.LONG) {
                MissingIntegers.check(values, dataframe);
            }
            for (int r = 0; r < boxed.length; r++) {
                boxed[r] = missingIfNaN(CellValues.convert(values.get(r), type, dataframe));
            }
        } catch (CellException e) {
            boolean numeric = type == DataType.INTEGER
                    || type == DataType.LONG
                    || type == DataType.FLOAT
                    || type == DataType.DOUBLE;
            throw new ConversionException(name, type.pandasDtype(), e.pythonRepr(), numeric ? e.getMessage() : null);
        }
        return Column.ofBoxed(name, type, boxed);
    }

    /**
     * pandas has no missing float but NaN, so a NaN sent for a float or double column (MLflow writes
     * missing floats as a bare {@code NaN} in {@code serving_input_example.json}) is a missing value,
     * as the Python bridge passes it: a boxed component then gets {@code null}, not a NaN number.
     */
    private static Object missingIfNaN(Object value) {
        return value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN() ? null : value;
    }

    /**
     * An array, object or map column: each cell read as Python's JSON value and checked by the
     * shared enforcement, failing as MLflow's server fails while it reads the payload.
     */
    private static Column nested(String name, ColSpec spec, List<JsonNode> values) {
        Object[] cells = new Object[values.size()];
        for (int r = 0; r < cells.length; r++) {
            Object cell = JsonValues.toJava(values.get(r));
            if (cell == null) {
                continue;
            }
            try {
                cells[r] = SchemaEnforcer.enforceNestedCell(cell, spec.nested());
            } catch (IllegalArgumentException e) {
                throw new ConversionException(
                        name, spec.nested().toString(), "MlflowException(" + PythonNames.pyRepr(e.getMessage()) + ")");
            }
        }
        return Column.ofNested(name, spec.type(), cells);
    }

    /** pandas' inference, for columns outside the signature: bool, int64, float64 or text. */
    private static Column inferred(String name, List<JsonNode> values) {
        boolean allBoolean = true;
        boolean allIntegral = true;
        boolean allNumeric = true;
        boolean anyValue = false;
        for (JsonNode v : values) {
            if (v == null || v.isNull()) {
                continue;
            }
            anyValue = true;
            allBoolean &= v.isBoolean();
            allIntegral &= v.isIntegralNumber() && v.canConvertToLong();
            allNumeric &= v.isNumber();
        }
        DataType type = !anyValue
                ? DataType.STRING
                : allBoolean
                        ? DataType.BOOLEAN
                        : allIntegral ? DataType.LONG : allNumeric ? DataType.DOUBLE : DataType.STRING;
        Object[] boxed = new Object[values.size()];
        for (int r = 0; r < boxed.length; r++) {
            JsonNode v = values.get(r);
            if (v == null || v.isNull()) {
                continue;
            }
            try {
                boxed[r] = type == DataType.STRING && v.isContainerNode() ? v.toString() : CellValues.convert(v, type);
            } catch (CellException e) { // an integer beyond a double's range: keep the column as text
                return asText(name, values);
            }
        }
        return Column.ofBoxed(name, type, boxed);
    }

    private static Column asText(String name, List<JsonNode> values) {
        String[] text = new String[values.size()];
        for (int r = 0; r < text.length; r++) {
            JsonNode v = values.get(r);
            text[r] = v == null || v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString();
        }
        return Column.ofStrings(name, text);
    }
}
