package io.mlflow4j.runtime.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One column of a signature: {@code {"type": "double", "name": "x", "required": true}}.
 *
 * @param type the column's data type
 * @param name the column name, or {@code null} in an unnamed schema
 * @param required whether the column must be present
 */
public record ColSpec(DataType type, String name, boolean required) {
    public ColSpec {
        Objects.requireNonNull(type, "type");
    }

    public static ColSpec required(DataType type, String name) {
        return new ColSpec(type, name, true);
    }

    public static ColSpec optional(DataType type, String name) {
        return new ColSpec(type, name, false);
    }

    /** Keys in MLflow's order: type, name (when named), required. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.mlflowName());
        if (name != null) {
            json.put("name", name);
        }
        json.put("required", required);
        return json;
    }

    static ColSpec fromJsonMap(Map<String, Object> json) {
        Object type = json.get("type");
        if (!(type instanceof String typeName)) {
            throw new IllegalArgumentException("Column spec without a type: " + json);
        }
        boolean required = true;
        if (json.get("required") instanceof Boolean r) {
            required = r;
        } else if (json.get("optional") instanceof Boolean o) { // MLflow < 2.10 wrote "optional"
            required = !o;
        }
        Object name = json.get("name");
        if (name != null && !(name instanceof String)) {
            // MLflow writes e.g. "name": 0 for the column label 0 of a pandas DataFrame.
            throw new IllegalArgumentException("Column spec with a non-string name " + name
                    + "; only string column names are supported: " + json);
        }
        return new ColSpec(DataType.fromMlflowName(typeName), (String) name, required);
    }

    /** MLflow's repr: {@code 'x': double (required)}. */
    @Override
    public String toString() {
        String req = required ? "required" : "optional";
        return name == null ? type + " (" + req + ")" : "'" + name + "': " + type + " (" + req + ")";
    }
}
