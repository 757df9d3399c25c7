package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * A batch of a flat scalar model's input columns, filled one row at a time as the rows arrive:
 * each row's values are read while the row is still in the CPU's cache, in one pass.
 */
final class RowColumns {
    private final int[] indexes;
    private final String[] names;
    private final FlatScalars.Kind[] kinds;
    private final Object[] arrays;
    private final BitSet[] missing;
    private int count;

    RowColumns(int[] indexes, String[] names, FlatScalars.Kind[] kinds, int capacity) {
        this.indexes = indexes;
        this.names = names;
        this.kinds = kinds;
        this.arrays = new Object[kinds.length];
        this.missing = new BitSet[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            arrays[i] = switch (kinds[i]) {
                case INT, SHORT, BYTE -> new int[capacity];
                case LONG -> new long[capacity];
                case FLOAT -> new float[capacity];
                case DOUBLE -> new double[capacity];
                case BOOLEAN -> new boolean[capacity];
                case STRING -> new String[capacity];
            };
            missing[i] = new BitSet();
        }
    }

    void add(InternalRow row) {
        int r = count++;
        for (int i = 0; i < indexes.length; i++) {
            int j = indexes[i];
            if (row.isNullAt(j)) {
                missing[i].set(r);
                continue;
            }
            Object values = arrays[i];
            switch (kinds[i]) {
                case INT -> ((int[]) values)[r] = row.getInt(j);
                case SHORT -> ((int[]) values)[r] = row.getShort(j);
                case BYTE -> ((int[]) values)[r] = row.getByte(j);
                case LONG -> ((long[]) values)[r] = row.getLong(j);
                case FLOAT -> ((float[]) values)[r] = row.getFloat(j);
                case DOUBLE -> ((double[]) values)[r] = row.getDouble(j);
                case BOOLEAN -> ((boolean[]) values)[r] = row.getBoolean(j);
                case STRING -> ((String[]) values)[r] = row.getUTF8String(j).toString();
            }
        }
    }

    /** The columns of the rows added, as many as there were. */
    Table table() {
        List<Column> columns = new ArrayList<>(arrays.length);
        for (int i = 0; i < arrays.length; i++) {
            columns.add(Column.wrap(names[i], kinds[i].mlflowType(), trimmed(arrays[i]), missing[i]));
        }
        return new Table(columns);
    }

    private Object trimmed(Object values) {
        if (Array.getLength(values) == count) {
            return values;
        }
        Object trimmed = Array.newInstance(values.getClass().getComponentType(), count);
        System.arraycopy(values, 0, trimmed, 0, count);
        return trimmed;
    }
}
