package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.internal.PythonFloats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Converts one JSON value to a column type the way MLflow's scoring server casts payloads
 * ({@code DataFrame.astype} and {@code np.array(v, dtype)}): looser than {@code pyfunc.predict}
 * on purpose. A float for a long column is truncated, an int or a numeric string is accepted for a
 * double, a number is written as text for a string column, {@code null} is a missing value (which
 * becomes NaN in a double column). What cannot be converted fails with the Python error MLflow
 * reports, such as {@code ValueError("could not convert string to float: 'abc'")}.
 */
final class CellValues {
    private static final Pattern PY_INT = Pattern.compile("[+-]?\\d+");
    private static final Pattern PY_FLOAT =
            Pattern.compile("[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private CellValues() {}

    /** The value as the boxed Java type of {@code type}, or {@code null} for a missing value. */
    static Object convert(JsonNode value, DataType type) {
        return convert(value, type, false);
    }

    /**
     * As {@link #convert(JsonNode, DataType)}; with {@code wrapIntegers}, a 64-bit integer for an
     * integer column wraps to 32 bits as pandas' {@code astype("int32")} does on a DataFrame
     * ({@code 10000000000} becomes {@code 1410065408}), where {@code np.array(v, "int32")} refuses it.
     * Binary values are base64 text ({@code base64.decodebytes}) in every payload form (MLflow decodes
     * them in DataFrame forms only and takes the text's bytes as they are in {@code inputs}); datetimes
     * are ISO text or integer nanoseconds since the epoch ({@code astype("datetime64[ns]")}).
     */
    static Object convert(JsonNode value, DataType type, boolean wrapIntegers) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return switch (type) {
            case DOUBLE -> toDouble(value);
            case FLOAT -> (float) toDouble(value);
            case LONG -> toLong(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case INTEGER ->
                wrapIntegers && value.isIntegralNumber() && value.canConvertToLong()
                        ? (int) value.longValue()
                        : (int) toLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BOOLEAN -> toBoolean(value);
            case STRING -> toText(value);
            case BINARY -> toBytes(value);
            case DATETIME -> toEpochNanos(value);
            default -> throw new IllegalArgumentException("No scoring conversion to " + type);
        };
    }

    private static byte[] toBytes(JsonNode value) {
        if (!value.isTextual()) {
            throw new CellException("TypeError", "encoding without a string argument");
        }
        String text = value.textValue();
        int data = 0;
        int padding = 0;
        for (int k = 0; k < text.length(); k++) { // like binascii, characters outside base64 are skipped
            char c = text.charAt(k);
            if (c == '=') {
                padding++;
            } else if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/') {
                data++;
            }
        }
        if (data % 4 == 1) {
            throw new CellException(
                    "Error",
                    "Invalid base64-encoded string: number of data characters (" + data
                            + ") cannot be 1 more than a multiple of 4");
        }
        if ((data + padding) % 4 != 0) {
            throw new CellException("Error", "Incorrect padding");
        }
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CellException("Error", "Incorrect padding");
        }
    }

    private static long toEpochNanos(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isFloatingPointNumber()
                && Double.isFinite(value.doubleValue())
                && Math.abs(value.doubleValue()) < 9.2e18) {
            return (long) value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Datetimes.parseToEpochNanos(value.textValue());
            } catch (DateTimeException | ArithmeticException e) {
                throw new CellException(
                        "ValueError", "Unknown datetime string format, unable to parse: " + value.textValue());
            }
        }
        throw new CellException(
                "TypeError", "<class '" + PythonNames.pythonType(value) + "'> is not convertible to datetime");
    }

    private static double toDouble(JsonNode value) {
        if (value.isNumber()) {
            if (value.isBigInteger()) {
                double d = value.bigIntegerValue().doubleValue();
                if (Double.isInfinite(d)) {
                    throw new CellException("OverflowError", "int too large to convert to float");
                }
                return d;
            }
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1.0 : 0.0;
        }
        if (value.isTextual()) {
            String s = value.textValue().strip();
            if (PY_FLOAT.matcher(s).matches()) {
                String lower = s.toLowerCase(Locale.ROOT);
                if (lower.endsWith("nan")) {
                    return Double.NaN;
                }
                if (lower.endsWith("inf") || lower.endsWith("infinity")) {
                    return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                return Double.parseDouble(s);
            }
            throw new CellException(
                    "ValueError", "could not convert string to float: " + PythonNames.pyRepr(value.textValue()));
        }
        throw new CellException(
                "TypeError",
                "float() argument must be a string or a real number, not '" + PythonNames.pythonType(value) + "'");
    }

    private static long toLong(JsonNode value, long min, long max) {
        BigInteger integer;
        if (value.isIntegralNumber()) {
            integer = value.bigIntegerValue();
        } else if (value.isNumber()) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                throw new CellException("ValueError", "cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw new CellException("OverflowError", "cannot convert float infinity to integer");
            }
            integer = new BigDecimal(d).toBigInteger(); // truncates, as numpy's cast does
        } else if (value.isBoolean()) {
            integer = value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        } else if (value.isTextual()) {
            String s = value.textValue().strip();
            if (!PY_INT.matcher(s).matches()) {
                throw new CellException(
                        "ValueError",
                        "invalid literal for int() with base 10: " + PythonNames.pyRepr(value.textValue()));
            }
            integer = new BigInteger(s);
        } else {
            throw new CellException(
                    "TypeError",
                    "int() argument must be a string, a bytes-like object or a real" + " number, not '"
                            + PythonNames.pythonType(value) + "'");
        }
        if (integer.compareTo(BigInteger.valueOf(min)) < 0 || integer.compareTo(BigInteger.valueOf(max)) > 0) {
            String type = max == Long.MAX_VALUE ? "int64" : "int32";
            throw new CellException("OverflowError", "Python int " + integer + " is out of bounds for " + type);
        }
        return integer.longValue();
    }

    private static boolean toBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()
                && (value.bigIntegerValue().equals(BigInteger.ZERO)
                        || value.bigIntegerValue().equals(BigInteger.ONE))) {
            return value.intValue() == 1;
        }
        if (value.isTextual()) {
            String s = value.textValue().strip();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new CellException(
                "ValueError", "cannot interpret " + PythonNames.pyRepr(value) + " as a boolean; send true or false");
    }

    private static String toText(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return PythonFloats.repr(value.doubleValue());
        }
        throw new CellException("TypeError", "expected a string, got '" + PythonNames.pythonType(value) + "'");
    }

    /** A value that does not convert: a Python exception class and message, as MLflow reports it. */
    static final class CellException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String pythonClass;

        CellException(String pythonClass, String message) {
            super(message, null, false, false);
            this.pythonClass = pythonClass;
        }

        /** {@code ValueError("could not convert string to float: 'abc'")}. */
        String pythonRepr() {
            return pythonClass + "(" + PythonNames.pyRepr(getMessage()) + ")";
        }
    }
}
