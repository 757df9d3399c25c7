package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks one nested value (a cell of an array, object or map column) against its type, the way
 * MLflow's {@code _enforce_array}, {@code _enforce_object} and {@code _enforce_map} do, and returns
 * it in canonical form: {@code List}s, {@code LinkedHashMap}s with string keys, and leaves as
 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double} or {@code String}.
 */
final class NestedValues {
    private NestedValues() {}

    static Object enforce(Object value, NestedType type) {
        switch (type.type()) {
            case ARRAY: {
                List<?> items;
                if (value instanceof List<?> list) {
                    items = list;
                } else if (value instanceof Object[] array) {
                    items = List.of(array);
                } else {
                    throw new IllegalArgumentException(
                            "Expected data to be list or numpy array, got " + pythonType(value));
                }
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(enforce(item, type.items()));
                }
                return out;
            }
            case MAP: {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("Expected data to be a dict, got " + pythonType(value));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("Expected all keys in the map type data are string type.");
                    }
                    out.put(key, enforce(e.getValue(), type.values()));
                }
                return out;
            }
            case OBJECT: {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("Expected data to be a dictionary, got " + pythonType(value));
                }
                TreeSet<String> missing = new TreeSet<>();
                type.properties().forEach((name, p) -> {
                    if (p.required() && map.get(name) == null) {
                        missing.add("'" + name + "'");
                    }
                });
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException(
                            "Missing required properties: {" + String.join(", ", missing) + "}");
                }
                TreeSet<String> undefined = new TreeSet<>();
                for (Object key : map.keySet()) {
                    if (!type.properties().containsKey(String.valueOf(key))) {
                        undefined.add("'" + key + "'");
                    }
                }
                if (!undefined.isEmpty()) {
                    throw new IllegalArgumentException("Invalid properties not defined in the schema found: {"
                            + String.join(", ", undefined) + "}");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                type.properties().forEach((name, p) -> { // a property that was not sent stays absent, as in MLflow
                    if (map.containsKey(name)) {
                        Object v = map.get(name);
                        out.put(name, v == null ? null : enforce(v, p.type()));
                    }
                });
                return out;
            }
            default:
                return leaf(value, type.type());
        }
    }

    private static Object leaf(Object value, DataType type) {
        switch (type) {
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case INTEGER:
                if (value instanceof Number n
                        && !(value instanceof Double)
                        && !(value instanceof Float)
                        && n.longValue() == n.intValue()) {
                    return n.intValue();
                }
                break;
            case LONG:
                if (value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                break;
            case FLOAT:
                if (value instanceof Number n) {
                    return n.floatValue();
                }
                break;
            case DOUBLE:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                break;
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("Expected a " + type + " value, got " + pythonType(value) + " " + value);
    }

    static String pythonType(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof List<?> || value instanceof Object[]) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }
}
