package io.mlflow4j.processor.write;

import java.util.HashSet;
import java.util.Set;

/**
 * The local variable names of one generated method: named after the columns, so a debugger shows
 * {@code sepalLength}, with {@code _} appended when a name is taken (by another column, or by a
 * name the method's own code or the types it mentions use).
 */
final class Locals {
    private static final Set<String> RESERVED = Set.of(
            "input",
            "params",
            "i",
            "n",
            "rowCount",
            "row",
            "rows",
            "result",
            "results",
            "example",
            "Column",
            "Table",
            "Rows",
            "Cells",
            "Nested",
            "TensorArrays",
            "List",
            "ArrayList",
            "Stream",
            "IntStream",
            "Optional",
            "String",
            "Object",
            "Map",
            "Path");
    private final Set<String> used = new HashSet<>(RESERVED);

    /** Also keeps the nested-column lambdas' {@code v0, v1, ...} and the given type names free. */
    Locals(String... alsoReserved) {
        for (int depth = 0; depth < 16; depth++) {
            used.add("v" + depth);
        }
        used.addAll(Set.of(alsoReserved));
    }

    String newName(String suggestion) {
        String name = suggestion;
        while (!used.add(name)) {
            name += "_";
        }
        return name;
    }
}
