package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * {@link PartitionScorer} over a columnar source's batches (Parquet, ORC, a cached Dataset), for
 * models of flat scalars: the model's columns are copied out of the batch's vectors in bulk, the
 * outputs written into vectors of their own, and each row comes back as the batch's row with its
 * outputs beside it. A source batch larger than the batch size is scored in slices of that size;
 * a smaller one is scored as it comes, since its vectors are reused for the next batch.
 */
final class ColumnarScorer implements FlatMapFunction<Iterator<ColumnarBatch>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final BatchScorer scorer;
    private final FlatScalars columns;

    ColumnarScorer(BatchScorer scorer, FlatScalars columns) {
        this.scorer = scorer;
        this.columns = columns;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<ColumnarBatch> input) {
        return new Iterator<>() {
            private final OnHeapColumnVector[] outputs = new OnHeapColumnVector[columns.outputCount()];
            private int capacity;
            private Iterator<InternalRow> rows = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!rows.hasNext()) {
                    if (!input.hasNext()) {
                        return false;
                    }
                    rows = score(input.next());
                }
                return true;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.next();
            }

            private Iterator<InternalRow> score(ColumnarBatch batch) {
                int n = batch.numRows();
                if (n == 0) {
                    return Collections.emptyIterator();
                }
                ColumnVector[] vectors = new ColumnVector[batch.numCols() + outputs.length];
                for (int c = 0; c < batch.numCols(); c++) {
                    vectors[c] = batch.column(c);
                }
                boolean grow = n > capacity;
                capacity = Math.max(n, capacity);
                for (int i = 0; i < outputs.length; i++) {
                    if (grow) {
                        outputs[i] = new OnHeapColumnVector(capacity, columns.outputType(i));
                    } else {
                        outputs[i].reset();
                    }
                    vectors[batch.numCols() + i] = outputs[i];
                }
                for (int from = 0; from < n; from += scorer.batchSize()) {
                    int count = Math.min(scorer.batchSize(), n - from);
                    Column[] scored = scorer.score(columns.read(vectors, from, count), count);
                    for (int i = 0; i < outputs.length; i++) {
                        write(outputs[i], columns.outputType(i), scored[i], from, count);
                    }
                }
                // Downstream copies each row before it asks for the next, so the vectors can be reused.
                return new ColumnarBatch(vectors, n).rowIterator();
            }
        };
    }

    /** Rows {@code [0, count)} of {@code column} into {@code vector} from row {@code from}, as the output's type. */
    private static void write(OnHeapColumnVector vector, DataType type, Column column, int from, int count) {
        for (int r = 0; r < count; r++) {
            int at = from + r;
            if (column.isMissing(r)) {
                vector.putNull(at);
            } else if (type instanceof DoubleType) {
                vector.putDouble(
                        at,
                        column.type() == io.mlflow4j.runtime.data.DataType.DOUBLE
                                ? column.getDouble(r)
                                : ((Number) column.get(r)).doubleValue());
            } else if (type instanceof BooleanType) {
                vector.putBoolean(at, column.getBoolean(r));
            } else if (type instanceof LongType) {
                vector.putLong(
                        at,
                        column.type() == io.mlflow4j.runtime.data.DataType.LONG
                                ? column.getLong(r)
                                : ((Number) column.get(r)).longValue());
            } else if (type instanceof IntegerType) {
                vector.putInt(
                        at,
                        column.type() == io.mlflow4j.runtime.data.DataType.INTEGER
                                ? column.getInt(r)
                                : ((Number) column.get(r)).intValue());
            } else if (type instanceof FloatType) {
                vector.putFloat(
                        at,
                        column.type() == io.mlflow4j.runtime.data.DataType.FLOAT
                                ? column.getFloat(r)
                                : ((Number) column.get(r)).floatValue());
            } else {
                vector.putByteArray(at, String.valueOf(column.get(r)).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
