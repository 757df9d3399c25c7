package io.mlflow4j.runtime.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column-based input or output of a model, the Java counterpart of a pandas DataFrame: columns of
 * equal length, each with a name (or all unnamed) and an MLflow type.
 *
 * <pre>{@code
 * Table input = Table.of(Column.ofDoubles("x", new double[] {1.5}), Column.ofLongs("n", new long[] {3}));
 * }</pre>
 */
public final class Table {
    private final List<Column> columns;
    private final Map<String, Column> byName = new HashMap<>();
    private final int rowCount;

    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.rowCount = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("Columns of a table must have the same length: '"
                        + columns.get(0).name() + "' has " + rowCount + " values, '" + c.name() + "' has " + c.size()
                        + ".");
            }
            if (c.name() != null && byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("Duplicate column '" + c.name() + "' in table.");
            }
        }
    }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    public List<Column> columns() {
        return columns;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    /** The column with this name, or {@code null}. */
    public Column column(String name) {
        return byName.get(name);
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "Table" + columns;
    }
}
