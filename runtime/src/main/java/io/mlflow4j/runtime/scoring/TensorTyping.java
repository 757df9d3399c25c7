package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.TensorSpec;
import io.mlflow4j.runtime.scoring.CellValues.CellException;
import java.util.ArrayList;
import java.util.List;

/**
 * Types a request's frame as the tensors of a tensor signature, as MLflow's scoring server does:
 * from {@code instances} and {@code inputs}, each named tensor (or the one unnamed tensor) as
 * written; from a DataFrame, one matrix (rows by columns) for an unnamed signature, else a tensor
 * per column. Each value is cast to its spec's dtype ({@link TensorValues}); dtype and shape are
 * checked afterwards by the model's tensor enforcement, and tensors the signature does not name
 * are dropped here.
 */
final class TensorTyping {
    private TensorTyping() {}

    static List<Tensor> type(ScoringRequest request, Schema schema) {
        InputFrame frame = request.frame();
        boolean wholeTensors = !request.form().isDataFrame();
        if (!schema.hasNames()) {
            TensorSpec spec = schema.tensors().get(0);
            if (wholeTensors) {
                return List.of(cast(null, frame.columns().get(0).get(0), spec));
            }
            return List.of(cast(null, stackedRows(frame, spec), spec));
        }
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec spec : schema.tensors()) {
            int c = frame.names().indexOf(spec.name());
            if (c >= 0) { // absent tensors are left to the enforcement to report
                List<JsonNode> cells = frame.columns().get(c);
                tensors.add(cast(spec.name(), wholeTensors ? cells.get(0) : column(cells, spec), spec));
            }
        }
        return tensors;
    }

    /** An unnamed signature's one tensor from a DataFrame: its only column, or its rows as a matrix. */
    private static JsonNode stackedRows(InputFrame frame, TensorSpec spec) {
        if (frame.columns().size() == 1) {
            return column(frame.columns().get(0), spec);
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode(frame.rowCount());
        for (int r = 0; r < frame.rowCount(); r++) {
            ArrayNode row = rows.addArray();
            for (List<JsonNode> column : frame.columns()) {
                row.add(column.get(r));
            }
        }
        return rows;
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

    private static Tensor cast(String name, JsonNode value, TensorSpec spec) {
        try {
            return TensorValues.toTensor(name, value, spec.dtype());
        } catch (CellException e) {
            throw ScoringError.badRequest("Invalid input. " + e.getMessage());
        }
    }
}
