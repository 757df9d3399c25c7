package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
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
        return new InternalRowScorer(
                scorer, rowType, indexes.stream().mapToInt(Integer::intValue).toArray(), names.toArray(String[]::new));
    }

    private static boolean flatScalar(DataType type) {
        return type instanceof BooleanType
                || type instanceof IntegerType
                || type instanceof LongType
                || type instanceof FloatType
                || type instanceof DoubleType
                || type instanceof StringType
                || type instanceof ShortType
                || type instanceof ByteType;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        DataType[] types = new DataType[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            types[i] = rowType.fields()[indexes[i]].dataType();
        }
        StructType outputType = scorer.outputs().struct();
        DataType[] outputTypes = new DataType[outputType.fields().length];
        for (int i = 0; i < outputTypes.length; i++) {
            outputTypes[i] = outputType.fields()[i].dataType();
        }
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
                scored = scorer.score(new Table(columns), count);
                return true;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int r = next++;
                for (int i = 0; i < scored.length; i++) {
                    set(outputs, i, outputTypes[i], scored[i], r);
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

    private static Column column(String name, int j, DataType type, InternalRow[] rows, int n) {
        BitSet missing = new BitSet();
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            int[] v = new int[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else
                    v[r] = type instanceof IntegerType
                            ? rows[r].getInt(j)
                            : type instanceof ShortType ? rows[r].getShort(j) : rows[r].getByte(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.data.DataType.INTEGER, v, missing);
        } else if (type instanceof LongType) {
            long[] v = new long[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getLong(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.data.DataType.LONG, v, missing);
        } else if (type instanceof FloatType) {
            float[] v = new float[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getFloat(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.data.DataType.FLOAT, v, missing);
        } else if (type instanceof DoubleType) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getDouble(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.data.DataType.DOUBLE, v, missing);
        } else if (type instanceof BooleanType) {
            boolean[] v = new boolean[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getBoolean(j);
            }
            return Column.wrap(name, io.mlflow4j.runtime.data.DataType.BOOLEAN, v, missing);
        }
        String[] v = new String[n];
        for (int r = 0; r < n; r++) {
            if (rows[r].isNullAt(j)) missing.set(r);
            else v[r] = rows[r].getUTF8String(j).toString();
        }
        return Column.wrap(name, io.mlflow4j.runtime.data.DataType.STRING, v, missing);
    }
}
