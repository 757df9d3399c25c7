package io.mlflow4j.runtime.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
        double abs = Math.abs(value);
        String digits;
        int decimalExponent; // position of the first digit
        String fast = abs >= Double.MIN_NORMAL ? fastShortest(abs) : null;
        if (fast != null) {
            int e = fast.indexOf('E');
            String mantissa = e < 0 ? fast : fast.substring(0, e);
            int point = mantissa.indexOf('.');
            String all = mantissa.substring(0, point) + mantissa.substring(point + 1);
            int leadingZeros = 0;
            while (all.charAt(leadingZeros) == '0') {
                leadingZeros++;
            }
            int end = all.length();
            while (all.charAt(end - 1) == '0') {
                end--;
            }
            digits = all.substring(leadingZeros, end);
            decimalExponent = point + (e < 0 ? 0 : Integer.parseInt(fast.substring(e + 1))) - 1 - leadingZeros;
        } else {
            BigDecimal shortest = shortestDigits(abs);
            digits = shortest.unscaledValue().toString();
            decimalExponent = digits.length() - shortest.scale() - 1;
        }
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

    /**
     * Java's text of the shortest decimal that reads back as {@code value} and is nearest to it, by
     * the Schubfach algorithm (JDK 19's {@code Double.toString}, in jackson-core): several times
     * faster than {@link #shortestDigits}, which predictions with many floats need. It differs
     * from Python only where it writes two digits though one would read back, which a normal
     * double never needs (subnormals take the slow way); {@code null} if it does not read back.
     */
    private static String fastShortest(double value) {
        String text = NumberOutput.toString(value, true);
        return Double.parseDouble(text) == value ? text : null;
    }

    /**
     * The shortest decimal that reads back as {@code value}, and of those the nearest to it: what
     * Python's {@code repr} (David Gay's shortest mode) prints. Java 17's {@code Double.toString}
     * always reads back but is not always shortest (JDK-4511638: {@code 1.0E23} prints as
     * {@code 9.999999999999999E22}, {@code Double.MIN_VALUE} as {@code 4.9E-324}), so its length is
     * only the starting point: fewer digits are tried while they still read back (if some
     * p-digit decimal reads back, so does one with p+1 digits, so the search can stop at the first
     * length that fails).
     */
    private static BigDecimal shortestDigits(double value) {
        BigDecimal exact = new BigDecimal(value);
        int precision =
                new BigDecimal(Double.toString(value)).stripTrailingZeros().precision();
        while (precision > 1 && readingBack(exact, precision - 1, value) != null) {
            precision--;
        }
        BigDecimal digits = readingBack(exact, precision, value);
        return (digits != null ? digits : new BigDecimal(Double.toString(value))).stripTrailingZeros();
    }

    /** The decimal of {@code precision} digits nearest {@code exact} that reads back as {@code value}, or null. */
    private static BigDecimal readingBack(BigDecimal exact, int precision, double value) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
        boolean downReadsBack = Double.parseDouble(down.toString()) == value;
        boolean upReadsBack = Double.parseDouble(up.toString()) == value;
        if (downReadsBack && upReadsBack) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            return cmp < 0 ? down : cmp > 0 ? up : exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        }
        return downReadsBack ? down : upReadsBack ? up : null;
    }
}
