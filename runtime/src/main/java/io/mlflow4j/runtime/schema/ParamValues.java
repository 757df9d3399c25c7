package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.internal.PythonFloats;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Converts param values the way MLflow's {@code _enforce_params_schema} does for scalar params:
 * int to long, float or double; long to float or double; float to double. Anything else fails with
 * an {@link IllegalArgumentException} whose message is MLflow 2.17's.
 */
final class ParamValues {
    private ParamValues() {}

    /**
     * Converts a scalar, or each element of a list param ({@code List} or array in, {@code List} out).
     *
     * @param defaultValue the param's default, which MLflow's message shows
     * @param value the value to convert
     */
    static Object convert(String name, DataType type, boolean list, Object defaultValue, Object value) {
        if (!list) {
            if (value instanceof List<?> || (value != null && value.getClass().isArray())) {
                throw new IllegalArgumentException("Value must be a scalar for param '" + name + "' of type " + type
                        + ", got a list. Pass one value.");
            }
            return convert(name, type, defaultValue, value);
        }
        List<?> items;
        if (value instanceof List<?> l) {
            items = l;
        } else if (value instanceof Object[] array) {
            items = Arrays.asList(array);
        } else {
            throw new IllegalArgumentException("Value must be a 1D array with shape (-1,) for param '" + name
                    + "': " + type + " (default: " + pythonStr(defaultValue) + ") (shape: (-1,)), received "
                    + pythonTypeName(value) + " with ndim 0"); // MLflow's wording, as its scoring server answers
        }
        List<Object> converted = new ArrayList<>(items.size());
        for (Object item : items) {
            converted.add(convert(name, type, defaultValue, item));
        }
        return Collections.unmodifiableList(converted);
    }

    /** A param value as JSON holds it: datetimes as ISO strings. */
    static Object toJson(Object value) {
        if (value instanceof LocalDateTime time) {
            return Datetimes.isoformat(Datetimes.toEpochNanos(time));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ParamValues::toJson).toList();
        }
        return value;
    }

    static Object convert(String name, DataType type, Object defaultValue, Object value) {
        switch (type) {
            case DATETIME:
                if (value instanceof LocalDateTime) {
                    return value;
                }
                if (value instanceof Instant instant) {
                    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                }
                if (value instanceof String s) {
                    try {
                        return Datetimes.toLocalDateTime(Datetimes.parseToEpochNanos(s));
                    } catch (RuntimeException e) {
                        break;
                    }
                }
                break;
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
                if (value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte) {
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
        // MLflow 2.17: f"Incompatible types for param {repr(spec)} with shape None. Can not safely convert
        // {type(value).__name__} to {dtype}." where repr(spec) is "'name': type (default: default)".
        throw new IllegalArgumentException("Incompatible types for param " + pythonRepr(name) + ": " + type
                + " (default: " + pythonStr(defaultValue) + ") with shape None. Can not safely convert "
                + pythonTypeName(value) + " to DataType." + type + ".");
    }

    /** Python's {@code str(value)} for the values a param holds. */
    private static String pythonStr(Object value) {
        if (value instanceof List<?> list) {
            return "["
                    + String.join(
                            ", ",
                            list.stream()
                                    .map(v -> v instanceof String str ? pythonRepr(str) : pythonStr(v))
                                    .toList())
                    + "]";
        }
        if (value instanceof LocalDateTime time) {
            return Datetimes.isoformat(Datetimes.toEpochNanos(time)).replace('T', ' ');
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double d) {
            return PythonFloats.repr(d);
        }
        if (value instanceof Float f) {
            return PythonFloats.repr(Double.parseDouble(f.toString()));
        }
        return String.valueOf(value);
    }

    /**
     * Python's {@code repr(str)}: single quotes, or double quotes when the text holds a single
     * quote and no double quote; backslash escapes for the quote, backslash and non-printables.
     */
    static String pythonRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                out.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable} for one non-ASCII code point. */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
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
