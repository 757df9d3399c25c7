package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * The columns a model of flat scalars (numbers, booleans, strings) in and out reads from a row, and
 * how to read them into mlflow4j columns: from Spark's internal rows, or in bulk from a columnar
 * batch. Columns the model does not read are never converted.
 */
final class FlatScalars implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] indexes;
    private final String[] names;
    private final DataType[] types;
    private final DataType[] outputTypes;

    private FlatScalars(int[] indexes, String[] names, DataType[] types, DataType[] outputTypes) {
        this.indexes = indexes;
        this.names = names;
        this.types = types;
        this.outputTypes = outputTypes;
    }

    /** The layout for rows of {@code rowType}, or {@code null} when a column read or an output is not a flat scalar. */
    static FlatScalars of(StructType rowType, Schema inputs, StructType outputs) {
        if (inputs.isTensor() || !inputs.hasNames()) {
            return null;
        }
        DataType[] outputTypes = new DataType[outputs.fields().length];
        for (int i = 0; i < outputTypes.length; i++) {
            outputTypes[i] = outputs.fields()[i].dataType();
            if (!isFlatScalar(outputTypes[i])) {
                return null;
            }
        }
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<String> fieldNames = List.of(rowType.fieldNames());
        for (String name : inputs.names()) {
            int index = fieldNames.indexOf(name);
            if (index >= 0) {
                DataType type = rowType.fields()[index].dataType();
                if (!isFlatScalar(type)) {
                    return null;
                }
                indexes.add(index);
                names.add(name);
                types.add(type);
            }
        }
        return new FlatScalars(
                indexes.stream().mapToInt(Integer::intValue).toArray(),
                names.toArray(String[]::new),
                types.toArray(DataType[]::new),
                outputTypes);
    }

    private static boolean isFlatScalar(DataType type) {
        return type instanceof BooleanType
                || type instanceof IntegerType
                || type instanceof LongType
                || type instanceof FloatType
                || type instanceof DoubleType
                || type instanceof StringType
                || type instanceof ShortType
                || type instanceof ByteType;
    }

    /** The Spark type of output {@code i}. */
    DataType outputType(int i) {
        return outputTypes[i];
    }

    int outputCount() {
        return outputTypes.length;
    }

    /** The model's input columns of {@code rows[0..n)}. */
    Table read(InternalRow[] rows, int n) {
        List<Column> columns = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            columns.add(read(names[i], indexes[i], types[i], rows, n));
        }
        return new Table(columns);
    }

    /** The model's input columns of rows {@code [from, from + n)} of a columnar batch's {@code vectors}. */
    Table read(ColumnVector[] vectors, int from, int n) {
        List<Column> columns = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            columns.add(read(names[i], vectors[indexes[i]], types[i], from, n));
        }
        return new Table(columns);
    }

    private static Column read(String name, int j, DataType type, InternalRow[] rows, int n) {
        BitSet missing = new BitSet();
        Object values;
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            int[] v = new int[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else
                    v[r] = type instanceof IntegerType
                            ? rows[r].getInt(j)
                            : type instanceof ShortType ? rows[r].getShort(j) : rows[r].getByte(j);
            }
            values = v;
        } else if (type instanceof LongType) {
            long[] v = new long[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getLong(j);
            }
            values = v;
        } else if (type instanceof FloatType) {
            float[] v = new float[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getFloat(j);
            }
            values = v;
        } else if (type instanceof DoubleType) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getDouble(j);
            }
            values = v;
        } else if (type instanceof BooleanType) {
            boolean[] v = new boolean[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getBoolean(j);
            }
            values = v;
        } else {
            String[] v = new String[n];
            for (int r = 0; r < n; r++) {
                if (rows[r].isNullAt(j)) missing.set(r);
                else v[r] = rows[r].getUTF8String(j).toString();
            }
            values = v;
        }
        return Column.wrap(name, mlflowType(type), values, missing);
    }

    // A null's slot holds an unspecified value in both sources; the missing marks say which to ignore.
    private static Column read(String name, ColumnVector vector, DataType type, int from, int n) {
        BitSet missing = new BitSet();
        if (vector.hasNull()) {
            for (int r = 0; r < n; r++) {
                if (vector.isNullAt(from + r)) {
                    missing.set(r);
                }
            }
        }
        Object values;
        if (type instanceof IntegerType) {
            values = vector.getInts(from, n);
        } else if (type instanceof ShortType) {
            int[] v = new int[n];
            for (int r = 0; r < n; r++) v[r] = vector.getShort(from + r);
            values = v;
        } else if (type instanceof ByteType) {
            int[] v = new int[n];
            for (int r = 0; r < n; r++) v[r] = vector.getByte(from + r);
            values = v;
        } else if (type instanceof LongType) {
            values = vector.getLongs(from, n);
        } else if (type instanceof FloatType) {
            values = vector.getFloats(from, n);
        } else if (type instanceof DoubleType) {
            values = vector.getDoubles(from, n);
        } else if (type instanceof BooleanType) {
            values = vector.getBooleans(from, n);
        } else {
            String[] v = new String[n];
            for (int r = 0; r < n; r++)
                v[r] = missing.get(r) ? null : vector.getUTF8String(from + r).toString();
            values = v;
        }
        return Column.wrap(name, mlflowType(type), values, missing);
    }

    private static io.mlflow4j.runtime.data.DataType mlflowType(DataType type) {
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return io.mlflow4j.runtime.data.DataType.INTEGER;
        } else if (type instanceof LongType) {
            return io.mlflow4j.runtime.data.DataType.LONG;
        } else if (type instanceof FloatType) {
            return io.mlflow4j.runtime.data.DataType.FLOAT;
        } else if (type instanceof DoubleType) {
            return io.mlflow4j.runtime.data.DataType.DOUBLE;
        } else if (type instanceof BooleanType) {
            return io.mlflow4j.runtime.data.DataType.BOOLEAN;
        }
        return io.mlflow4j.runtime.data.DataType.STRING;
    }
}
