package io.mlflow4j.spark;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.schema.ColSpec;
import io.mlflow4j.runtime.schema.Schema;
import io.mlflow4j.runtime.schema.SchemaEnforcer;
import io.mlflow4j.runtime.schema.TensorSpec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads batches of Spark rows into a model's input: a {@link Table} of columns, or tensors. Which
 * field feeds which input is decided once, from the rows' schema; then each batch is read column
 * by column into unboxed arrays.
 */
final class ModelInputs {
    private final Schema inputs;
    private final ZoneId zone;
    private final List<Field> fields = new ArrayList<>();

    /** One Spark field read as one model input. */
    private record Field(
            String name, int index, DataType sparkType, io.mlflow4j.runtime.data.DataType type, TensorSpec tensor) {}

    ModelInputs(StructType rowType, Schema inputs, ZoneId zone, String modelName) {
        this.inputs = inputs;
        this.zone = zone;
        StructField[] sparkFields = rowType.fields();
        if (inputs.isTensor()) {
            for (TensorSpec spec : inputs.tensors()) {
                int index = tensorField(rowType, spec, modelName);
                fields.add(new Field(sparkFields[index].name(), index, sparkFields[index].dataType(), null, spec));
            }
        } else if (inputs.hasNames()) {
            for (ColSpec spec : inputs.columns()) {
                int index = indexOf(rowType, spec.name());
                if (index >= 0) {
                    fields.add(field(sparkFields, index, modelName));
                }
            }
        } else {
            for (int i = 0; i < Math.min(inputs.columns().size(), sparkFields.length); i++) {
                fields.add(field(sparkFields, i, modelName));
            }
        }
    }

    /**
     * Checks, before any task runs, that rows of {@code rowType} fit the model's inputs: the same
     * schema enforcement as each batch gets (on no rows), so a missing or wrong-typed column fails
     * on the driver with MLflow's message.
     */
    static void check(StructType rowType, Schema inputs, ZoneId zone, String modelName) {
        ModelInputs reader = new ModelInputs(rowType, inputs, zone, modelName);
        if (inputs.isTensor()) {
            return; // tensorField checked presence and type
        }
        List<Column> empty = new ArrayList<>();
        for (StructField f : rowType.fields()) {
            io.mlflow4j.runtime.data.DataType type = SparkTypes.mlflowType(f.dataType());
            boolean read = reader.fields.stream().anyMatch(r -> r.name().equals(f.name()));
            if (type != null && (read || inputs.hasNames())) {
                empty.add(emptyColumn(f.name(), type));
            }
        }
        if (!inputs.hasNames()) {
            empty = empty.subList(0, Math.min(empty.size(), inputs.columns().size()));
        }
        SchemaEnforcer.enforce(new Table(empty), inputs);
    }

    boolean isTensor() {
        return inputs.isTensor();
    }

    Table table(Row[] rows, int count) {
        List<Column> columns = new ArrayList<>(fields.size());
        for (Field f : fields) {
            columns.add(column(f, rows, count));
        }
        return new Table(columns);
    }

    List<Tensor> tensors(Row[] rows, int count) {
        List<Tensor> tensors = new ArrayList<>(fields.size());
        for (Field f : fields) {
            tensors.add(tensor(f, rows, count));
        }
        return tensors;
    }

    private static Field field(StructField[] sparkFields, int index, String modelName) {
        StructField f = sparkFields[index];
        io.mlflow4j.runtime.data.DataType type = SparkTypes.mlflowType(f.dataType());
        if (type == null) {
            throw MlflowException.invalidParameter("Column '" + f.name() + "' has the Spark type "
                    + f.dataType().simpleString()
                    + ", which has no MLflow type, so model '" + modelName + "' cannot take it. Cast it to double, long"
                    + " or string, as the model's signature wants.");
        }
        return new Field(f.name(), index, f.dataType(), type, null);
    }

