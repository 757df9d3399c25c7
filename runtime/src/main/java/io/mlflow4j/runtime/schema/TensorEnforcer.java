package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow's enforcement for tensor schemas: every declared tensor present (by name when named),
 * the dtype exactly the declared one (no widening, as in MLflow), the rank equal and every fixed
 * dimension equal; {@code -1} matches any size. The result holds the tensors in schema order.
 */
public final class TensorEnforcer {
    private TensorEnforcer() {}

    public static List<Tensor> enforce(List<Tensor> input, Schema schema) {
        try {
            return schema.hasNames()
                    ? named(input, schema)
                    : List.of(check(single(input), schema.tensors().get(0)));
        } catch (IllegalArgumentException e) {
            throw MlflowException.invalidParameter("Failed to enforce schema of data '" + input + "' with schema '"
                    + schema + "'. Error: " + e.getMessage());
        }
    }

    private static Tensor single(List<Tensor> input) {
        if (input.size() != 1) {
            throw new IllegalArgumentException("The model takes one unnamed tensor, but got " + input.size() + ".");
        }
        return input.get(0).withName(null);
    }

    private static List<Tensor> named(List<Tensor> input, Schema schema) {
        List<String> missing = new ArrayList<>();
        List<Tensor> found = new ArrayList<>();
        for (TensorSpec spec : schema.tensors()) {
            Tensor tensor = input.stream()
                    .filter(t -> spec.name().equals(t.name()))
                    .findFirst()
                    .orElse(null);
            if (tensor == null) {
                missing.add("'" + spec.name() + "'");
            }
            found.add(tensor);
        }
        if (!missing.isEmpty()) { // MLflow names every missing input before it looks at shapes
            throw new IllegalArgumentException("Model is missing inputs " + missing + ".");
        }
        List<Tensor> result = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            result.add(check(found.get(i), schema.tensors().get(i)));
        }
        return result;
    }

    private static Tensor check(Tensor tensor, TensorSpec spec) {
        if (!tensor.dtype().equals(spec.dtype())) {
            throw new IllegalArgumentException(
                    "dtype of input " + tensor.dtype() + " does not match expected dtype " + spec.dtype());
        }
        boolean matches = tensor.shape().length == spec.shape().size();
        for (int i = 0; matches && i < tensor.shape().length; i++) {
            int expected = spec.shape().get(i);
            matches = expected == -1 || expected == tensor.shape()[i];
        }
        if (!matches) {
            String expected = spec.shape().size() == 1
                    ? "(" + spec.shape().get(0) + ",)"
                    : "("
                            + String.join(
                                    ", ",
                                    spec.shape().stream().map(String::valueOf).toList()) + ")";
            throw new IllegalArgumentException(
                    "Shape of input " + tensor.shapeString() + " does not match expected shape " + expected + ".");
        }
        return tensor;
    }
}
