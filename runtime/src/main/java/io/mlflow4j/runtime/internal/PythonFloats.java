package io.mlflow4j.runtime.internal;

import java.math.BigDecimal;

/**
 * Formats doubles the way Python's {@code repr(float)} does, because MLflow files (metrics, JSON
 * written by {@code json.dumps}) hold that text: {@code 1.0}, {@code 0.1}, {@code 1e+16},
 * {@code 1e-05}, {@code nan}, {@code inf}.
 */
public final class PythonFloats {
    private PythonFloats() {}

    /** Python's {@code repr(float(value))}. */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return format(value, "nan", "inf", "-inf");
    }

    /** The text {@code json.dumps} writes for a float: like repr, but {@code NaN}, {@code Infinity}. */
    public static String json(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return format(value, "NaN", "Infinity", "-Infinity");
    }

    private static String format(double value, String nan, String inf, String negInf) {
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest digits that round-trip (JDK 19+ guarantees it;
        // 17 does for all but rare values, which then still round-trip).
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decimalExponent = digits.length() - shortest.scale() - 1; // position of first digit
        String sign = value < 0 ? "-" : "";
        if (decimalExponent < -4 || decimalExponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%s%02d", decimalExponent < 0 ? "-" : "+", Math.abs(decimalExponent));
            return sign + mantissa + "e" + exp;
        }
        if (decimalExponent < 0) {
            return sign + "0." + "0".repeat(-decimalExponent - 1) + digits;
        }
        if (digits.length() <= decimalExponent + 1) {
            return sign + digits + "0".repeat(decimalExponent + 1 - digits.length()) + ".0";
        }
        return sign + digits.substring(0, decimalExponent + 1) + "." + digits.substring(decimalExponent + 1);
    }
}
