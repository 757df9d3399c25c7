package io.mlflow4j.runtime.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.LoadedModel;
import io.mlflow4j.runtime.MlflowModels;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.generated.Nested;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.model.ModelSpec;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.ModelSignature;
import io.mlflow4j.runtime.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders saved before nested Java ints became MLflow longs: their signature holds a nested
 * {@code integer} and their generated code casts each value to {@code Integer}. They still load
 * and predict; new generated code reads a nested long with a range check.
 */
class NestedIntegerFolderTest {
    @Test
    void aFolderWithANestedIntegerStillLoadsAndPredicts(@TempDir Path dir) throws Exception {
        Path folder = MlflowModels.save(new OldQuantities(), dir.resolve("old"));
        Map<?, ?> signature = (Map<?, ?>)
                PyYaml.load(Files.readString(folder.resolve("MLmodel"))).get("signature");
        assertTrue(
                ((String) signature.get("inputs")).contains("\"quantity\": {\"type\": \"integer\""),
                "the old signature");
        try (LoadedModel model = MlflowModels.load(folder.toString())) {
            ScoringResponse r = new Invocations(model)
                    .invoke(
                            "application/json",
                            ("{\"dataframe_records\": [{\"items\":" + " [{\"quantity\": 2}, {\"quantity\": 3}]}]}")
                                    .getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"predictions\": [5]}", r.bodyText());
            Table out = model.predict(Table.of(
                    Column.ofNested("items", DataType.ARRAY, new Object[] {List.of(Map.of("quantity", 7))})));
            assertEquals(7L, out.column(0).get(0));
        }
    }

    @Test
    void newCodeChecksTheRangeAndNamesTheField() {
        assertEquals(7, Nested.toInt(7L, "Line.quantity"));
        assertEquals((short) -3, Nested.toShort(-3L, "pack"));
        assertEquals((byte) 127, Nested.toByte(127L, "flag"));
        assertEquals(null, Nested.toInt(null, "Line.quantity"));
        MlflowException e = Assertions.assertThrows(MlflowException.class, () -> Nested.toByte(-129L, "flags"));
        assertEquals(
                "Value -129 of 'flags' does not fit the model's byte (from -128 to 127). Send values in that range,"
                        + " or declare the Java type long.",
                e.getMessage());
    }

    /** What the processor generated before: items: Array({quantity: integer}), values read as Integer. */
    public static final class OldQuantities extends TestModels.ColumnModel {
        static final ModelSpec SPEC = new ModelSpec(
                "old-quantities",
                "",
                new ModelSignature(
                        Schema.fromJson(
                                "[{\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"quantity\":"
                                        + " {\"type\": \"integer\", \"required\": true}}}, \"name\": \"items\", \"required\": true}]"),
                        Schema.of(ColSpec.required(DataType.LONG, null)),
                        null),
                List.of(),
                TestModels.Plain.class,
                OldQuantities.class);

        public OldQuantities() {
            super(SPEC);
        }

        @Override
        public Table predict(Table input, Params params) {
            long[] sums = new long[input.rowCount()];
            for (int i = 0; i < sums.length; i++) {
                for (Object item : (List<?>) input.column(0).get(i)) {
                    sums[i] += (Integer) Nested.property(item, "quantity");
                }
            }
            return Table.of(Column.ofLongs(null, sums));
        }
    }
}
