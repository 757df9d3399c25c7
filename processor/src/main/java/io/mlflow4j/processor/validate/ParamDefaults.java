package io.mlflow4j.processor.validate;

import io.mlflow4j.processor.model.ScalarType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses {@code @Param} defaults at compile time, strictly: what passes here is a valid value of the type. */
final class ParamDefaults {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private ParamDefaults() {}

    /** A list default written as a JSON array, such as {@code [0.1, 0.2]} or {@code ["\\n", "END"]}. */
    static List<Object> parseList(String text, ScalarType type) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new IllegalArgumentException("Write the list as a JSON array, such as [0.1, 0.2] or [\"a\", \"b\"].");
        }
        List<Object> values = new ArrayList<>();
        for (String item : splitJsonArray(t.substring(1, t.length() - 1))) {
            if (type == ScalarType.STRING) {
                if (!item.startsWith("\"") || !item.endsWith("\"") || item.length() < 2) {
                    throw new IllegalArgumentException("Quote each string of the list, such as [\"a\", \"b\"].");
                }
                values.add(unescape(item.substring(1, item.length() - 1)));
            } else {
                values.add(parse(item, type));
            }
        }
        return values;
    }

    private static List<String> splitJsonArray(String body) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString && c == '\\' && i + 1 < body.length()) {
                current.append(c).append(body.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            if (c == ',' && !inString) {
                items.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (inString) {
            throw new IllegalArgumentException("A string in the list is not closed.");
        }
        if (!current.toString().isBlank() || !items.isEmpty()) {
            items.add(current.toString().trim());
        }
        return items;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /** The parsed value, or throws {@link IllegalArgumentException} with a hint. */
    static Object parse(String text, ScalarType type) {
        switch (type) {
            case DATETIME:
                try {
                    LocalDateTime time =
                            text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
                    // Normalised as Python's isoformat writes it; the runtime parses it back.
                    String base = time.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                    return time.getNano() == 0 ? base : base + String.format(".%06d", time.getNano() / 1000);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Write an ISO date or date-time, such as 2024-01-01T12:00:00.");
                }
            case BOOLEAN:
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                throw new IllegalArgumentException("Write true or false.");
            case INT:
            case LONG:
                if (!INTEGER.matcher(text).matches()) {
                    throw new IllegalArgumentException("Write a whole number without suffix, such as 42.");
                }
                try {
                    return type == ScalarType.INT ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("The number is out of range for " + type.javaName + ".");
                }
            case FLOAT:
            case DOUBLE:
                if (!DECIMAL.matcher(text).matches()) {
                    throw new IllegalArgumentException("Write a decimal number without suffix, such as 0.5 or 1e-3.");
                }
                if (type == ScalarType.FLOAT) {
                    float f = Float.parseFloat(text);
                    if (Float.isInfinite(f)) {
                        throw new IllegalArgumentException("The number is out of range for float.");
                    }
                    return f;
                }
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d)) {
                    throw new IllegalArgumentException("The number is out of range for double.");
                }
                return d;
            case STRING:
                return text;
            default:
                throw new IllegalArgumentException("MLflow params cannot be " + type.javaName + ".");
        }
    }
}
