package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
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
    private final StructType rowType;
    private final int[] indexes;
    private final String[] names;

    private InternalRowScorer(BatchScorer scorer, StructType rowType, int[] indexes, String[] names) {
        this.scorer = scorer;
        this.rowType = rowType;
        this.indexes = indexes;
        this.names = names;
    }

    /** The scorer for rows of {@code rowType}, or {@code null} when a column or output is not a flat scalar. */
    static InternalRowScorer forFlatScalars(BatchScorer scorer, StructType rowType, Schema inputs, StructType outputs) {
        if (inputs.isTensor() || !inputs.hasNames()) {
            return null;
        }
        for (StructField f : outputs.fields()) {
            if (!flatScalar(f.dataType())) {
                return null;
            }
        }
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> fieldNames = List.of(rowType.fieldNames());
        for (String name : inputs.names()) {
            int index = fieldNames.indexOf(name);
            if (index >= 0) {
                if (!flatScalar(rowType.fields()[index].dataType())) {
                    return null;
                }
                indexes.add(index);
                names.add(name);
            }
        }
        return new InternalRowScorer(scorer, rowType, indexes.stream().mapToInt(Integer::intValue).toArray(), names.toArray(String[]::new));
    }

    private static boolean flatScalar(DataType type) {
        return type instanceof BooleanType || type instanceof IntegerType || type instanceof LongType || type instanceof FloatType
                || type instanceof DoubleType || type instanceof StringType || type instanceof ShortType || type instanceof ByteType;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        DataType[] types = new DataType[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            types[i] = rowType.fields()[indexes[i]].dataType();
        }
        int outputs = scorer.outputs().struct().fields().length;
        return new Iterator<>() {
            private final InternalRow[] batch = new InternalRow[scorer.batchSize()];
            private Object[][] scored = new Object[0][];
            private InternalRow[] rows = new InternalRow[0];
            private int next;

            @Override
            public boolean hasNext() {
                if (next < scored.length) {
                    return true;
                }
                int count = 0;
                while (count < batch.length && input.hasNext()) {
                    batch[count++] = input.next().copy(); // the iterator reuses its row
                }
                if (count == 0) {
                    return false;
                }
                List<Column> columns = new ArrayList<>(indexes.length);
                for (int i = 0; i < indexes.length; i++) {
                    columns.add(column(names[i], indexes[i], types[i], batch, count));
                }
                Object[][] values = new Object[count][outputs];
                scorer.score(new Table(columns), count, values);
                rows = java.util.Arrays.copyOf(batch, count);
                java.util.Arrays.fill(batch, 0, count, null);
                scored = values;
                next = 0;
                return true;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] out = scored[next];
                for (int i = 0; i < out.length; i++) {
                    if (out[i] instanceof String s) {
                        out[i] = UTF8String.fromString(s);
                    }
                }
                InternalRow joined = new JoinedRow(rows[next], new GenericInternalRow(out));
                scored[next] = null;
                rows[next++] = null;
                return joined;
            }
        };
    }

    private static Column column(String name, int j, DataType type, InternalRow[] rows, int n) {
        BitSet missing = new BitSet();
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            int[] v = new int[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = type instanceof IntegerType ? rows[r].getInt(j) : type instanceof ShortType ? rows[r].getShort(j) : rows[r].getByte(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.schema.DataType.INTEGER, v, missing);
        } else if (type instanceof LongType) {
            long[] v = new long[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r); else v[r] = rows[r].getLong(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.schema.DataType.LONG, v, missing);
        } else if (type instanceof FloatType) {
            float[] v = new float[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r); else v[r] = rows[r].getFloat(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.schema.DataType.FLOAT, v, missing);
        } else if (type instanceof DoubleType) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r); else v[r] = rows[r].getDouble(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.schema.DataType.DOUBLE, v, missing);
        } else if (type instanceof BooleanType) {
            boolean[] v = new boolean[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r); else v[r] = rows[r].getBoolean(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.schema.DataType.BOOLEAN, v, missing);
        }
        String[] v = new String[n];
        for (int r = 0; r < n; r++) {
            if (rows[r].isNullAt(j)) missing.set(r); else v[r] = rows[r].getUTF8String(j).toString();
        }
        return Column.wrap(name, io.mlflow4j.runtime.schema.DataType.STRING, v, missing);
    }
}
