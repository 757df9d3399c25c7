package io.mlflow4j.runtime.schema;

/**
 * Converts param values the way MLflow's {@code _enforce_params_schema} does for scalar params:
 * int to long, float or double; long to float or double; float to double. Anything else fails with
 * an {@link IllegalArgumentException} whose message is MLflow's.
 */
final class ParamValues {
    private ParamValues() {}

    static Object convert(String name, DataType type, Object value) {
        switch (type) {
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case STRING:
                if (value instanceof String) {
                    return value;
                }
                break;
            case INTEGER:
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).intValue();
                }
                if (value instanceof Long l && l == l.intValue()) { // JSON readers give longs
                    return l.intValue();
                }
                break;
            case LONG:
                if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                break;
            case FLOAT:
                if (value instanceof Float) {
                    return value;
                }
                if (value instanceof Integer || value instanceof Long) {
                    return ((Number) value).floatValue();
                }
                if (value instanceof Double d) {
                    return d.floatValue(); // JSON floats arrive as doubles; MLflow casts them to float32
                }
                break;
            case DOUBLE:
                if (value instanceof Double) {
                    return value;
                }
                if (value instanceof Integer || value instanceof Long || value instanceof Float) {
                    return ((Number) value).doubleValue();
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("Failed to convert value `" + value + "` from type `"
                + pythonTypeName(value) + "` to `" + type + "`");
    }

    private static String pythonTypeName(Object value) {
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Float || value instanceof Double) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        return value.getClass().getSimpleName();
    }
}