    private static int indexOf(StructType rowType, String name) {
        String[] names = rowType.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A named tensor reads the field of its name; one unnamed tensor reads the only field. */
    private static int tensorField(StructType rowType, TensorSpec spec, String modelName) {
        int index;
        if (spec.name() != null) {
            index = indexOf(rowType, spec.name());
            if (index < 0) {
                throw MlflowException.invalidParameter(
                        "Model is missing inputs ['" + spec.name() + "']. Model '" + modelName + "' takes the tensor "
                                + spec + "; the columns are " + Arrays.toString(rowType.fieldNames()) + ".");
            }
        } else if (rowType.fields().length == 1) {
            index = 0;
        } else {
            throw MlflowException.invalidParameter(
                    "Model '" + modelName + "' takes one unnamed tensor " + spec + " but got "
                            + rowType.fields().length + " columns " + Arrays.toString(rowType.fieldNames())
                            + ". Select the one array column that holds it.");
        }
        DataType wanted = SparkTypes.of(spec);
        DataType given = rowType.fields()[index].dataType();
        if (!DataType.equalsIgnoreNullability(given, wanted)) {
            throw MlflowException.invalidParameter("Column '" + rowType.fields()[index].name() + "' is "
                    + given.simpleString()
                    + " but model '" + modelName + "' takes the tensor " + spec + ", which is " + wanted.simpleString()
                    + " in Spark. Cast the column to " + wanted.simpleString() + ".");
        }
        return index;
    }

    private static Column emptyColumn(String name, io.mlflow4j.runtime.data.DataType type) {
        Object values = switch (type) {
            case BOOLEAN -> new boolean[0];
            case INTEGER -> new int[0];
            case LONG, DATETIME -> new long[0];
            case FLOAT -> new float[0];
            case DOUBLE -> new double[0];
            case STRING -> new String[0];
            case BINARY -> new byte[0][];
            case ARRAY, OBJECT, MAP -> new Object[0];
        };
        return Column.wrap(name, type, values, null);
    }

    private Column column(Field f, Row[] rows, int n) {
        int j = f.index();
        BitSet missing = new BitSet();
        Object values;
        switch (f.type()) {
            case BOOLEAN -> {
                boolean[] v = new boolean[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = rows[r].getBoolean(j);
                }
                values = v;
            }
            case INTEGER -> {
                int[] v = new int[n];
                boolean narrow = f.sparkType() instanceof ByteType || f.sparkType() instanceof ShortType;
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = narrow ? ((Number) rows[r].get(j)).intValue() : rows[r].getInt(j);
                }
                values = v;
            }
            case LONG -> {
                long[] v = new long[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = rows[r].getLong(j);
                }
                values = v;
            }
            case FLOAT -> {
                float[] v = new float[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = rows[r].getFloat(j);
                }
                values = v;
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = rows[r].getDouble(j);
                }
                values = v;
            }
            case STRING -> {
                String[] v = new String[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = rows[r].getString(j);
                }
                values = v;
            }
            case BINARY -> {
                byte[][] v = new byte[n][];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = (byte[]) rows[r].get(j);
                }
                values = v;
            }
            case DATETIME -> {
                long[] v = new long[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = SparkValues.epochNanos(rows[r].get(j), zone);
                }
                values = v;
            }
            default -> {
                Object[] v = new Object[n];
                for (int r = 0; r < n; r++) {
                    if (rows[r].isNullAt(j)) missing.set(r);
                    else v[r] = SparkValues.toCell(rows[r].get(j), f.sparkType());
                }
                values = v;
            }
        }
        return Column.wrap(f.name(), f.type(), values, missing);
    }

    /** Rows of (nested) arrays as one row-major tensor; every row must have the same dimensions. */
    private static Tensor tensor(Field f, Row[] rows, int n) {
        TensorSpec spec = f.tensor();
        int rank = spec.shape().size();
        int[] shape = new int[rank];
        shape[0] = n;
        if (n > 0) {
            Object cell = rows[0].get(f.index());
            for (int d = 1; d < rank && cell != null; d++) {
                int size = 0;
                Object first = null;
                for (Object item : SparkValues.iterable(cell)) {
                    first = size == 0 ? item : first;
                    size++;
                }
                shape[d] = size;
                cell = first;
            }
        }
        for (int d = 1; d < rank; d++) {
            if (spec.shape().get(d) >= 0) {
                shape[d] = spec.shape().get(d);
            }
        }
        int perRow = 1;
        for (int d = 1; d < rank; d++) {
            perRow *= shape[d];
        }
        Object data = switch (spec.dtype()) {
            case "float32" -> new float[n * perRow];
            case "float64" -> new double[n * perRow];
            case "int32" -> new int[n * perRow];
            case "int64" -> new long[n * perRow];
            default -> new boolean[n * perRow];
        };
        int[] position = {0};
        for (int r = 0; r < n; r++) {
            if (rows[r].isNullAt(f.index())) {
                throw new IllegalArgumentException("Row " + r + " of the batch has no value in column '" + f.name()
                        + "'; a tensor " + spec + " has no missing values. Filter or fill the column first.");
            }
            fill(rows[r].get(f.index()), 1, shape, data, position, f, spec);
        }
        return new Tensor(spec.name(), spec.dtype(), shape, data);
    }

    private static void fill(
            Object cell, int depth, int[] shape, Object data, int[] position, Field f, TensorSpec spec) {
        if (depth == shape.length) {
            int p = position[0]++;
            if (data instanceof float[] a) {
                a[p] = ((Number) cell).floatValue();
            } else if (data instanceof double[] a) {
                a[p] = ((Number) cell).doubleValue();
            } else if (data instanceof int[] a) {
                a[p] = ((Number) cell).intValue();
            } else if (data instanceof long[] a) {
                a[p] = ((Number) cell).longValue();
            } else {
                ((boolean[]) data)[p] = (Boolean) cell;
            }
            return;
        }
        int size = 0;
        for (Object item : SparkValues.iterable(cell)) {
            if (size == shape[depth]) {
                break;
            }
            fill(item, depth + 1, shape, data, position, f, spec);
            size++;
        }
        if (size != shape[depth] || SparkValues.size(cell) != shape[depth]) {
            throw new IllegalArgumentException("Column '" + f.name() + "' holds an array of " + SparkValues.size(cell)
                    + " values at depth " + depth + " where the tensor " + spec + " of this batch has " + shape[depth]
                    + ". Every row needs the same dimensions.");
        }
    }
}
