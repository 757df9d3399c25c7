package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.schema.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
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
 * how to read them into mlflow4j columns: a row at a time from Spark's internal rows, or in bulk
 * from a columnar batch. Columns the model does not read are never converted.
 */
final class FlatScalars implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A flat scalar Spark type, as read. */
    enum Kind {
        INT(DataType.INTEGER),
        SHORT(DataType.INTEGER),
        BYTE(DataType.INTEGER),
        LONG(DataType.LONG),
        FLOAT(DataType.FLOAT),
        DOUBLE(DataType.DOUBLE),
        BOOLEAN(DataType.BOOLEAN),
        STRING(DataType.STRING);

        private final DataType mlflowType;

        Kind(DataType mlflowType) {
            this.mlflowType = mlflowType;
        }

        DataType mlflowType() {
            return mlflowType;
        }

        /** The kind of {@code type}, or {@code null} when it is not a flat scalar. */
        static Kind of(org.apache.spark.sql.types.DataType type) {
            if (type instanceof IntegerType) return INT;
            if (type instanceof ShortType) return SHORT;
            if (type instanceof ByteType) return BYTE;
            if (type instanceof LongType) return LONG;
            if (type instanceof FloatType) return FLOAT;
            if (type instanceof DoubleType) return DOUBLE;
            if (type instanceof BooleanType) return BOOLEAN;
            if (type instanceof StringType) return STRING;
            return null;
        }
    }

    private final int[] indexes;
    private final String[] names;
    private final Kind[] kinds;
    private final org.apache.spark.sql.types.DataType[] outputTypes;

    private FlatScalars(
            int[] indexes, String[] names, Kind[] kinds, org.apache.spark.sql.types.DataType[] outputTypes) {
        this.indexes = indexes;
        this.names = names;
        this.kinds = kinds;
        this.outputTypes = outputTypes;
    }

    /** The layout for rows of {@code rowType}, or {@code null} when a column read or an output is not a flat scalar. */
    static FlatScalars of(StructType rowType, Schema inputs, StructType outputs) {
        if (inputs.isTensor() || !inputs.hasNames()) {
            return null;
        }
        org.apache.spark.sql.types.DataType[] outputTypes =
                new org.apache.spark.sql.types.DataType[outputs.fields().length];
        for (int i = 0; i < outputTypes.length; i++) {
            outputTypes[i] = outputs.fields()[i].dataType();
            if (Kind.of(outputTypes[i]) == null) {
                return null;
            }
        }
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        List<String> fieldNames = List.of(rowType.fieldNames());
        for (String name : inputs.names()) {
            int index = fieldNames.indexOf(name);
            if (index >= 0) {
                Kind kind = Kind.of(rowType.fields()[index].dataType());
                if (kind == null) {
                    return null;
                }
                indexes.add(index);
                names.add(name);
                kinds.add(kind);
            }
        }
        return new FlatScalars(
                indexes.stream().mapToInt(Integer::intValue).toArray(),
                names.toArray(String[]::new),
                kinds.toArray(Kind[]::new),
                outputTypes);
    }

    /** The Spark type of output {@code i}. */
    org.apache.spark.sql.types.DataType outputType(int i) {
        return outputTypes[i];
    }

    int outputCount() {
        return outputTypes.length;
    }

    /** Empty input columns for up to {@code capacity} rows, filled as the rows arrive. */
    RowColumns rowColumns(int capacity) {
        return new RowColumns(indexes, names, kinds, capacity);
    }

    /** The model's input columns of rows {@code [from, from + n)} of a columnar batch's {@code vectors}. */
    Table read(ColumnVector[] vectors, int from, int n) {
        List<Column> columns = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            columns.add(read(names[i], vectors[indexes[i]], kinds[i], from, n));
        }
        return new Table(columns);
    }

    // A null's slot holds an unspecified value; the missing marks say which to ignore.
    private static Column read(String name, ColumnVector vector, Kind kind, int from, int n) {
        BitSet missing = new BitSet();
        if (vector.hasNull()) {
            for (int r = 0; r < n; r++) {
                if (vector.isNullAt(from + r)) {
                    missing.set(r);
                }
            }
        }
        Object values = switch (kind) {
            case INT -> vector.getInts(from, n);
            case SHORT -> {
                int[] v = new int[n];
                for (int r = 0; r < n; r++) v[r] = vector.getShort(from + r);
                yield v;
            }
            case BYTE -> {
                int[] v = new int[n];
                for (int r = 0; r < n; r++) v[r] = vector.getByte(from + r);
                yield v;
            }
            case LONG -> vector.getLongs(from, n);
            case FLOAT -> vector.getFloats(from, n);
            case DOUBLE -> vector.getDoubles(from, n);
            case BOOLEAN -> vector.getBooleans(from, n);
            case STRING -> {
                String[] v = new String[n];
                for (int r = 0; r < n; r++) {
                    v[r] = missing.get(r)
                            ? null
                            : vector.getUTF8String(from + r).toString();
                }
                yield v;
            }
        };
        return Column.wrap(name, kind.mlflowType(), values, missing);
    }
}
