package io.mlflow4j.spark;

import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.NestedType;
import io.mlflow4j.runtime.schema.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * MLflow types to Spark SQL types and back, as MLflow's {@code spark_udf} maps them: integer, long,
 * float, double, string, boolean and binary to their Spark namesakes, datetime to timestamp,
 * arrays to arrays, objects to structs (properties in name order, as MLflow sorts them), maps to
 * maps with string keys; a tensor to nested arrays of its dtype, one level per dimension after the
 * batch dimension.
 */
final class SparkTypes {
    private SparkTypes() {}

    static DataType of(ColSpec spec) {
        return spec.nested() != null ? of(spec.nested()) : scalar(spec.type());
    }

    static DataType of(NestedType type) {
        return switch (type.type()) {
            case ARRAY -> DataTypes.createArrayType(of(type.items()), true);
            case MAP -> DataTypes.createMapType(DataTypes.StringType, of(type.values()), true);
            case OBJECT -> {
                List<StructField> fields = new ArrayList<>();
                for (Map.Entry<String, NestedType.Property> p :
                        type.properties().entrySet()) {
                    fields.add(DataTypes.createStructField(
                            p.getKey(), of(p.getValue().type()), true));
                }
                yield DataTypes.createStructType(fields);
            }
            default -> scalar(type.type());
        };
    }

    static DataType scalar(io.mlflow4j.runtime.data.DataType type) {
        return switch (type) {
            case BOOLEAN -> DataTypes.BooleanType;
            case INTEGER -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case STRING -> DataTypes.StringType;
            case BINARY -> DataTypes.BinaryType;
            case DATETIME -> DataTypes.TimestampType;
            default -> throw new IllegalArgumentException(type + " is not a scalar type");
        };
    }

    /** A tensor's cells: {@code (-1,)} is a scalar per row, {@code (-1, 4)} an array, and so on. */
    static DataType of(TensorSpec spec) {
        DataType type = switch (spec.dtype()) {
            case "float32" -> DataTypes.FloatType;
            case "float64" -> DataTypes.DoubleType;
            case "int32" -> DataTypes.IntegerType;
            case "int64" -> DataTypes.LongType;
            case "bool" -> DataTypes.BooleanType;
            default -> throw new IllegalArgumentException("Unsupported tensor dtype " + spec.dtype());
        };
        for (int d = 1; d < spec.shape().size(); d++) {
            type = DataTypes.createArrayType(type, false);
        }
        return type;
    }

    /**
     * The MLflow type a Spark column is read as, or {@code null} when it has none (decimal,
     * interval, ...). Byte and short columns are read as integers, dates as datetimes at midnight.
     */
    static io.mlflow4j.runtime.data.DataType mlflowType(DataType type) {
        if (type instanceof BooleanType) {
            return io.mlflow4j.runtime.data.DataType.BOOLEAN;
        } else if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            return io.mlflow4j.runtime.data.DataType.INTEGER;
        } else if (type instanceof LongType) {
            return io.mlflow4j.runtime.data.DataType.LONG;
        } else if (type instanceof FloatType) {
            return io.mlflow4j.runtime.data.DataType.FLOAT;
        } else if (type instanceof DoubleType) {
            return io.mlflow4j.runtime.data.DataType.DOUBLE;
        } else if (type instanceof StringType) {
            return io.mlflow4j.runtime.data.DataType.STRING;
        } else if (type instanceof BinaryType) {
            return io.mlflow4j.runtime.data.DataType.BINARY;
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType || type instanceof DateType) {
            return io.mlflow4j.runtime.data.DataType.DATETIME;
        } else if (type instanceof ArrayType) {
            return io.mlflow4j.runtime.data.DataType.ARRAY;
        } else if (type instanceof StructType) {
            return io.mlflow4j.runtime.data.DataType.OBJECT;
        } else if (type instanceof MapType m && m.keyType() instanceof StringType) {
            return io.mlflow4j.runtime.data.DataType.MAP;
        }
        return null;
    }
}
