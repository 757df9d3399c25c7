package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.internal.PythonFloats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Values MLflow's {@code NumpyEncoder} writes specially: bytes as {@code base64.encodebytes}
 * (lines of 76 characters, each ending in a newline), timestamps as pandas'
 * {@code Timestamp.isoformat()}, and nested cells (lists, dictionaries) as JSON.
 */
final class PythonValues {
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII));

    private PythonValues() {}

    /** {@code base64.encodebytes(b).decode("ascii")}: {@code "eHl6\n"} for {@code b"xyz"}. */
    static String encodebytes(byte[] bytes) {
        return bytes.length == 0 ? "" : MIME.encodeToString(bytes) + "\n";
    }

    /**
     * {@code pd.Timestamp.isoformat()}: {@code 2024-01-02T03:04:05}, with {@code .123000} when there
     * are microseconds and nine digits when there are nanoseconds.
     */
    static String isoformat(long epochNanos) {
        LocalDateTime time = Datetimes.toLocalDateTime(epochNanos);
        String base = time.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        int nanos = time.getNano();
        if (nanos == 0) {
            return base;
        }
        return nanos % 1000 == 0 ? base + String.format(".%06d", nanos / 1000) : base + String.format(".%09d", nanos);
    }

    /**
     * A float as {@code json.dumps} writes it, with Python's shortest repr ({@code 0.0001435337180737406},
     * {@code 1e+16}, {@code NaN}), not Java's ({@code 1.435337180737406E-4}, {@code 1.0E16}).
     */
    static void writeFloat(double value, JsonGenerator g) throws IOException {
        g.writeRawValue(PythonFloats.json(value));
    }

    /** A nested cell: {@code List}s, {@code Map}s with string keys, and their scalar leaves. */
    static void writeNested(Object value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) { // a float32 as the Python float it becomes, widened
            writeFloat(n.doubleValue(), g);
        } else if (value instanceof byte[] bytes) {
            g.writeString(encodebytes(bytes));
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeNested(item, g);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeNested(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (value instanceof Object[] array) {
            writeNested(List.of(array), g);
        } else {
            g.writeString(value.toString());
        }
    }
}
