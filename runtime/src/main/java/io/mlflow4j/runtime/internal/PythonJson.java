package io.mlflow4j.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON byte for byte as Python's {@code json.dumps(value)} does with default arguments
 * ({@code ", "} and {@code ": "} separators, non-ASCII escaped, floats as {@code repr}), because
 * MLflow stores such text in {@code MLmodel} signatures and run tags. Reads JSON with Jackson.
 */
public final class PythonJson {
    /** Reads what {@code json.loads} reads, including the {@code NaN} and {@code Infinity} that {@link #dumps} writes. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private PythonJson() {}

    /** {@code json.dumps(value)} for maps, lists, strings, numbers, booleans and null. */
    public static String dumps(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /**
     * {@code json.dumps(value, indent=indent)}: one item per line, {@code ","} at line ends,
     * {@code ": "} after keys, empty lists and objects as {@code []} and {@code {}}.
     */
    public static String dumps(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        writeIndented(value, out, indent, 1);
        return out.toString();
    }

    private static void writeIndented(Object value, StringBuilder out, int indent, int level) {
        String inner = "\n" + " ".repeat(indent * level);
        String outer = "\n" + " ".repeat(indent * (level - 1));
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",").append(inner);
                first = false;
                writeString(String.valueOf(e.getKey()), out);
                out.append(": ");
                writeIndented(e.getValue(), out, indent, level + 1);
            }
            out.append(outer).append('}');
        } else if (value instanceof Iterable<?> items && items.iterator().hasNext()) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                out.append(first ? "" : ",").append(inner);
                first = false;
                writeIndented(item, out, indent, level + 1);
            }
            out.append(outer).append(']');
        } else {
            write(value, out);
        }
    }

    /**
     * Parses a JSON object, with integers as {@code Long} (or {@code BigInteger} beyond a long's
     * range, which Python's ints allow) and floats as {@code Double}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json) {
        try {
            return (Map<String, Object>)
                    intsAsLongs(MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON array, with numbers as {@link #parseObject} reads them. */
    @SuppressWarnings("unchecked")
    public static List<Object> parseArray(String json) {
        try {
            return (List<Object>) intsAsLongs(MAPPER.readValue(json, new TypeReference<List<Object>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON array: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Jackson reads small integers as {@code Integer}; callers get {@code Long}. (Jackson's
     * {@code USE_LONG_FOR_INTS} would do it, but fails on integers beyond a long's range.)
     */
    private static Object intsAsLongs(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, intsAsLongs(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(intsAsLongs(v)));
            return copy;
        }
        return value;
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Float f) {
            out.append(PythonFloats.json(Double.parseDouble(Float.toString(f)))); // 0.1f prints as 0.1
        } else if (value instanceof Double d) {
            out.append(PythonFloats.json(d));
        } else if (value instanceof Number n) {
            out.append(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                writeString(String.valueOf(e.getKey()), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "No JSON form for " + value.getClass().getName());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
