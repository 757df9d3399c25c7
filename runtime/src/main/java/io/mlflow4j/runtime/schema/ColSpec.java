package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One column of a signature: {@code {"type": "double", "name": "x", "required": true}}, or a nested
 * one: {@code {"type": "array", "items": {"type": "string"}, "name": "tags", "required": true}}.
 *
 * @param type the column's data type
 * @param name the column name, or {@code null} in an unnamed schema
 * @param required whether the column must be present
 * @param nested for ARRAY, OBJECT and MAP columns, the full type (its {@code type} equals this
 *     column's); {@code null} for scalar columns
 */
public record ColSpec(DataType type, String name, boolean required, NestedType nested) {
    public ColSpec {
        Objects.requireNonNull(type, "type");
        if (type.isNested() != (nested != null) || (nested != null && nested.type() != type)) {
            throw new IllegalArgumentException("Column '" + name + "' of type " + type + " needs "
                    + (type.isNested() ? "its nested type" : "no nested type") + ".");
        }
    }

    /** A scalar column. */
    public ColSpec(DataType type, String name, boolean required) {
        this(type, name, required, null);
    }

    /** A column of any type, scalar or nested. */
    public static ColSpec of(NestedType type, String name, boolean required) {
        return new ColSpec(type.type(), name, required, type.type().isNested() ? type : null);
    }

    public static ColSpec required(DataType type, String name) {
        return new ColSpec(type, name, true);
    }

    public static ColSpec optional(DataType type, String name) {
        return new ColSpec(type, name, false);
    }

    /** Keys in MLflow's order: type, name (when named), required. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> json =
                nested != null ? nested.toJsonMap() : new LinkedHashMap<>(Map.of("type", type.mlflowName()));
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
            throw new IllegalArgumentException(
                    "Column spec with a non-string name " + name + "; only string column names are supported: " + json);
        }
        return ColSpec.of(NestedType.fromJsonMap(json), (String) name, required);
    }

    /** MLflow's repr: {@code 'x': double (required)}. */
    @Override
    public String toString() {
        String req = required ? "required" : "optional";
        String shown = nested != null ? nested.toString() : type.toString();
        return name == null ? shown + " (" + req + ")" : "'" + name + "': " + shown + " (" + req + ")";
    }
}
