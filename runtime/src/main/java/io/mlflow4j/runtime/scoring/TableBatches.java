package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import java.util.ArrayList;
import java.util.List;

/** Tables of the same columns put one under the other for one predict, and the output cut back. */
final class TableBatches {
    private TableBatches() {}

    static Table concat(List<Table> tables) {
        Table first = tables.get(0);
        int rows = 0;
        for (Table t : tables) {
            rows += t.rowCount();
        }
        List<Column> columns = new ArrayList<>(first.columnCount());
        for (int c = 0; c < first.columnCount(); c++) {
            Object[] values = new Object[rows];
            int at = 0;
            for (Table t : tables) {
                Column column = t.column(c);
                for (int r = 0; r < column.size(); r++) {
                    values[at++] = column.get(r);
                }
            }
            columns.add(Column.ofBoxed(first.column(c).name(), first.column(c).type(), values));
        }
        return new Table(columns);
    }

    /** Rows {@code [from, to)} of {@code table}. */
    static Table slice(Table table, int from, int to) {
        List<Column> columns = new ArrayList<>(table.columnCount());
        for (Column column : table.columns()) {
            Object[] values = new Object[to - from];
            for (int r = from; r < to; r++) {
                values[r - from] = column.get(r);
            }
            columns.add(Column.ofBoxed(column.name(), column.type(), values));
        }
        return new Table(columns);
    }
}
