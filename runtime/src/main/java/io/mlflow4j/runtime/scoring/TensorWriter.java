package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import io.mlflow4j.runtime.data.Tensor;
import java.io.IOException;
import java.util.List;

/**
 * Writes a model's output tensors as MLflow writes numpy output: one unnamed tensor as
 * {@code ndarray.tolist()} ({@code [[10.0], [2.0]]}), otherwise a dictionary by name
 * ({@code {"sums": [6.0], "ids": [7]}}; an unnamed tensor among several is keyed by its position).
 * Float32 values are written as the Python floats {@code tolist()} gives, that is as doubles.
 */
final class TensorWriter {
    private TensorWriter() {}

    static void write(List<Tensor> tensors, JsonGenerator g) throws IOException {
        if (tensors.size() == 1 && tensors.get(0).name() == null) {
            writeTensor(tensors.get(0), g);
            return;
        }
        g.writeStartObject();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            g.writeFieldName(t.name() == null ? Integer.toString(i) : t.name());
            writeTensor(t, g);
        }
        g.writeEndObject();
    }

    private static void writeTensor(Tensor t, JsonGenerator g) throws IOException {
        int[] shape = t.shape();
        if (shape.length == 0) {
            writeValue(t, 0, g);
            return;
        }
        writeLevel(t, shape, 0, 0, g);
    }

    /** Writes dimension {@code dim} starting at flat index {@code offset}. */
    private static void writeLevel(Tensor t, int[] shape, int dim, int offset, JsonGenerator g) throws IOException {
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        g.writeStartArray();
        for (int i = 0; i < shape[dim]; i++) {
            if (dim == shape.length - 1) {
                writeValue(t, offset + i, g);
            } else {
                writeLevel(t, shape, dim + 1, offset + i * stride, g);
            }
        }
        g.writeEndArray();
    }

    private static void writeValue(Tensor t, int index, JsonGenerator g) throws IOException {
        switch (t.dtype()) {
            case "float32" -> PythonValues.writeFloat(((float[]) t.data())[index], g);
            case "float64" -> PythonValues.writeFloat(((double[]) t.data())[index], g);
            case "int32" -> g.writeNumber(((int[]) t.data())[index]);
            case "int64" -> g.writeNumber(((long[]) t.data())[index]);
            case "bool" -> g.writeBoolean(((boolean[]) t.data())[index]);
            default -> throw new IllegalStateException("Unsupported tensor dtype " + t.dtype());
        }
    }
}
