package io.mlflow4j.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.Reference;
import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nested columns against the signature of the reference model array_object_map. */
class NestedEnforcementTest {
    private static final Schema SCHEMA = Schema.fromJson(
            (String) ((Map<?, ?>) PyYaml.load(Reference.read(Reference.v2("models/array_object_map/MLmodel")))
                            .get("signature"))
                    .get("inputs"));

    private static Table table(Object tags, Object obj, Object scores, Object items) {
        return Table.of(
                Column.ofNested("tags", DataType.ARRAY, new Object[] {tags}),
                Column.ofNested("obj", DataType.OBJECT, new Object[] {obj}),
                Column.ofNested("scores", DataType.OBJECT, new Object[] {scores}), // dicts arrive as objects
                Column.ofNested("items", DataType.ARRAY, new Object[] {items}));
    }

    @Test
    void acceptsTheRecordedExampleRowAndCanonicalisesNumbers() {
        Table out = SchemaEnforcer.enforce(
                table(List.of("x", "y"), Map.of("a", 1L, "b", "q"), Map.of("m1", 1L), List.of(Map.of("k", "v1"))),
                SCHEMA);
        assertEquals(List.of("tags", "obj", "scores", "matrix", "items"), out.columnNames());
        assertEquals(DataType.MAP, out.column("scores").type());
        assertEquals(Map.of("m1", 1.0), out.column("scores").get(0), "an int in a map of double becomes a double");
        assertEquals(
                Arrays.asList("q", 1L),
                List.of(
                        ((Map<?, ?>) out.column("obj").get(0)).get("b"),
                        ((Map<?, ?>) out.column("obj").get(0)).get("a")));
        assertEquals(null, out.column("matrix").get(0), "an optional column absent is missing");
    }

    @Test
    void refusesWhatMlflowRefuses() {
        MlflowException missingProperty = assertThrows(
                MlflowException.class,
                () -> SchemaEnforcer.enforce(
                        table(List.of("x"), Map.of("b", "z"), Map.of("m", 1.0), List.of(Map.of("k", "v"))), SCHEMA));
        assertTrue(
                missingProperty
                        .getMessage()
                        .endsWith(
                                "Error: Failed to convert column obj to type "
                                        + "'{a: long (required), b: string (optional)}'. Error: Missing required properties: {'a'}"),
                missingProperty.getMessage());

        MlflowException extraProperty = assertThrows(
                MlflowException.class,
                () -> SchemaEnforcer.enforce(
                        table(List.of("x"), Map.of("a", 1L, "c", 2L), Map.of("m", 1.0), List.of()), SCHEMA));
        assertTrue(
                extraProperty.getMessage().endsWith("Invalid properties not defined in the schema found: {'c'}"),
                extraProperty.getMessage());

        MlflowException notAList = assertThrows(
                MlflowException.class,
                () -> SchemaEnforcer.enforce(table("x", Map.of("a", 1L), Map.of("m", 1.0), List.of()), SCHEMA));
        assertTrue(
                notAList.getMessage()
                        .contains("Failed to convert column tags to type 'Array(string)'. Error: "
                                + "Expected data to be list or numpy array, got str"),
                notAList.getMessage());

        MlflowException wrongLeaf = assertThrows(
                MlflowException.class,
                () -> SchemaEnforcer.enforce(
                        table(List.of("x"), Map.of("a", 1.5), Map.of("m", 1.0), List.of()), SCHEMA));
        assertTrue(wrongLeaf.getMessage().contains("Expected a long value, got float 1.5"), wrongLeaf.getMessage());
    }
}
