package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.TensorSpec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A model's output as Spark values: one field per output column or tensor, typed as its signature
 * says. A model without an output schema gives one double, as {@code spark_udf}'s default result
 * type is; an unnamed single output is called {@code prediction}.
 */
final class ModelOutputs {
    static final String UNNAMED = "prediction";

    private final Schema outputs;
    private final StructType struct;
    private final ZoneId zone;
    private final boolean java8Api;

    ModelOutputs(Schema outputs, ZoneId zone, boolean java8Api) {
        this.outputs = outputs;
        this.zone = zone;
        this.java8Api = java8Api;
        List<StructField> fields = new ArrayList<>();
        if (outputs == null) {
            fields.add(DataTypes.createStructField(UNNAMED, DataTypes.DoubleType, true));
        } else if (outputs.isTensor()) {
            List<TensorSpec> tensors = outputs.tensors();
            for (int i = 0; i < tensors.size(); i++) {
                fields.add(DataTypes.createStructField(
                        name(tensors.get(i).name(), i, tensors.size()), SparkTypes.of(tensors.get(i)), true));
            }
        } else {
            List<ColSpec> columns = outputs.columns();
            for (int i = 0; i < columns.size(); i++) {
                fields.add(DataTypes.createStructField(
                        name(columns.get(i).name(), i, columns.size()), SparkTypes.of(columns.get(i)), true));
            }
        }
        this.struct = DataTypes.createStructType(fields);
    }

    private static String name(String name, int index, int count) {
        return name != null ? name : count == 1 ? UNNAMED : UNNAMED + "_" + index;
    }

    StructType struct() {
        return struct;
    }

    /** The predicted columns in the order of {@link #struct}'s fields. */
    Column[] columns(Table predictions, int rows, String modelName) {
        checkRows(predictions.rowCount(), rows, modelName);
        StructField[] fields = struct.fields();
        Column[] columns = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Column column = outputs != null && outputs.hasNames()
                    ? predictions.column(fields[i].name())
                    : i < predictions.columnCount() ? predictions.column(i) : null;
            if (column == null) {
                throw new IllegalStateException(
                        "Model '" + modelName + "' returned the columns " + predictions.columnNames()
                                + " without its output '" + fields[i].name() + "' of its signature " + outputs + ".");
            }
            columns[i] = column;
        }
        return columns;
    }

    /** Fills {@code out[r][offset + i]} with output {@code i} of row {@code r}. */
    void write(Table predictions, int rows, Object[][] out, int offset, String modelName) {
        Column[] columns = columns(predictions, rows, modelName);
        StructField[] fields = struct.fields();
        for (int i = 0; i < fields.length; i++) {
            Column column = columns[i];
            DataType type = fields[i].dataType();
            for (int r = 0; r < rows; r++) {
                out[r][offset + i] = value(column, r, type);
            }
        }
    }

    void write(List<Tensor> predictions, int rows, Object[][] out, int offset, String modelName) {
        StructField[] fields = struct.fields();
        for (int i = 0; i < fields.length; i++) {
            Tensor tensor =
                    predictions.size() == 1 ? predictions.get(0) : find(predictions, fields[i].name(), modelName);
            checkRows(tensor.shape()[0], rows, modelName);
            int perRow = 1;
            for (int d = 1; d < tensor.shape().length; d++) {
                perRow *= tensor.shape()[d];
            }
            for (int r = 0; r < rows; r++) {
                out[r][offset + i] = tensor.shape().length == 1
                        ? element(tensor.data(), r)
                        : slice(tensor.data(), tensor.shape(), 1, r * perRow, fields[i].dataType());
            }
        }
    }

    private static Tensor find(List<Tensor> tensors, String name, String modelName) {
        for (Tensor t : tensors) {
            if (name.equals(t.name())) {
                return t;
            }
        }
        throw new IllegalStateException(
                "Model '" + modelName + "' returned the tensors " + tensors + " without '" + name + "'.");
    }

    private static void checkRows(int returned, int rows, String modelName) {
        if (returned != rows) {
            throw new IllegalStateException("Model '" + modelName + "' returned " + returned + " rows for a batch of "
                    + rows + "; a model must return one prediction per input row.");
        }
    }

    private Object value(Column column, int r, DataType type) {
        if (column.isMissing(r)) {
            return null;
        }
        return switch (column.type()) {
            case DATETIME -> SparkValues.timestamp(column.getEpochNanos(r), zone, java8Api);
            case BINARY -> column.getBytes(r);
            default -> SparkValues.fromCell(column.get(r), type);
        };
    }

    /** The cell at {@code start} of a row-major array, {@code depth} dimensions in. */
    private static Object slice(Object data, int[] shape, int depth, int start, DataType type) {
        int stride = 1;
        for (int d = depth + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        List<Object> items = new ArrayList<>(shape[depth]);
        DataType element = ((ArrayType) type).elementType();
        for (int i = 0; i < shape[depth]; i++) {
            items.add(
                    depth == shape.length - 1
                            ? element(data, start + i)
                            : slice(data, shape, depth + 1, start + i * stride, element));
        }
        return CollectionConverters.asScala(items).toList();
    }

    private static Object element(Object data, int i) {
        if (data instanceof float[] a) {
            return a[i];
        } else if (data instanceof double[] a) {
            return a[i];
        } else if (data instanceof int[] a) {
            return a[i];
        } else if (data instanceof long[] a) {
            return a[i];
        }
        return ((boolean[]) data)[i];
    }
}
