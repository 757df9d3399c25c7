package io.mlflow4j.runtime.bridge;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.internal.PythonJson;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Nested cells (lists and dicts) cross the bridge as one JSON text each; these convert them. */
final class NestedCells {
    private NestedCells() {}

    /** A column of parsed cells: ARRAY when they are lists, OBJECT when they are dicts. */
    static Column fromJson(String name, String[] json, BitSet missing) {
        Object[] cells = new Object[json.length];
        DataType type = null;
        for (int i = 0; i < json.length; i++) {
            if (missing != null && missing.get(i)) {
                continue;
            }
            Object cell = PythonJson.parseArray("[" + json[i] + "]").get(0);
            DataType cellType =
                    cell instanceof List<?> ? DataType.ARRAY : cell instanceof Map<?, ?> ? DataType.OBJECT : null;
            if (cellType == null || (type != null && type != cellType)) {
                throw new IllegalArgumentException("Column " + name + " mixes lists, dicts and other values;"
                        + " a nested column holds lists, or dicts, in every row.");
            }
            type = cellType;
            cells[i] = cell;
        }
        return Column.ofNested(name, type == null ? DataType.ARRAY : type, cells);
    }

    static String[] toJson(Column column) {
        String[] json = new String[column.size()];
        for (int i = 0; i < json.length; i++) {
            Object cell = column.get(i);
            json[i] = cell == null ? null : PythonJson.dumps(cell);
        }
        return json;
    }
}
