package io.mlflow4j.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.internal.PythonJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaEnforcerTest {

    /**
     * The Java tables equivalent to the DataFrames MLflow's recording passed to {@code predict}
     * of {@code loader_module_model} (x double, n long, label string). A Python int column is
     * int64 (LONG), a Python float column float64 (DOUBLE), a str column object (STRING).
     */
    private static final Map<String, Table> RECORDED_INPUTS = Map.of(
            "missing_column_n",
                    Table.of(Column.ofDoubles("x", new double[] {1.0}), Column.ofStrings("label", new String[] {"a"})),
            "wrong_type_x_string",
                    Table.of(
                            Column.ofStrings("x", new String[] {"abc"}),
                            Column.ofLongs("n", new long[] {1}),
                            Column.ofStrings("label", new String[] {"a"})),
            "wrong_type_n_float",
                    Table.of(
                            Column.ofDoubles("x", new double[] {1.0}),
                            Column.ofDoubles("n", new double[] {1.5}),
                            Column.ofStrings("label", new String[] {"a"})),
            "wrong_type_label_int",
                    Table.of(
                            Column.ofDoubles("x", new double[] {1.0}),
                            Column.ofLongs("n", new long[] {1}),
                            Column.ofLongs("label", new long[] {7})));

    static List<String> recordedCases() {
        return List.copyOf(recording("2.17.2").keySet());
    }

    private static Map<String, Object> recording(String version) {
        return PythonJson.parseObject(
                Reference.read(Reference.root().resolve(version).resolve("enforcement_errors_loader_module.json")));
    }

    private static Schema loaderModuleInputs() {
        Map<?, ?> signature =
                (Map<?, ?>) PyYaml.load(Reference.read(Reference.v2("models/loader_module_model/MLmodel")))
                        .get("signature");
        return Schema.fromJson((String) signature.get("inputs"));
    }

    @Test
    void everyRecordedCaseHasAJavaTable() {
        assertEquals(RECORDED_INPUTS.keySet(), recording("2.17.2").keySet());
        assertEquals(recording("2.17.2"), recording("3.6.1"), "MLflow 3.6 raised the same errors");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedCases")
    void decidesAndExplainsLikeMlflow(String caseName) {
        Map<?, ?> recorded = (Map<?, ?>) recording("2.17.2").get(caseName);
        Table input = RECORDED_INPUTS.get(caseName);
        Schema schema = loaderModuleInputs();
        if (!Boolean.TRUE.equals(recorded.get("raised"))) {
            Table enforced = SchemaEnforcer.enforce(input, schema);
            assertEquals(schema.names(), enforced.columnNames());
            return;
        }
        String mlflowMessage = (String) recorded.get("message");
        MlflowException e = assertThrows(MlflowException.class, () -> SchemaEnforcer.enforce(input, schema));
        assertEquals(recorded.get("error_code"), e.errorCode().name());
        String errorPart = mlflowMessage.substring(mlflowMessage.indexOf("Error: "));
        assertTrue(
                e.getMessage().endsWith(errorPart),
                () -> "expected to end with\n  " + errorPart + "\nbut was\n  " + e.getMessage());
        // MLflow prints the schema with its repr; ours is the same text.
        String schemaPart =
                mlflowMessage.substring(mlflowMessage.indexOf("' with schema '"), mlflowMessage.indexOf(". Error: "));
        assertTrue(e.getMessage().contains(schemaPart), () -> "expected " + schemaPart + " in " + e.getMessage());
        assertTrue(e.getMessage().startsWith("Failed to enforce schema of data '"), e.getMessage());
    }

    @Test
    void validInputIsAcceptedInSchemaOrder() {
        Table input = Table.of(
                Column.ofStrings("label", new String[] {"a", "b"}),
                Column.ofLongs("n", new long[] {3, 4}),
                Column.ofDoubles("x", new double[] {1.5, -2.0}));
        Table enforced = SchemaEnforcer.enforce(input, loaderModuleInputs());
        assertEquals(List.of("x", "n", "label"), enforced.columnNames());
        assertEquals(-2.0, enforced.column("x").getDouble(1));
        assertEquals(4L, enforced.column("n").getLong(1));
        assertEquals("b", enforced.column("label").getString(1));
    }

    // ---- conversions ----

    @Test
    void safeWideningsAreAcceptedWithValuesPreserved() {
        Schema schema = Schema.of(
                ColSpec.required(DataType.LONG, "i2l"),
                ColSpec.required(DataType.DOUBLE, "i2d"),
                ColSpec.required(DataType.DOUBLE, "f2d"));
        Table input = Table.of(
                Column.ofInts("i2l", new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}),
                Column.ofInts("i2d", new int[] {-7, 0, Integer.MAX_VALUE}),
                Column.ofFloats("f2d", new float[] {0.1f, Float.MAX_VALUE, -1.5f}));
        Table out = SchemaEnforcer.enforce(input, schema);
        assertEquals(DataType.LONG, out.column("i2l").type());
        assertEquals(DataType.DOUBLE, out.column("i2d").type());
        assertEquals(DataType.DOUBLE, out.column("f2d").type());
        assertEquals(List.of((long) Integer.MIN_VALUE, 0L, (long) Integer.MAX_VALUE), values(out.column("i2l")));
        assertEquals(List.of(-7.0, 0.0, (double) Integer.MAX_VALUE), values(out.column("i2d")));
        // float32 -> float64 keeps the float's exact value, as numpy's astype does.
        assertEquals(List.of((double) 0.1f, (double) Float.MAX_VALUE, -1.5), values(out.column("f2d")));
    }

    @Test
    void lossyConversionsAreRefusedNamingTheColumn() {
        assertIncompatible(
                Column.ofDoubles("c", new double[] {1.0}),
                DataType.FLOAT,
                "Incompatible input types for column c. Can not safely convert float64 to float32.");
        assertIncompatible(
                Column.ofLongs("c", new long[] {1}),
                DataType.INTEGER,
                "Incompatible input types for column c. Can not safely convert int64 to int32.");
        assertIncompatible(
                Column.ofDoubles("c", new double[] {2.0}),
                DataType.LONG,
                "Incompatible input types for column c. Can not safely convert float64 to int64.");
        assertIncompatible(
                Column.ofInts("c", new int[] {2}),
                DataType.FLOAT,
                "Incompatible input types for column c. Can not safely convert int32 to float32.");
        assertIncompatible(
                Column.ofLongs("c", new long[] {2, 0}),
                DataType.DOUBLE,
                "Incompatible input types for column c. Can not safely convert int64 to float64.");
    }

    /** MLflow lets an int64 column through to float64 when it only holds 0 and 1. */
    @Test
    void longColumnOfZerosAndOnesConvertsToDouble() {
        Table out = SchemaEnforcer.enforce(
                Table.of(Column.ofLongs("c", new long[] {0, 1, 1})), Schema.of(ColSpec.required(DataType.DOUBLE, "c")));
        assertEquals(List.of(0.0, 1.0, 1.0), values(out.column("c")));
    }

    @Test
    void numericStringsAreParsedAndOthersRefused() {
        Table out = SchemaEnforcer.enforce(
                Table.of(Column.ofStrings("x", new String[] {"1.5", " -2 "})),
                Schema.of(ColSpec.required(DataType.DOUBLE, "x")));
        assertEquals(List.of(1.5, -2.0), values(out.column("x")));
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> SchemaEnforcer.enforce(
                        Table.of(Column.ofStrings("n", new String[] {"1.5"})),
                        Schema.of(ColSpec.required(DataType.LONG, "n"))));
        assertTrue(
                e.getMessage().endsWith("Error: Failed to convert column n from type object to DataType.long."),
                e.getMessage());
    }

    // ---- columns present, missing, extra ----

    @Test
    void extraColumnsAreDroppedAndTheResultIsInSchemaOrder() {
        Schema schema = Schema.of(ColSpec.required(DataType.DOUBLE, "a"), ColSpec.required(DataType.STRING, "b"));
        Table input = Table.of(
                Column.ofStrings("zzz", new String[] {"extra"}),
                Column.ofStrings("b", new String[] {"bee"}),
                Column.ofLongs("other", new long[] {9}),
                Column.ofDoubles("a", new double[] {0.25}));
        Table out = SchemaEnforcer.enforce(input, schema);
        assertEquals(List.of("a", "b"), out.columnNames());
        assertEquals(0.25, out.column(0).getDouble(0));
        assertEquals("bee", out.column(1).getString(0));
    }

    @Test
    void allMissingRequiredColumnsAreListedInSchemaOrder() {
        Schema schema = Schema.of(
                ColSpec.required(DataType.DOUBLE, "a"),
                ColSpec.required(DataType.DOUBLE, "b"),
                ColSpec.optional(DataType.DOUBLE, "opt"),
                ColSpec.required(DataType.DOUBLE, "c"));
        Table onlyB = Table.of(Column.ofDoubles("b", new double[] {1}));
        MlflowException e = assertThrows(MlflowException.class, () -> SchemaEnforcer.enforce(onlyB, schema));
        assertEquals(MlflowException.ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
        assertTrue(e.getMessage().endsWith("Error: Model is missing inputs ['a', 'c']."), e.getMessage());

        Table withExtras = Table.of(
                Column.ofDoubles("z", new double[] {1}),
                Column.ofDoubles("b", new double[] {1}),
                Column.ofDoubles("y", new double[] {1}));
        e = assertThrows(MlflowException.class, () -> SchemaEnforcer.enforce(withExtras, schema));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "Error: Model is missing inputs ['a', 'c']. Note that there were extra inputs: ['z', 'y']"),
                e.getMessage());
    }

    @Test
    void absentOptionalColumnBecomesAColumnOfMissingValues() {
        Schema schema = Schema.of(
                ColSpec.required(DataType.STRING, "name"),
                ColSpec.optional(DataType.LONG, "age"),
                ColSpec.optional(DataType.DOUBLE, "score"));
        Table out = SchemaEnforcer.enforce(Table.of(Column.ofStrings("name", new String[] {"a", "b"})), schema);
        assertEquals(List.of("name", "age", "score"), out.columnNames());
        for (String name : List.of("age", "score")) {
            Column c = out.column(name);
            assertEquals(2, c.size());
            assertTrue(c.isMissing(0) && c.isMissing(1), name);
        }
        assertEquals(DataType.LONG, out.column("age").type());
    }

    @Test
    void optionalColumnMayHoldMissingValues() {
        Schema schema = Schema.of(ColSpec.optional(DataType.LONG, "age"));
        Table out =
                SchemaEnforcer.enforce(Table.of(Column.ofBoxed("age", DataType.LONG, new Object[] {3L, null})), schema);
        assertFalse(out.column("age").isMissing(0));
        assertTrue(out.column("age").isMissing(1));
    }

    @Test
    void requiredIntegerColumnWithAMissingValueIsRefused() {
        for (DataType type : List.of(DataType.LONG, DataType.INTEGER)) {
            Schema schema = Schema.of(ColSpec.required(type, "n"));
            Table input = Table.of(Column.ofBoxed("n", type, new Object[] {1, null}));
            MlflowException e = assertThrows(MlflowException.class, () -> SchemaEnforcer.enforce(input, schema));
            assertEquals(MlflowException.ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
            assertTrue(e.getMessage().contains("Column n is required but row 1 has no value"), e.getMessage());
        }
    }

    /** A float64 column holding NaN satisfies a required double, as in MLflow. */
    @Test
    void requiredDoubleColumnMayHoldNaN() {
        Table out = SchemaEnforcer.enforce(
                Table.of(Column.ofBoxed("x", DataType.DOUBLE, new Object[] {null, 2.0})),
                Schema.of(ColSpec.required(DataType.DOUBLE, "x")));
        assertTrue(Double.isNaN(out.column("x").getDouble(0)));
    }

    /** pandas casts Int32 [5, NA] to float64 [5.0, NaN]; a model reading a primitive double must not see 0. */
    @Test
    void missingIntegersWidenedToDoubleAreNaN() {
        for (DataType type : List.of(DataType.INTEGER, DataType.LONG)) {
            Object[] values =
                    type == DataType.LONG ? new Object[] {1L, null, 0L} : new Object[] {1, null, 0}; // long: 0/1 only
            Table out = SchemaEnforcer.enforce(
                    Table.of(Column.ofBoxed("x", type, values)), Schema.of(ColSpec.required(DataType.DOUBLE, "x")));
            Column x = out.column("x");
            assertEquals(DataType.DOUBLE, x.type(), type.name());
            assertTrue(Double.isNaN(x.getDouble(1)) && x.isMissing(1), type + ": " + x.getDouble(1));
            assertEquals(1.0, x.getDouble(0));
            assertEquals(0.0, x.getDouble(2));
        }
    }

    // ---- unnamed schemas ----

    @Test
    void unnamedSchemaChecksTheCountOnly() {
        Schema schema = Schema.of(ColSpec.required(DataType.DOUBLE, null), ColSpec.required(DataType.STRING, null));
        MlflowException e = assertThrows(
                MlflowException.class,
                () -> SchemaEnforcer.enforce(Table.of(Column.ofDoubles("a", new double[] {1})), schema));
        assertTrue(
                e.getMessage()
                        .endsWith("Error: Model inference is missing inputs. The model signature declares 2"
                                + " inputs  but the provided value only has 1 inputs. Note: the inputs were not named in the signature"
                                + " so we can only verify their count."),
                e.getMessage());

        Table out = SchemaEnforcer.enforce(
                Table.of(
                        Column.ofInts("p", new int[] {4}),
                        Column.ofStrings("q", new String[] {"s"}),
                        Column.ofStrings("r", new String[] {"dropped"})),
                schema);
        assertEquals(2, out.columnCount());
        assertEquals(4.0, out.column(0).getDouble(0));
        assertEquals("s", out.column(1).getString(0));
    }

    private static void assertIncompatible(Column column, DataType target, String expectedError) {
        Schema schema = Schema.of(ColSpec.required(target, column.name()));
        try {
            SchemaEnforcer.enforce(Table.of(column), schema);
            fail("expected " + column.type() + " -> " + target + " to be refused");
        } catch (MlflowException e) {
            assertEquals(MlflowException.ErrorCode.INVALID_PARAMETER_VALUE, e.errorCode());
            assertTrue(e.getMessage().endsWith("Error: " + expectedError), e.getMessage());
        }
    }

    private static List<Object> values(Column column) {
        Object[] values = new Object[column.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.get(i);
        }
        return List.of(values);
    }
}
