package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PythonJson;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.ParamsEnforcer;
import io.mlflow4j.runtime.schema.SchemaEnforcer;
import io.mlflow4j.runtime.schema.TensorEnforcer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's input example, checked and written as MLflow 2.17 writes a DataFrame example:
 * {@code input_example.json} in pandas' split orient without index, {@code serving_input_example.json}
 * as a ready-to-POST {@code dataframe_split} body, and {@code saved_input_example_info} in MLmodel.
 */
final class InputExamples {
    static final String EXAMPLE_FILE = "input_example.json";
    static final String SERVING_FILE = "serving_input_example.json";

    private InputExamples() {}

    /** Runs the example through schema enforcement and the model; a failure stops the save before anything is written. */
    static void check(ModelAdapter<?> adapter, ColumnPredictor predictor, Table example) {
        ModelSignature signature = adapter.spec().signature();
        try {
            Table enforced = signature.inputs() == null ? example : SchemaEnforcer.enforce(example, signature.inputs());
            predictor.predict(enforced, ParamsEnforcer.enforce(signature.params(), adapter.inputExampleParams()));
        } catch (Exception e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_PARAMETER_VALUE,
                    "The input example of model '"
                            + adapter.spec().name() + "' fails when the model predicts on it: " + e.getMessage()
                            + ". Fix the @InputExample, or make the model ready (call its @Load code) before saving. Nothing was written.",
                    e);
        }
    }

    /** Runs a tensor example through enforcement and the model, before anything is written. */
    static void checkTensors(ModelAdapter<?> adapter, TensorPredictor predictor, List<Tensor> example) {
        ModelSignature signature = adapter.spec().signature();
        try {
            predictor.predictTensors(
                    TensorEnforcer.enforce(example, signature.inputs()),
                    ParamsEnforcer.enforce(signature.params(), adapter.inputExampleParams()));
        } catch (Exception e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INVALID_PARAMETER_VALUE,
                    "The input example of model '"
                            + adapter.spec().name() + "' fails when the model predicts on it: " + e.getMessage()
                            + ". Fix the @InputExample. Nothing was written.",
                    e);
        }
    }

    /** Writes a tensor example as MLflow writes an ndarray example: nested lists, by name when named. */
    static Map<String, Object> writeTensors(Path modelRoot, List<Tensor> example, Map<String, Object> params)
            throws IOException {
        Object value;
        if (example.size() == 1 && example.get(0).name() == null) {
            value = nestedList(example.get(0));
        } else {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Tensor t : example) {
                byName.put(t.name(), nestedList(t));
            }
            value = byName;
        }
        return writeFiles(modelRoot, value, "inputs", params, "ndarray");
    }

    /** numpy's {@code tolist()}: nested lists by dimension, float32 widened to Python floats. */
    static Object nestedList(Tensor t) {
        return nest(t, 0, 0);
    }

    private static Object nest(Tensor t, int dim, int offset) {
        int[] shape = t.shape();
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        List<Object> out = new ArrayList<>(shape[dim]);
        for (int i = 0; i < shape[dim]; i++) {
            int at = offset + i * stride;
            out.add(dim == shape.length - 1 ? element(t.data(), at) : nest(t, dim + 1, at));
        }
        return out;
    }

    private static Object element(Object data, int i) {
        if (data instanceof float[] f) {
            return (double) f[i];
        }
        if (data instanceof double[] d) {
            return d[i];
        }
        if (data instanceof int[] v) {
            return v[i];
        }
        if (data instanceof long[] v) {
            return v[i];
        }
        return ((boolean[]) data)[i];
    }

    /** Writes both files into the model folder and returns MLmodel's {@code saved_input_example_info}. */
    static Map<String, Object> write(Path modelRoot, Table example, Map<String, Object> params) throws IOException {
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("columns", example.columnNames());
        split.put("data", rows(example));
        return writeFiles(modelRoot, split, "dataframe_split", params, "dataframe");
    }

    /**
     * MLflow's two files and {@code saved_input_example_info}; with params, the example becomes
     * {@code {"inputs": ..., "params": ...}}, the serving body gains {@code "params"} and the info
     * {@code params: 'true'}.
     */
    private static Map<String, Object> writeFiles(
            Path modelRoot, Object value, String servingKey, Map<String, Object> params, String type)
            throws IOException {
        boolean withParams = params != null && !params.isEmpty();
        Map<String, Object> jsonParams = new LinkedHashMap<>();
        if (withParams) {
            params.forEach((k, v) -> jsonParams.put(k, v));
        }
        Object example = value;
        if (withParams) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("inputs", value);
            wrapped.put("params", jsonParams);
            example = wrapped;
        }
        Files.writeString(modelRoot.resolve(EXAMPLE_FILE), PythonJson.dumps(example));
        Map<String, Object> serving = new LinkedHashMap<>();
        serving.put(servingKey, value);
        if (withParams) {
            serving.put("params", jsonParams);
        }
        Files.writeString(modelRoot.resolve(SERVING_FILE), PythonJson.dumps(serving, 2));

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("artifact_path", EXAMPLE_FILE);
        if (type.equals("dataframe")) {
            info.put("pandas_orient", "split");
        }
        if (withParams) {
            info.put("params", "true");
        }
        info.put("serving_input_path", SERVING_FILE);
        info.put("type", type);
        return info;
    }

    /** Python's {@code base64.encodebytes}, which MLflow's JSON encoder uses for bytes: 76-character lines, each ending in a newline. */
    static String encodebytes(byte[] bytes) {
        String encoded = Base64.getEncoder().encodeToString(bytes);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 76) {
            out.append(encoded, i, Math.min(encoded.length(), i + 76)).append('\n');
        }
        return out.toString();
    }

    /**
     * Row-major values as pandas writes them: a missing float is NaN; other missing values are
     * null (pandas would turn an integer column with a gap into floats, which a Java example never
     * is, so we keep the integers and write null, which pandas reads back as missing).
     */
    private static List<List<Object>> rows(Table table) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (Column column : table.columns()) {
                Object value = column.get(r);
                row.add(
                        switch (column.type()) {
                            case FLOAT ->
                                value == null ? Double.NaN : (double) (Float) value; // numpy float32 -> Python float
                            case DOUBLE -> value == null ? Double.NaN : value;
                            case BINARY -> value == null ? null : encodebytes((byte[]) value);
                            case DATETIME -> value == null ? null : Datetimes.isoformat((Long) value);
                            default -> value;
                        });
            }
            rows.add(row);
        }
        return rows;
    }
}
