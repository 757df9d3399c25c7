package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.scoring.CellValues.CellException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a JSON value (nested lists, or one value) into a tensor of a given dtype as MLflow's
 * scoring server does with {@code np.array(value, dtype=spec_dtype)}: the shape is that of the
 * nesting, ragged lists are refused with numpy's message, and each value is cast as numpy casts it
 * (numbers and numeric strings to floats, {@code null} to NaN in a float tensor, floats truncated
 * to integers). Failures are {@link CellException}s carrying numpy's error.
 */
final class TensorValues {
    private TensorValues() {}

    static Tensor toTensor(String name, JsonNode value, String dtype) {
        List<Integer> dims = new ArrayList<>();
        for (JsonNode n = value; n.isArray(); n = n.size() == 0 ? null : n.get(0)) {
            dims.add(n.size());
            if (n.size() == 0) {
                break;
            }
        }
        int consistent = consistentDepth(value, dims, 0);
        if (consistent < dims.size() || (consistent == dims.size() && hasArrayBelow(value, dims.size()))) {
            throw new CellException(
                    "ValueError",
                    "setting an array element with a sequence. The requested array has"
                            + " an inhomogeneous shape after " + consistent + " dimensions. The detected shape was "
                            + shape(dims.subList(0, consistent)) + " + inhomogeneous part.");
        }
        long size = 1;
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            size *= shape[i];
        }
        List<JsonNode> leaves = new ArrayList<>((int) Math.min(size, Integer.MAX_VALUE));
        collect(value, shape.length, leaves);
        return new Tensor(name, dtype, shape, values(leaves, dtype));
    }

    /** The number of leading dimensions in which every list has the size of the first. */
    private static int consistentDepth(JsonNode node, List<Integer> dims, int depth) {
        if (depth == dims.size()) {
            return depth;
        }
        if (!node.isArray() || node.size() != dims.get(depth)) {
            return depth;
        }
        int min = dims.size();
        for (JsonNode child : node) {
            min = Math.min(min, consistentDepth(child, dims, depth + 1));
            if (min == depth + 1) {
                break;
            }
        }
        return min;
    }

    /** Whether a list sits where the shape says a value should (e.g. {@code [1, [2]]}). */
    private static boolean hasArrayBelow(JsonNode node, int depth) {
        if (depth == 0) {
            return node.isArray();
        }
        for (JsonNode child : node) {
            if (hasArrayBelow(child, depth - 1)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(JsonNode node, int depth, List<JsonNode> leaves) {
        if (depth == 0) {
            leaves.add(node);
            return;
        }
        for (JsonNode child : node) {
            collect(child, depth - 1, leaves);
        }
    }

    private static Object values(List<JsonNode> leaves, String dtype) {
        int n = leaves.size();
        switch (dtype) {
            case "float32" -> {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = isNull(leaves.get(i))
                            ? Float.NaN
                            : (Float) CellValues.convert(leaves.get(i), DataType.FLOAT);
                }
                return out;
            }
            case "float64" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = isNull(leaves.get(i))
                            ? Double.NaN
                            : (Double) CellValues.convert(leaves.get(i), DataType.DOUBLE);
                }
                return out;
            }
            case "int32" -> {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (Integer) CellValues.convert(notNull(leaves.get(i), "int"), DataType.INTEGER);
                }
                return out;
            }
            case "int64" -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (Long) CellValues.convert(notNull(leaves.get(i), "int"), DataType.LONG);
                }
                return out;
            }
            case "bool" -> {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = truth(leaves.get(i));
                }
                return out;
            }
            default -> throw new CellException("TypeError", "data type '" + dtype + "' not understood");
        }
    }

    private static boolean isNull(JsonNode v) {
        return v == null || v.isNull();
    }

    private static JsonNode notNull(JsonNode v, String pythonCast) {
        if (isNull(v)) {
            throw new CellException(
                    "TypeError",
                    pythonCast + "() argument must be a string, a bytes-like object or a"
                            + " real number, not 'NoneType'");
        }
        return v;
    }

    /** numpy's {@code bool(x)}: numbers are true unless zero, {@code null} is false. */
    private static boolean truth(JsonNode v) {
        if (isNull(v)) {
            return false;
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0
                    || (v.isBigInteger() && v.bigIntegerValue().signum() != 0);
        }
        return (Boolean) CellValues.convert(v, DataType.BOOLEAN);
    }

    private static String shape(List<Integer> dims) {
        if (dims.size() == 1) {
            return "(" + dims.get(0) + ",)";
        }
        List<String> parts = new ArrayList<>();
        dims.forEach(d -> parts.add(String.valueOf(d)));
        return "(" + String.join(", ", parts) + ")";
    }
}
