package io.mlflow4j.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Scores a partition in batches: each row comes back with its columns, then the model's outputs. */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final BatchScorer scorer;
    private final StructType rowType;

    PartitionScorer(BatchScorer scorer, StructType rowType) {
        this.scorer = scorer;
        this.rowType = rowType;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        ModelInputs inputs = scorer.inputs(rowType);
        int width = rowType.fields().length;
        int outputs = scorer.outputs().struct().fields().length;
        return new Iterator<>() {
            private final Row[] batch = new Row[scorer.batchSize()];
            private Object[][] scored = new Object[0][];
            private int next;

            @Override
            public boolean hasNext() {
                if (next < scored.length) {
                    return true;
                }
                int count = 0;
                while (count < batch.length && input.hasNext()) {
                    batch[count++] = input.next();
                }
                if (count == 0) {
                    return false;
                }
                Object[][] values = new Object[count][width + outputs];
                for (int r = 0; r < count; r++) {
                    Row row = batch[r];
                    for (int c = 0; c < width; c++) {
                        values[r][c] = row.get(c);
                    }
                }
                scorer.score(inputs, batch, count, values, width);
                Arrays.fill(batch, 0, count, null);
                scored = values;
                next = 0;
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] values = scored[next];
                scored[next++] = null;
                return RowFactory.create(values);
            }
        };
    }
}
