package io.mlflow4j.runtime.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inference parameter: {@code {"name": "threshold", "type": "double", "default": 0.5, "shape": null}}.
 *
 * @param name the parameter name
 * @param type its data type
 * @param defaultValue the default: {@code Boolean}, {@code Integer}, {@code Long}, {@code Float},
 *     {@code Double} or {@code String}, matching {@code type}
 */
public record ParamSpec(String name, DataType type, Object defaultValue) {
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (type == DataType.BINARY) {
            throw new IllegalArgumentException("Param '" + name + "': MLflow does not allow binary params.");
        }
        if (type == DataType.DATETIME) {
            throw new IllegalArgumentException("Param '" + name + "': datetime params are not supported yet.");
        }
        try {
            defaultValue = ParamValues.convert(name, type, defaultValue, defaultValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Default of param '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Keys in MLflow's order: name, type, default, shape. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.mlflowName());
        json.put("default", defaultValue);
        json.put("shape", null);
        return json;
    }

    static ParamSpec fromJsonMap(Map<String, Object> json) {
        Object type = json.containsKey("type") ? json.get("type") : json.get("dtype");
        if (!(json.get("name") instanceof String name) || !(type instanceof String typeName)
                || !json.containsKey("default")) {
            throw new IllegalArgumentException("Param spec needs name, type and default: " + json);
        }
        if (json.get("shape") instanceof List<?>) {
            throw new IllegalArgumentException("Param '" + name + "': list params are not supported yet.");
        }
        return new ParamSpec(name, DataType.fromMlflowName(typeName), json.get("default"));
    }
}
