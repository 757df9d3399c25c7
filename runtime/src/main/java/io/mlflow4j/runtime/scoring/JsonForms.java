package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the four JSON input forms of MLflow's scoring protocol into an {@link InputFrame}:
 * {@code dataframe_split}, {@code dataframe_records}, {@code instances} and {@code inputs}, with
 * the shapes MLflow accepts for column and tensor signatures and its messages for the shapes it
 * refuses.
 */
final class JsonForms {

    private JsonForms() {}

    /** {@code {"columns": [...], "data": [[...], ...], "index": [...]}}; columns and index optional. */
    static InputFrame dataframeSplit(JsonNode split) {
        if (!split.isObject()) {
            throw ScoringError.badRequest("Invalid input. Dataframe split format must be a dictionary. Got "
                    + (split.isArray() ? "list" : "type <class '" + PythonNames.pythonType(split) + "'>") + ".");
        }
        List<String> keys = new ArrayList<>();
        split.fieldNames().forEachRemaining(keys::add);
        boolean extra = keys.stream().anyMatch(k -> !k.equals("columns") && !k.equals("data") && !k.equals("index"));
        if (!split.has("data") || extra) {
            throw ScoringError.badRequest("Invalid input. Dataframe split format must have 'data' field and"
                    + " optionally 'columns' and 'index' fields. Got " + pySet(keys) + ".");
        }
        JsonNode data = split.get("data");
        JsonNode columns = split.get("columns");
        if (!data.isArray() && !data.isNull()) {
            throw notSplit("DataFrame constructor not properly called!");
        }
        if (columns != null && !columns.isNull() && !columns.isArray()) {
            throw notSplit("Index(...) must be called with a collection of some kind, " + columns + " was passed");
        }
        int rows = data.isNull() ? 0 : data.size();
        List<String> names = new ArrayList<>();
        boolean positional = columns == null || columns.isNull();
        if (positional) {
            int width = rows == 0 ? 0 : (data.get(0).isArray() ? data.get(0).size() : 1);
            for (int c = 0; c < width; c++) {
                names.add(Integer.toString(c));
            }
        } else {
            for (JsonNode name : columns) {
                if (name.isContainerNode()) {
                    throw notSplit("column names must be scalars, got " + name);
                }
                names.add(name.isTextual() ? name.textValue() : name.asText());
            }
        }
        List<List<JsonNode>> values = emptyColumns(names.size(), rows);
        for (int r = 0; r < rows; r++) {
            JsonNode row = data.get(r);
            if (row.isArray()) {
                if (row.size() != names.size()) {
                    throw notSplit(names.size() + " columns passed, passed data had " + row.size() + " columns");
                }
                for (int c = 0; c < names.size(); c++) {
                    values.get(c).add(row.get(c));
                }
            } else if (names.size() == 1 && !row.isObject()) {
                values.get(0).add(row);
            } else {
                throw notSplit("row " + r + " is " + PythonNames.pythonType(row) + ", not a list of " + names.size()
                        + " values");
            }
        }
        JsonNode index = split.get("index");
        if (index != null && !index.isNull() && (!index.isArray() || index.size() != rows)) {
            throw notSplit("Length of values (" + rows + ") does not match length of index ("
                    + (index.isArray() ? index.size() : 1) + ")");
        }
        return new InputFrame(names, values, positional);
    }

