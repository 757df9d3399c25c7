package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.error.ModelPredictionException;
import io.mlflow4j.runtime.internal.PythonJson;
import java.lang.reflect.Array;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a prediction as an Open Inference Protocol infer response, as MLServer's MLflow runtime
 * encodes MLflow's outputs: a table of named columns (a DataFrame) as one output per column, shape
 * {@code [N, 1]}; unnamed columns or one unnamed tensor (a numpy array) as {@code "output-1"}; named
 * tensors (a dictionary of arrays) as one output each. Data is flat, row-major; a one-dimensional
 * result gets the shape {@code [N, 1]}. The predict stage's errors get the protocol's error shape:
 * 400 for input that does not fit the model, 500 when the model fails (MLServer answers both with a
 * 500 in plain text, which clients cannot parse).
 */
final class InferResponses implements AnswerFormat {
    private static final Logger LOG = LoggerFactory.getLogger(InferResponses.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String modelName;
    private final String id;

    InferResponses(String modelName, String id) {
        this.modelName = modelName;
        this.id = id;
    }

    @Override
    public ScoringResponse table(Table output) {
        boolean named = output.columnCount() > 0 && output.column(0).name() != null;
        if (!named) {
            return respond("np", List.of(unnamedColumns(output)));
        }
        ObjectNode[] outputs = new ObjectNode[output.columnCount()];
        for (int c = 0; c < outputs.length; c++) {
            Column column = output.column(c);
            ObjectNode out = header(column.name(), new int[] {column.size(), 1}, V2Types.datatype(column.type()));
            String contentType = V2Types.contentType(column.type());
            if (!contentType.equals("np")) { // MLServer marks every column but numbers with its content type
                out.putObject("parameters").put("content_type", contentType);
            }
            ArrayNode data = out.putArray("data");
            for (int r = 0; r < column.size(); r++) {
                cell(column, r, data);
            }
            outputs[c] = out;
        }
        return respond("pd", List.of(outputs));
    }

    /** Unnamed columns are MLflow's numpy array: one output, {@code [N, k]}, of the first column's type. */
    private ObjectNode unnamedColumns(Table output) {
        int rows = output.rowCount();
        int width = output.columnCount();
        ObjectNode out = header(
                "output-1",
                new int[] {rows, Math.max(width, 1)},
                width == 0 ? "FP64" : V2Types.datatype(output.column(0).type()));
        out.putObject("parameters").put("content_type", "np");
        ArrayNode data = out.putArray("data");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                cell(output.column(c), r, data);
            }
        }
        return out;
    }

    @Override
    public ScoringResponse tensors(List<Tensor> output) {
        boolean named = output.size() != 1 || output.get(0).name() != null;
        ObjectNode[] outputs = new ObjectNode[output.size()];
        for (int t = 0; t < outputs.length; t++) {
            Tensor tensor = output.get(t);
            int[] shape = tensor.shape().length == 1 ? new int[] {tensor.shape()[0], 1} : tensor.shape();
            ObjectNode out = header(named ? tensor.name() : "output-1", shape, V2Types.datatype(tensor.dtype()));
            out.putObject("parameters").put("content_type", "np");
            ArrayNode data = out.putArray("data");
            int n = Array.getLength(tensor.data());
            for (int i = 0; i < n; i++) {
                number(Array.get(tensor.data(), i), data);
            }
            outputs[t] = out;
        }
        return respond(named ? "dict" : "np", List.of(outputs));
    }

    @Override
    public ScoringResponse refused(MlflowException e, String data) {
        return V2Error.response(Invocations.statusOf(e.errorCode()), e.getMessage());
    }

    @Override
    public ScoringResponse modelFailed(ModelPredictionException e) {
        LOG.warn("The model failed on an infer request: {}", e.getMessage(), e.getCause());
        return V2Error.response(
                500,
                "Model '" + modelName + "' failed to predict: it raised "
                        + e.getCause().getClass().getSimpleName() + "; the server log has the details.");
    }

    private ScoringResponse respond(String contentType, List<ObjectNode> outputs) {
        ObjectNode response = NODES.objectNode();
        response.put("model_name", modelName);
        response.put("id", id);
        response.putObject("parameters").put("content_type", contentType);
        ArrayNode list = response.putArray("outputs");
        outputs.forEach(list::add);
        return ScoringResponse.json(200, V2Json.bytes(response));
    }

    private static ObjectNode header(String name, int[] shape, String datatype) {
        ObjectNode out = NODES.objectNode();
        out.put("name", name);
        ArrayNode dims = out.putArray("shape");
        for (int d : shape) {
            dims.add(d);
        }
        out.put("datatype", datatype);
        return out;
    }

    private static void cell(Column column, int row, ArrayNode data) {
        if (column.isMissing(row)) {
            data.addNull();
            return;
        }
        DataType type = column.type();
        switch (type) {
            case BOOLEAN -> data.add(column.getBoolean(row));
            case INTEGER -> data.add(column.getInt(row));
            case LONG -> data.add(column.getLong(row));
            case FLOAT -> number(column.getFloat(row), data);
            case DOUBLE -> number(column.getDouble(row), data);
            case STRING -> data.add(column.getString(row));
            case BINARY -> data.add(PythonValues.encodebytes(column.getBytes(row)));
            case DATETIME -> data.add(PythonValues.isoformat(column.getEpochNanos(row)));
            default -> data.add(PythonJson.dumps(column.get(row)));
        }
    }

    private static void number(Object value, ArrayNode data) {
        if (value instanceof Double d) {
            if (d.isNaN()) {
                data.addNull();
            } else {
                data.add(d);
            }
        } else if (value instanceof Float f) {
            if (f.isNaN()) {
                data.addNull();
            } else {
                data.add(f);
            }
        } else if (value instanceof Integer i) {
            data.add(i);
        } else if (value instanceof Long l) {
            data.add(l);
        } else if (value instanceof Boolean b) {
            data.add(b);
        } else {
            data.add(String.valueOf(value));
        }
    }
}
