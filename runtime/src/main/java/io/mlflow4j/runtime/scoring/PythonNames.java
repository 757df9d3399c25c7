package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;

/** How Python names and prints a JSON value, for messages that read as MLflow's do. */
final class PythonNames {
    private PythonNames() {}

    /** Python's name for the type a JSON value decodes to. */
    static String pythonType(JsonNode value) {
        if (value == null || value.isNull()) {
            return "NoneType";
        }
        if (value.isArray()) {
            return "list";
        }
        if (value.isObject()) {
            return "dict";
        }
        if (value.isTextual()) {
            return "str";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        return value.isIntegralNumber() ? "int" : "float";
    }

    static String pyRepr(JsonNode value) {
        return value.isTextual() ? pyRepr(value.textValue()) : value.toString();
    }

    /** Python's {@code repr} of a string: single quotes unless it holds one and no double quote. */
    static String pyRepr(String s) {
        String shown = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        char quote = shown.indexOf('\'') >= 0 && shown.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }
}