    /** {@code [{"col": value, ...}, ...]}: columns in order of first appearance, absent keys missing. */
    static InputFrame dataframeRecords(JsonNode records) {
        if (!records.isArray()) {
            throw ScoringError.badRequest("Invalid input. Dataframe records format must be a list of records. Got "
                    + (records.isObject() ? "dictionary" : "type <class '" + PythonNames.pythonType(records) + "'>")
                    + ".");
        }
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw ScoringError.badRequest("Invalid input. Provided dataframe_records field is not a valid dataframe"
                        + " representation in 'records' format. Error: 'every record must be a dictionary of column"
                        + " values, got " + PythonNames.pythonType(record) + "'");
            }
        }
        return fromRecords(records, true);
    }

    /**
     * {@code instances}: a list of records (every record needs the same keys), a columnar
     * dictionary, or a list of values or rows.
     */
    static InputFrame instances(JsonNode instances, Schema schema) {
        if (instances.isArray() && instances.size() > 0 && instances.get(0).isObject()) {
            for (JsonNode record : instances) {
                if (!record.isObject()) {
                    throw ScoringError.badRequest("Invalid input. Every item of 'instances' must be a dictionary when"
                            + " the first one is, got " + PythonNames.pythonType(record) + ".");
                }
            }
            // MLflow keeps records as records when the signature has array or object columns: absent keys are missing
            // values
            return fromRecords(instances, hasArrayOrObject(schema));
        }
        return inputs(instances, schema);
    }

    /**
     * {@code inputs}: a columnar dictionary ({@code {"x": [1, 2]}} or {@code {"x": 1}}; one record
     * when the signature has array or object columns), a list of
     * records, a list of values for a single-column signature, a list of rows, or one value.
     */
    static InputFrame inputs(JsonNode inputs, Schema schema) {
        if (inputs.isObject()) {
            // MLflow reads a dictionary as one record when the signature has array or object columns
            return hasArrayOrObject(schema)
                    ? fromRecords(JsonNodeFactory.instance.arrayNode().add(inputs), true)
                    : fromColumns(inputs);
        }
        if (inputs.isArray()) {
            boolean anyRecord = false;
            boolean allRows = inputs.size() > 0;
            for (JsonNode item : inputs) {
                anyRecord |= item.isObject();
                allRows &= item.isArray();
            }
            if (anyRecord) {
                return dataframeRecords(inputs);
            }
            if (schema != null && schema.hasNames() && schema.columns().size() == 1) {
                return single(schema.columns().get(0).name(), listOf(inputs), false);
            }
            if (allRows) {
                return fromRows(inputs);
            }
            return single("0", listOf(inputs), true);
        }
        if (schema != null && schema.hasNames() && schema.columns().size() == 1) {
            return single(schema.columns().get(0).name(), List.of(inputs), false);
        }
        return single("0", List.of(inputs), true);
    }

    /**
     * {@code instances} for a tensor signature: as {@code inputs}, after a list of records is turned
     * into a dictionary of columns ({@code [{"a": 1}, {"a": 2}]} to {@code {"a": [1, 2]}}).
     */
    static InputFrame tensorInstances(JsonNode instances, Schema schema) {
        boolean records =
                instances.isArray() && instances.size() > 0 && instances.get(0).isObject();
        return tensorInputs(records ? columnsOf(instances) : instances, schema);
    }

    /**
     * {@code inputs} for a tensor signature, as MLflow's {@code parse_tf_serving_input} reads it:
     * one n-dimensional list (unnamed signature, or a named one with a single tensor) or a
     * dictionary of them by tensor name. Each tensor is one cell of a one-row frame.
     */
    static InputFrame tensorInputs(JsonNode input, Schema schema) {
        if (!schema.hasNames()) {
            if (input.isObject()) {
                throw ScoringError.badRequest("Invalid input. Failed to parse input data. This model contains an"
                        + " un-named tensor-based model signature which expects a single n-dimensional array as"
                        + " input, however, an input of type <class 'dict'> was found.");
            }
            return single("0", List.of(input), true);
        }
        if (schema.tensors().size() == 1 && input.isArray()) {
            return single(schema.tensors().get(0).name(), List.of(input), false);
        }
        if (!input.isObject()) {
            throw ScoringError.badRequest("Invalid input. Failed to parse input data. This model contains a"
                    + " tensor-based model signature with input names, which suggests a dictionary input mapping"
                    + " input name to tensor, but an input of type <class '"
                    + (input.isArray() ? "list" : PythonNames.pythonType(input)) + "'> was found.");
        }
        List<String> names = new ArrayList<>();
        List<List<JsonNode>> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : input.properties()) {
            names.add(field.getKey());
            tensors.add(List.of(field.getValue()));
        }
        return new InputFrame(names, tensors, false);
    }

    /** {@code [{"a": 1, "b": 2}, {"a": 3, "b": 4}]} to {@code {"a": [1, 3], "b": [2, 4]}}; all keys in every record. */
    private static JsonNode columnsOf(JsonNode records) {
        Map<String, ArrayNode> columns = new LinkedHashMap<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw ScoringError.badRequest("Invalid input. Every item of 'instances' must be a dictionary when"
                        + " the first one is, got " + PythonNames.pythonType(record) + ".");
            }
            record.properties()
                    .forEach(e -> columns.computeIfAbsent(e.getKey(), k -> JsonNodeFactory.instance.arrayNode())
                            .add(e.getValue()));
        }
        for (ArrayNode column : columns.values()) {
            if (column.size() != records.size()) {
                throw ScoringError.badRequest("Invalid input. The length of values for each input/column name are"
                        + " not the same. Send the same keys in every item of 'instances'.");
            }
        }
        return JsonNodeFactory.instance.objectNode().setAll(columns);
    }

    private static boolean hasArrayOrObject(Schema schema) {
        return schema != null
                && schema.columns().stream().anyMatch(c -> c.type() == DataType.ARRAY || c.type() == DataType.OBJECT);
    }

    private static InputFrame fromRecords(JsonNode records, boolean fillMissing) {
        if (fillMissing) {
            Set<String> names = new HashSet<>();
            long sent = 0;
            for (JsonNode record : records) {
                record.fieldNames().forEachRemaining(names::add);
                sent += record.size();
            }
            checkFilled((long) names.size() * records.size() - sent, names.size(), records.size());
        }
        Map<String, List<JsonNode>> columns = new LinkedHashMap<>();
        int row = 0;
        for (JsonNode record : records) {
            for (Map.Entry<String, JsonNode> field : record.properties()) {
                List<JsonNode> column = columns.get(field.getKey());
                if (column == null) {
                    column = new ArrayList<>(records.size());
                    if (fillMissing) {
                        for (int r = 0; r < row; r++) {
                            column.add(NullNode.instance);
                        }
                    }
                    columns.put(field.getKey(), column);
                }
                column.add(field.getValue());
            }
            row++;
            if (fillMissing) {
                for (List<JsonNode> column : columns.values()) {
                    if (column.size() < row) {
                        column.add(NullNode.instance);
                    }
                }
            }
        }
        return new InputFrame(new ArrayList<>(columns.keySet()), new ArrayList<>(columns.values()), false);
    }

    private static InputFrame fromColumns(JsonNode dict) {
        List<String> names = new ArrayList<>();
        List<JsonNode> raw = new ArrayList<>();
        int rows = -1;
        for (Map.Entry<String, JsonNode> field : dict.properties()) {
            names.add(field.getKey());
            raw.add(field.getValue());
            if (field.getValue().isArray()) {
                rows = Math.max(rows, field.getValue().size());
            }
        }
        long scalars = raw.stream().filter(v -> !v.isArray()).count();
        checkFilled(scalars * Math.max(rows, 1), names.size(), Math.max(rows, 1));
        List<List<JsonNode>> columns = new ArrayList<>();
        for (JsonNode value : raw) {
            if (value.isArray()) {
                columns.add(listOf(value));
            } else { // a scalar is one row, or is repeated along the other columns as pandas broadcasts it
                List<JsonNode> repeated = new ArrayList<>();
                for (int r = 0; r < Math.max(rows, 1); r++) {
                    repeated.add(value);
                }
                columns.add(repeated);
            }
        }
        return new InputFrame(names, columns, false);
    }

    private static InputFrame fromRows(JsonNode rows) {
        int width = rows.get(0).size();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            names.add(Integer.toString(c));
        }
        List<List<JsonNode>> columns = emptyColumns(width, rows.size());
        for (JsonNode row : rows) {
            if (row.size() != width) {
                throw ScoringError.badRequest("Invalid input. setting an array element with a sequence. The requested"
                        + " array has an inhomogeneous shape after 1 dimensions: rows have " + width + " and "
                        + row.size() + " values. Send rows of equal length.");
            }
            for (int c = 0; c < width; c++) {
                columns.get(c).add(row.get(c));
            }
        }
        return new InputFrame(names, columns, true);
    }

    private static void checkFilled(long filled, long columns, long rows) {
        if (filled > InputFrame.MAX_FILLED_CELLS) {
            throw ScoringError.badRequest("Invalid input. The payload names " + columns + " columns over " + rows
                    + " rows but leaves " + filled + " of those cells to fill in; the server fills in at most "
                    + InputFrame.MAX_FILLED_CELLS
                    + ". Send the same columns in every record (or lists, not single values, in"
                    + " a columnar dictionary), or fewer rows per request.");
        }
    }

    private static InputFrame single(String name, List<JsonNode> values, boolean positional) {
        return new InputFrame(List.of(name), List.of(values), positional);
    }

    private static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> values = new ArrayList<>(array.size());
        array.forEach(values::add);
        return values;
    }

    private static List<List<JsonNode>> emptyColumns(int count, int rows) {
        List<List<JsonNode>> columns = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            columns.add(new ArrayList<>(rows));
        }
        return columns;
    }

    private static ScoringError notSplit(String pandasError) {
        return ScoringError.badRequest("Invalid input. Provided dataframe_split field is not a valid dataframe"
                + " representation in 'split' format. Error: '" + pandasError + "'");
    }

    private static String pySet(List<String> keys) {
        List<String> quoted = new ArrayList<>();
        for (String k : keys) {
            quoted.add(PythonNames.pyRepr(k));
        }
        return "{" + String.join(", ", quoted) + "}";
    }
}
