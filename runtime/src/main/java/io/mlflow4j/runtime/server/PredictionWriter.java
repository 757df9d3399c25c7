package io.mlflow4j.runtime.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a model's output table as MLflow's scoring server writes predictions:
 * {@code {"predictions": [{"y": 8.0, "label": "P"}, ...]}} for named columns (a DataFrame's
 * records), {@code {"predictions": [2.0, 5.0]}} for one unnamed column (an array's
 * {@code tolist()}), and a list of rows for several unnamed columns. Separators, NaN and the
 * escaping of non-ASCII text are those of Python's {@code json.dumps}.
 */
final class PredictionWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private PredictionWriter() {}

    static byte[] write(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 48 * table.rowCount() * Math.max(1, table.columnCount()));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new PythonSeparators());
            g.writeStartObject();
            g.writeFieldName("predictions");
            writePredictions(table, g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
            g.writeNull();
            return;
        }
        switch (c.type()) {
            case DOUBLE -> g.writeNumber(c.getDouble(row));
            case FLOAT -> g.writeNumber(c.getFloat(row));
            case LONG -> g.writeNumber(c.getLong(row));
            case INTEGER -> g.writeNumber(c.getInt(row));
            case BOOLEAN -> g.writeBoolean(c.getBoolean(row));
            case STRING -> g.writeString(c.getString(row));
            default -> g.writeString(String.valueOf(c.get(row)));
        }
    }

    /** {@code ", "} between items and {@code ": "} after keys, as {@code json.dumps} writes. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
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
