package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.TensorSpec;
import io.mlflow4j.runtime.scoring.CellValues.CellException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON payload into tensors for a model with a tensor signature, as MLflow's
 * {@code parse_tf_serving_input} does: {@code inputs} and {@code instances} hold one n-dimensional
 * list (unnamed signature) or a dictionary of them by tensor name (named signature; a list of
 * records in {@code instances} is turned into columns first); a DataFrame ({@code dataframe_split},
 * {@code dataframe_records}) is one matrix, or one tensor per column. Each value is cast to its
 * spec's dtype; dtype and shape are checked afterwards by the model's tensor enforcement.
 */
final class TensorRequests {
    private TensorRequests() {}

    /** {@code inputs}, or {@code instances} when {@code instances} is true. */
    static List<Tensor> fromJson(JsonNode data, Schema schema, boolean instances) {
        JsonNode input = data;
        if (instances && data.isArray() && data.size() > 0 && data.get(0).isObject()) {
            input = columnsOf(data);
        }
        if (!schema.hasNames()) {
            if (input.isObject()) {
                throw ScoringError.badRequest("Invalid input. Failed to parse input data. This model contains an"
                        + " un-named tensor-based model signature which expects a single n-dimensional array as"
                        + " input, however, an input of type <class 'dict'> was found.");
            }
            return List.of(cast(null, input, schema.tensors().get(0)));
        }
        if (schema.tensors().size() == 1 && input.isArray()) {
            TensorSpec only = schema.tensors().get(0);
            return List.of(cast(only.name(), input, only));
        }
        if (!input.isObject()) {
            throw ScoringError.badRequest("Invalid input. Failed to parse input data. This model contains a"
                    + " tensor-based model signature with input names, which suggests a dictionary input mapping"
                    + " input name to tensor, but an input of type <class '" + (input.isArray() ? "list"
                    : CellValues.pythonType(input)) + "'> was found.");
        }
        return named(input, schema);
    }

    /** A DataFrame's columns: one matrix (rows by columns) for an unnamed signature, else a tensor per column. */
    static List<Tensor> fromFrame(RawFrame frame, Schema schema) {
        if (!schema.hasNames()) {
            TensorSpec spec = schema.tensors().get(0);
            if (frame.columns().size() == 1) {
                return List.of(cast(null, column(frame.columns().get(0), spec), spec));
            }
            ArrayNode rows = JsonNodeFactory.instance.arrayNode(frame.rowCount());
            for (int r = 0; r < frame.rowCount(); r++) {
                ArrayNode row = rows.addArray();
                for (List<JsonNode> column : frame.columns()) {
                    row.add(column.get(r));
                }
            }
            return List.of(cast(null, rows, spec));
        }
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec spec : schema.tensors()) {
            int c = frame.names().indexOf(spec.name());
            if (c >= 0) {
                tensors.add(cast(spec.name(), column(frame.columns().get(c), spec), spec));
            }
        }
        return tensors;
    }

    /**
     * One column as a tensor: its cells stacked, and a column of single values made a column
     * vector ({@code (-1, 1)}) when the spec has more than one dimension, as MLflow reshapes it.
     */
    private static ArrayNode column(List<JsonNode> cells, TensorSpec spec) {
        boolean reshape = spec.shape().size() > 1 && cells.stream().noneMatch(JsonNode::isContainerNode);
        ArrayNode values = JsonNodeFactory.instance.arrayNode(cells.size());
        for (JsonNode cell : cells) {
            if (reshape) {
                values.addArray().add(cell);
            } else {
                values.add(cell);
            }
        }
        return values;
    }

    /** The tensors the payload names, in schema order; absent ones are left to the enforcement to report. */
    private static List<Tensor> named(JsonNode input, Schema schema) {
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec spec : schema.tensors()) {
            JsonNode value = input.get(spec.name());
            if (value != null) {
                tensors.add(cast(spec.name(), value, spec));
            }
        }
        return tensors;
    }

    /** {@code [{"a": 1, "b": 2}, {"a": 3, "b": 4}]} to {@code {"a": [1, 3], "b": [2, 4]}}; all keys in every record. */
    private static JsonNode columnsOf(JsonNode records) {
        Map<String, ArrayNode> columns = new LinkedHashMap<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw ScoringError.badRequest("Invalid input. Every item of 'instances' must be a dictionary when"
                        + " the first one is, got " + CellValues.pythonType(record) + ".");
            }
            record.properties().forEach(e -> columns.computeIfAbsent(e.getKey(),
                    k -> JsonNodeFactory.instance.arrayNode()).add(e.getValue()));
        }
        for (ArrayNode column : columns.values()) {
            if (column.size() != records.size()) {
                throw ScoringError.badRequest("Invalid input. The length of values for each input/column name are"
                        + " not the same. Send the same keys in every item of 'instances'.");
            }
        }
        return JsonNodeFactory.instance.objectNode().setAll(columns);
    }

    private static Tensor cast(String name, JsonNode value, TensorSpec spec) {
        try {
            return TensorValues.toTensor(name, value, spec.dtype());
        } catch (CellException e) {
            throw ScoringError.badRequest("Invalid input. " + e.getMessage());
        }
    }
}
