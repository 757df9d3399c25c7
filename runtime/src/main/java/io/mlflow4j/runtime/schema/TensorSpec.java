package io.mlflow4j.runtime.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tensor input or output: {@code {"name": "x", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}}.
 * {@code -1} marks a variable dimension (the first is the batch).
 *
 * @param name the tensor's name, or {@code null} in an unnamed schema
 * @param dtype the numpy dtype name: {@code float32}, {@code float64}, {@code int32}, {@code int64} or {@code bool}
 * @param shape the dimensions, {@code -1} where any size goes
 */
public record TensorSpec(String name, String dtype, List<Integer> shape) {
    public static final List<String> DTYPES = List.of("float32", "float64", "int32", "int64", "bool");

    public TensorSpec {
        Objects.requireNonNull(dtype, "dtype");
        if (!DTYPES.contains(dtype)) {
            throw new IllegalArgumentException(
                    "Tensor dtype '" + dtype + "' is not supported; use one of " + DTYPES + ".");
        }
        shape = List.copyOf(shape);
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("A tensor needs at least one dimension.");
        }
    }

    /** Keys in MLflow's order: name (when named), type, tensor-spec. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (name != null) {
            json.put("name", name);
        }
        json.put("type", "tensor");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dtype", dtype);
        spec.put("shape", shape);
        json.put("tensor-spec", spec);
        return json;
    }

    @SuppressWarnings("unchecked")
    static TensorSpec fromJsonMap(Map<String, Object> json) {
        Map<String, Object> spec = (Map<String, Object>) json.get("tensor-spec");
        if (spec == null) {
            throw new IllegalArgumentException("Tensor spec without 'tensor-spec': " + json);
        }
        List<Integer> shape = new ArrayList<>();
        for (Object d : (List<?>) spec.get("shape")) {
            shape.add(((Number) d).intValue());
        }
        return new TensorSpec((String) json.get("name"), String.valueOf(spec.get("dtype")), shape);
    }

    /** MLflow's repr: {@code Tensor('float32', (-1, 4))}, named {@code 'x': Tensor(...)}. */
    @Override
    public String toString() {
        String dims = shape.size() == 1
                ? "(" + shape.get(0) + ",)"
                : "(" + String.join(", ", shape.stream().map(String::valueOf).toList()) + ")";
        String tensor = "Tensor('" + dtype + "', " + dims + ")";
        return name == null ? tensor : "'" + name + "': " + tensor;
    }
}
