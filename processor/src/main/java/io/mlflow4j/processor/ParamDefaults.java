package io.mlflow4j.processor;

import java.util.regex.Pattern;

/** Parses {@code @Param} defaults at compile time, strictly: what passes here is a valid value of the type. */
final class ParamDefaults {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private ParamDefaults() {}

    /** The parsed value, or throws {@link IllegalArgumentException} with a hint. */
    static Object parse(String text, ScalarType type) {
        switch (type) {
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
                throw new IllegalArgumentException("Unsupported type.");
        }
    }
}
