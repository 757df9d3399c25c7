package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inference parameter: {@code {"name": "threshold", "type": "double", "default": 0.5, "shape": null}},
 * or a 1-D list of values with {@code "shape": [-1]}.
 *
 * <pre>{@code
 * new ParamSpec("threshold", DataType.DOUBLE, 0.5);
 * new ParamSpec("stop", DataType.STRING, List.of("\n", "END"), true);
 * new ParamSpec("as_of", DataType.DATETIME, "2024-01-01T12:00:00");
 * }</pre>
 *
 * @param name the parameter name
 * @param type its data type (a list's element type)
 * @param defaultValue the default: {@code Boolean}, {@code Integer}, {@code Long}, {@code Float},
 *     {@code Double}, {@code String} or {@code LocalDateTime} (an ISO string is parsed), matching
 *     {@code type}; a {@code List} of those when {@code list}
 * @param list whether the param is a 1-D list (MLflow's shape {@code [-1]})
 */
public record ParamSpec(String name, DataType type, Object defaultValue, boolean list) {
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (type == DataType.BINARY) {
            throw new IllegalArgumentException("Param '" + name + "': MLflow does not allow binary params.");
        }
        try {
            defaultValue = ParamValues.convert(name, type, list, defaultValue, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Default of param '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A scalar param. */
    public ParamSpec(String name, DataType type, Object defaultValue) {
        this(name, type, defaultValue, false);
    }

    /** Keys in MLflow's order: name, type, default, shape. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.mlflowName());
        json.put("default", ParamValues.toJson(defaultValue));
        json.put("shape", list ? List.of(-1) : null);
        return json;
    }

    static ParamSpec fromJsonMap(Map<String, Object> json) {
        Object type = json.containsKey("type") ? json.get("type") : json.get("dtype");
        if (!(json.get("name") instanceof String name)
                || !(type instanceof String typeName)
                || !json.containsKey("default")) {
            throw new IllegalArgumentException("Param spec needs name, type and default: " + json);
        }
        boolean list = false;
        if (json.get("shape") instanceof List<?> shape) {
            if (shape.size() != 1 || ((Number) shape.get(0)).intValue() != -1) {
                throw new IllegalArgumentException("Param '" + name + "': only scalar params and 1-D lists (shape [-1])"
                        + " exist in MLflow, not shape " + shape + ".");
            }
            list = true;
        }
        return new ParamSpec(name, DataType.fromMlflowName(typeName), json.get("default"), list);
    }
}
