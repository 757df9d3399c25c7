package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.List;

/**
 * Writes a model's output table as MLflow's scoring server writes predictions:
 * {@code {"predictions": [{"y": 8.0, "label": "P"}, ...]}} for named columns (a DataFrame's
 * records), {@code {"predictions": [2.0, 5.0]}} for one unnamed column (an array's
 * {@code tolist()}), and a list of rows for several unnamed columns; tensors as nested lists
 * ({@link TensorWriter}). Values as MLflow's {@code NumpyEncoder} writes them: binary as base64,
 * datetimes as ISO text, nested cells as JSON ({@link PythonValues}). Separators, NaN and the
 * escaping of non-ASCII text are those of Python's {@code json.dumps}, and so is the text of
 * floats (Python's shortest repr).
 */
final class PredictionWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private PredictionWriter() {}

    static byte[] write(Table table) {
        return predictions(
                64 + 48L * table.rowCount() * Math.max(1, table.columnCount()), g -> writePredictions(table, g));
    }

    /**
     * Tensors as MLflow writes a model's numpy output: one unnamed tensor as its {@code tolist()}
     * (nested lists), several or named ones as a dictionary of them by name.
     */
    static byte[] writeTensors(List<Tensor> tensors) {
        long size = 64;
        for (Tensor t : tensors) {
            size += 24L * Array.getLength(t.data());
        }
        return predictions(size, g -> TensorWriter.write(tensors, g));
    }

    /** What writes the value of {@code "predictions"}. */
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Answers estimated larger than this are written twice: once to count their bytes, once into an exact array. */
    private static final long TWO_PASSES_FROM = 1 << 20;

    private static byte[] predictions(long sizeHint, Body body) {
        if (sizeHint < TWO_PASSES_FROM) {
            ByteArrayBuilder out = new ByteArrayBuilder((int) sizeHint);
            write(out, body);
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        }
        // a growing buffer and its final copy held a 164 MB answer twice (and, doubling, up to 420 MB)
        CountingStream counted = new CountingStream();
        write(counted, body);
        if (counted.count > Integer.MAX_VALUE - 16) {
            throw ScoringError.of(
                    500,
                    "INTERNAL_ERROR",
                    "The answer would be " + counted.count + " bytes, more than"
                            + " one response can hold. Send fewer rows per request.");
        }
        ExactStream exact = new ExactStream(new byte[(int) counted.count]);
        write(exact, body);
        if (exact.position != exact.bytes.length) {
            throw new IllegalStateException("The answer was " + counted.count + " bytes long, then " + exact.position);
        }
        return exact.bytes;
    }

    private static void write(OutputStream out, Body body) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new PythonSeparators());
            g.writeStartObject();
            g.writeFieldName("predictions");
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    private static final class ExactStream extends OutputStream {
        final byte[] bytes;
        int position;

        ExactStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(int b) {
            bytes[position++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, bytes, position, len);
            position += len;
        }
    }

    private static void writePredictions(Table table, JsonGenerator g) throws IOException {
        boolean named = table.columnCount() > 0 && table.column(0).name() != null;
        g.writeStartArray();
        for (int r = 0; r < table.rowCount(); r++) {
            if (named) {
                g.writeStartObject();
                for (Column c : table.columns()) {
                    g.writeFieldName(c.name());
                    writeValue(c, r, g);
                }
                g.writeEndObject();
            } else if (table.columnCount() == 1) {
                writeValue(table.column(0), r, g);
            } else {
                g.writeStartArray();
                for (Column c : table.columns()) {
                    writeValue(c, r, g);
                }
                g.writeEndArray();
            }
        }
        g.writeEndArray();
    }

    private static void writeValue(Column c, int row, JsonGenerator g) throws IOException {
        if (c.isMissing(row)) {
            if (c.type() == DataType.DATETIME) {
                g.writeString("NaT"); // pandas' NaT.isoformat()
            } else {
                g.writeNull();
            }
            return;
        }
        switch (c.type()) {
            case DOUBLE -> PythonValues.writeFloat(c.getDouble(row), g);
            case FLOAT ->
                PythonValues.writeFloat(c.getFloat(row), g); // float32 to_dict() gives as a widened Python float
            case LONG -> g.writeNumber(c.getLong(row));
            case INTEGER -> g.writeNumber(c.getInt(row));
            case BOOLEAN -> g.writeBoolean(c.getBoolean(row));
            case STRING -> g.writeString(c.getString(row));
            case BINARY -> g.writeString(PythonValues.encodebytes(c.getBytes(row)));
            case DATETIME -> g.writeString(PythonValues.isoformat(c.getEpochNanos(row)));
            case ARRAY, OBJECT, MAP -> PythonValues.writeNested(c.get(row), g);
        }
    }

    /** {@code ", "} between items and {@code ": "} after keys, as {@code json.dumps} writes. */
    static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
