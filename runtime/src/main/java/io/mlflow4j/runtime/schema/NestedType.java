package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The type of a value inside a nested column (MLflow 2.10+): a scalar, an array of one type, an
 * object with named properties (kept sorted by name, as MLflow sorts them), or a map from string
 * keys to one type. Any nesting is allowed.
 *
 * <pre>{@code
 * NestedType tags = NestedType.array(NestedType.scalar(DataType.STRING));
 * NestedType obj = NestedType.object(Map.of("a", new NestedType.Property(NestedType.scalar(DataType.LONG), true)));
 * }</pre>
 *
 * @param type the data type: a scalar type, or ARRAY, OBJECT, MAP
 * @param items an array's item type
 * @param properties an object's properties, sorted by name
 * @param values a map's value type
 */
public record NestedType(DataType type, NestedType items, Map<String, Property> properties, NestedType values) {
    /** One property of an object. */
    public record Property(NestedType type, boolean required) {}

    public NestedType {
        Objects.requireNonNull(type, "type");
        if ((type == DataType.ARRAY) != (items != null)
                || (type == DataType.MAP) != (values != null)
                || (type == DataType.OBJECT) != (properties != null)) {
            throw new IllegalArgumentException("Inconsistent nested type " + type);
        }
        if (properties != null) {
            if (properties.isEmpty()) {
                throw new IllegalArgumentException("An object type needs at least one property.");
            }
            properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        }
    }

    public static NestedType scalar(DataType type) {
        if (type.isNested()) {
            throw new IllegalArgumentException(type + " is not a scalar type");
        }
        return new NestedType(type, null, null, null);
    }

    public static NestedType array(NestedType items) {
        return new NestedType(DataType.ARRAY, items, null, null);
    }

    public static NestedType object(Map<String, Property> properties) {
        return new NestedType(DataType.OBJECT, null, properties, null);
    }

    /** An object from (name, property) pairs, for generated code: {@code object(property("a", ..., true), ...)}. */
    @SafeVarargs
    public static NestedType object(Map.Entry<String, Property>... properties) {
        Map<String, Property> map = new TreeMap<>();
        for (Map.Entry<String, Property> p : properties) {
            map.put(p.getKey(), p.getValue());
        }
        return object(map);
    }

    public static Map.Entry<String, Property> property(String name, NestedType type, boolean required) {
        return Map.entry(name, new Property(type, required));
    }

    public static NestedType map(NestedType values) {
        return new NestedType(DataType.MAP, null, null, values);
    }

    /** Keys as MLflow writes them: type, then items, properties or values. */
    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.mlflowName());
        switch (type) {
            case ARRAY -> json.put("items", items.toJsonMap());
            case MAP -> json.put("values", values.toJsonMap());
            case OBJECT -> {
                Map<String, Object> props = new LinkedHashMap<>();
                properties.forEach((name, property) -> {
                    Map<String, Object> p = property.type().toJsonMap();
                    p.put("required", property.required());
                    props.put(name, p);
                });
                json.put("properties", props);
            }
            default -> {}
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    static NestedType fromJsonMap(Map<String, Object> json) {
        if (!(json.get("type") instanceof String typeName)) {
            throw new IllegalArgumentException("Nested type without a type: " + json);
        }
        DataType type = DataType.fromMlflowName(typeName);
        return switch (type) {
            case ARRAY -> array(fromJsonMap((Map<String, Object>) json.get("items")));
            case MAP -> map(fromJsonMap((Map<String, Object>) json.get("values")));
            case OBJECT -> {
                Map<String, Property> properties = new TreeMap<>();
                ((Map<String, Object>) json.get("properties")).forEach((name, spec) -> {
                    Map<String, Object> p = (Map<String, Object>) spec;
                    boolean required = !(p.get("required") instanceof Boolean r) || r;
                    properties.put(name, new Property(fromJsonMap(p), required));
                });
                yield object(properties);
            }
            default -> scalar(type);
        };
    }

    /** MLflow's repr: {@code Array(string)}, {@code Map(str -> double)}, {@code {a: long (required)}}. */
    @Override
    public String toString() {
        return switch (type) {
            case ARRAY -> "Array(" + items + ")";
            case MAP -> "Map(str -> " + values + ")";
            case OBJECT -> {
                List<String> parts = new ArrayList<>();
                properties.forEach((name, p) ->
                        parts.add(name + ": " + p.type() + " (" + (p.required() ? "required" : "optional") + ")"));
                yield "{" + String.join(", ", parts) + "}";
            }
            default -> type.mlflowName();
        };
    }
}
