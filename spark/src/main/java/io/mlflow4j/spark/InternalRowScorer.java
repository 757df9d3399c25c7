package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@link PartitionScorer} over Spark's internal rows, for models whose inputs and outputs are all
 * flat scalars (numbers, booleans, strings): values are read straight from the rows into columns,
 * and each input row comes back joined to a row of its outputs, with no conversion of the columns
 * the model does not read.
 */
final class InternalRowScorer implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final BatchScorer scorer;
    private final FlatScalars columns;

    InternalRowScorer(BatchScorer scorer, FlatScalars columns) {
        this.scorer = scorer;
        this.columns = columns;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        StructType outputType = scorer.outputs().struct();
        return new Iterator<>() {
            private final InternalRow[] batch = new InternalRow[scorer.batchSize()];
            // Spark turns each row into an UnsafeRow before it asks for the next, so one of each serves.
            private final SpecificInternalRow outputs = new SpecificInternalRow(outputType);
            private final JoinedRow joined = new JoinedRow();
            private Column[] scored = new Column[0];
            private int count;
            private int next;

            @Override
            public boolean hasNext() {
                if (next < count) {
                    return true;
                }
                Arrays.fill(batch, 0, count, null);
                count = 0;
                next = 0;
                RowColumns read = columns.rowColumns(batch.length);
                while (count < batch.length && input.hasNext()) {
                    InternalRow row = input.next();
                    read.add(row);
                    batch[count++] = row.copy(); // the iterator reuses its row
                }
                if (count == 0) {
                    return false;
                }
                scored = scorer.score(read.table(), count);
                return true;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int r = next++;
                for (int i = 0; i < scored.length; i++) {
                    set(outputs, i, columns.outputType(i), scored[i], r);
                }
                return joined.apply(batch[r], outputs);
            }
        };
    }

    /** Output {@code i} of row {@code r}, unboxed where the column's type is the field's. */
    private static void set(SpecificInternalRow row, int i, DataType type, Column column, int r) {
        if (column.isMissing(r)) {
            row.setNullAt(i);
        } else if (type instanceof DoubleType) {
            row.setDouble(
                    i,
                    column.type() == io.mlflow4j.runtime.data.DataType.DOUBLE
                            ? column.getDouble(r)
                            : ((Number) column.get(r)).doubleValue());
        } else if (type instanceof BooleanType) {
            row.setBoolean(i, column.getBoolean(r));
        } else if (type instanceof LongType) {
            row.setLong(
                    i,
                    column.type() == io.mlflow4j.runtime.data.DataType.LONG
                            ? column.getLong(r)
                            : ((Number) column.get(r)).longValue());
        } else if (type instanceof IntegerType) {
            row.setInt(
                    i,
                    column.type() == io.mlflow4j.runtime.data.DataType.INTEGER
                            ? column.getInt(r)
                            : ((Number) column.get(r)).intValue());
        } else if (type instanceof FloatType) {
            row.setFloat(
                    i,
                    column.type() == io.mlflow4j.runtime.data.DataType.FLOAT
                            ? column.getFloat(r)
                            : ((Number) column.get(r)).floatValue());
        } else {
            row.update(i, UTF8String.fromString(String.valueOf(column.get(r))));
        }
    }
}
