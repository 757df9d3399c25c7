package io.mlflow4j.runtime.bridge;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The columnar wire format between the Python loader module and the JVM: each column is one
 * block of little-endian values, as numpy holds them, so neither side converts row by row
 * (except strings, which are UTF-8 with an offset table).
 *
 * <pre>
 * table   := u32 rows, u32 columns, column*
 * column  := string name (length 0xFFFFFFFF for no name), u8 type, u8 hasMask, [u8 mask[rows]], data
 * data    := bool: u8[rows] | int32: i32[rows] | int64: i64[rows] | float32: f32[rows] | float64: f64[rows]
 *          | string: u32 offsets[rows + 1], utf8 bytes[offsets[rows]]
 *          | binary: u32 offsets[rows + 1], bytes[offsets[rows]] | datetime: i64 nanoseconds since the epoch[rows]
 *          | nested (array, object, map): like string, each cell its value as JSON
 * string  := u32 length, utf8 bytes
 * </pre>
 */
final class WireFormat {
    static final int NO_NAME = -1;
    static final byte NESTED = 8;

    private WireFormat() {}

    static byte typeCode(DataType type) {
        return switch (type) {
            case BOOLEAN -> 0;
            case INTEGER -> 1;
            case LONG -> 2;
            case FLOAT -> 3;
            case DOUBLE -> 4;
            case STRING -> 5;
            case BINARY -> 6;
            case DATETIME -> 7;
            case ARRAY, OBJECT, MAP -> NESTED;
        };
    }

    static DataType typeOf(byte code) {
        return switch (code) {
            case 0 -> DataType.BOOLEAN;
            case 1 -> DataType.INTEGER;
            case 2 -> DataType.LONG;
            case 3 -> DataType.FLOAT;
            case 4 -> DataType.DOUBLE;
            case 5 -> DataType.STRING;
            case 6 -> DataType.BINARY;
            case 7 -> DataType.DATETIME;
            default -> throw new IllegalArgumentException("Unknown column type code " + code + " on the wire.");
        };
    }

    public static ByteBuffer order(ByteBuffer buffer) {
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- reading ----

    public static Table readTable(ByteBuffer in) {
        int rows = in.getInt();
        int count = in.getInt();
        if (rows < 0 || count < 0) {
            throw new IllegalArgumentException("Corrupt table header: " + rows + " rows, " + count + " columns.");
        }
        List<Column> columns = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            String name = readString(in);
            byte code = in.get();
            BitSet missing = in.get() != 0 ? readMask(in, rows) : null;
            if (code == NESTED) {
                columns.add(NestedCells.fromJson(name, (String[]) readValues(in, DataType.STRING, rows), missing));
            } else {
                DataType type = typeOf(code);
                columns.add(Column.wrap(name, type, nanWhereMissing(readValues(in, type, rows), missing), missing));
            }
        }
        return new Table(columns);
    }

    /**
     * A missing float or double is NaN, whatever value the sender put in its place, as for a NaN in
     * a numpy column: a model taking a primitive {@code double} sees NaN, never a stand-in 0.
     */
    private static Object nanWhereMissing(Object values, BitSet missing) {
        if (missing != null && values instanceof double[] v) {
            missing.stream().forEach(i -> v[i] = Double.NaN);
        } else if (missing != null && values instanceof float[] v) {
            missing.stream().forEach(i -> v[i] = Float.NaN);
        }
        return values;
    }

    private static BitSet readMask(ByteBuffer in, int rows) {
        BitSet mask = new BitSet(rows);
        for (int i = 0; i < rows; i++) {
            if (in.get() != 0) {
                mask.set(i);
            }
        }
        return mask;
    }

    private static Object readValues(ByteBuffer in, DataType type, int rows) {
        switch (type) {
            case BOOLEAN: {
                boolean[] v = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = in.get() != 0;
                }
                return v;
            }
            case INTEGER: {
                int[] v = new int[rows];
                in.asIntBuffer().get(v);
                in.position(in.position() + rows * 4);
                return v;
            }
            case LONG:
            case DATETIME: {
                long[] v = new long[rows];
                in.asLongBuffer().get(v);
                in.position(in.position() + rows * 8);
                return v;
            }
            case FLOAT: {
                float[] v = new float[rows];
                in.asFloatBuffer().get(v);
                in.position(in.position() + rows * 4);
                return v;
            }
            case DOUBLE: {
                double[] v = new double[rows];
                in.asDoubleBuffer().get(v);
                in.position(in.position() + rows * 8);
                return v;
            }
            case STRING:
            case BINARY: {
                int[] offsets = new int[rows + 1];
                in.asIntBuffer().get(offsets);
                in.position(in.position() + (rows + 1) * 4);
                int base = in.position();
                byte[] array = in.array();
                int arrayOffset = in.arrayOffset();
                Object[] v = type == DataType.STRING ? new String[rows] : new byte[rows][];
                for (int i = 0; i < rows; i++) {
                    int from = arrayOffset + base + offsets[i];
                    int length = offsets[i + 1] - offsets[i];
                    v[i] = type == DataType.STRING
                            ? new String(array, from, length, StandardCharsets.UTF_8)
                            : Arrays.copyOfRange(array, from, from + length);
                }
                in.position(base + offsets[rows]);
                return v;
            }
            default:
                throw new IllegalArgumentException("Unsupported type " + type);
        }
    }

    // ---- tensors: u32 count, then per tensor: string name, u8 dtype (as column type codes), u8 rank, i64 dims[rank],
    // data ----

    private static final List<String> TENSOR_DTYPES = List.of("bool", "int32", "int64", "float32", "float64");

    public static List<Tensor> readTensors(ByteBuffer in) {
        int count = in.getInt();
        List<Tensor> tensors = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            String name = readString(in);
            byte code = in.get();
            if (code < 0 || code >= TENSOR_DTYPES.size()) {
                throw new IllegalArgumentException("Unknown tensor dtype code " + code + " on the wire.");
            }
            int rank = in.get();
            int[] shape = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = Math.toIntExact(in.getLong());
                size *= shape[d];
            }
            Object data = readValues(in, typeOf(code), Math.toIntExact(size));
            tensors.add(new Tensor(name, TENSOR_DTYPES.get(code), shape, data));
        }
        return tensors;
    }

    public static int tensorsSize(List<Tensor> tensors) {
        long size = 4;
        for (Tensor t : tensors) {
            size += stringSize(t.name()) + 2 + 8L * t.shape().length;
            long count = 1;
            for (int d : t.shape()) {
                count *= d;
            }
            int itemSize = switch (t.dtype()) {
                case "bool" -> 1;
                case "int32", "float32" -> 4;
                default -> 8;
            };
            size += count * itemSize;
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(
                    "The result is too large for one frame (" + size + " bytes); predict in smaller batches.");
        }
        return (int) size;
    }

    public static void writeTensors(ByteBuffer out, List<Tensor> tensors) {
        out.putInt(tensors.size());
        for (Tensor t : tensors) {
            writeString(out, t.name());
            out.put((byte) TENSOR_DTYPES.indexOf(t.dtype()));
            out.put((byte) t.shape().length);
            for (int d : t.shape()) {
                out.putLong(d);
            }
            Object data = t.data();
            if (data instanceof boolean[] b) {
                for (boolean v : b) {
                    out.put((byte) (v ? 1 : 0));
                }
            } else if (data instanceof int[] v) {
                out.asIntBuffer().put(v);
                out.position(out.position() + v.length * 4);
            } else if (data instanceof long[] v) {
                out.asLongBuffer().put(v);
                out.position(out.position() + v.length * 8);
            } else if (data instanceof float[] v) {
                out.asFloatBuffer().put(v);
                out.position(out.position() + v.length * 4);
            } else {
                double[] v = (double[]) data;
                out.asDoubleBuffer().put(v);
                out.position(out.position() + v.length * 8);
            }
        }
    }

    public static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length == NO_NAME) {
            return null;
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    // ---- writing ----

    /** The exact number of bytes {@link #writeTable} needs, so a frame is allocated once. */
    public static int tableSize(Table table, List<byte[][]> encodedStrings) {
        long size = 8;
        int rows = table.rowCount();
        for (Column column : table.columns()) {
            size += 4 + (column.name() == null ? 0 : column.name().getBytes(StandardCharsets.UTF_8).length) + 2;
            if (column.hasMissing()) {
                size += rows;
            }
            switch (column.type()) {
                case BOOLEAN -> size += rows;
                case INTEGER, FLOAT -> size += 4L * rows;
                case LONG, DOUBLE, DATETIME -> size += 8L * rows;
                case STRING, BINARY, ARRAY, OBJECT, MAP -> {
                    byte[][] encoded = column.type() == DataType.STRING
                            ? encodeStrings((String[]) column.rawValues())
                            : column.type() == DataType.BINARY
                                    ? nonNull((byte[][]) column.rawValues())
                                    : encodeStrings(NestedCells.toJson(column));
                    encodedStrings.add(encoded);
                    size += 4L * (rows + 1);
                    for (byte[] b : encoded) {
                        size += b.length;
                    }
                }
            }
        }
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException(
                    "The result is too large for one frame (" + size + " bytes); predict in smaller batches.");
        }
        return (int) size;
    }

    /** Writes a table; {@code encodedStrings} comes from {@link #tableSize}, in column order. */
    public static void writeTable(ByteBuffer out, Table table, List<byte[][]> encodedStrings) {
        int rows = table.rowCount();
        out.putInt(rows);
        out.putInt(table.columnCount());
        int stringColumn = 0;
        for (Column column : table.columns()) {
            writeString(out, column.name());
            out.put(typeCode(column.type()));
            BitSet missing = column.missingMask();
            out.put((byte) (missing == null ? 0 : 1));
            if (missing != null) {
                for (int i = 0; i < rows; i++) {
                    out.put((byte) (missing.get(i) ? 1 : 0));
                }
            }
            Object values = column.rawValues();
            switch (column.type()) {
                case BOOLEAN -> {
                    for (boolean b : (boolean[]) values) {
                        out.put((byte) (b ? 1 : 0));
                    }
                }
                case INTEGER -> {
                    out.asIntBuffer().put((int[]) values);
                    out.position(out.position() + rows * 4);
                }
                case LONG, DATETIME -> {
                    out.asLongBuffer().put((long[]) values);
                    out.position(out.position() + rows * 8);
                }
                case FLOAT -> {
                    out.asFloatBuffer().put((float[]) values);
                    out.position(out.position() + rows * 4);
                }
                case DOUBLE -> {
                    out.asDoubleBuffer().put((double[]) values);
                    out.position(out.position() + rows * 8);
                }
                case STRING, BINARY, ARRAY, OBJECT, MAP -> {
                    byte[][] encoded = encodedStrings.get(stringColumn++);
                    int offset = 0;
                    out.putInt(0);
                    for (byte[] b : encoded) {
                        offset += b.length;
                        out.putInt(offset);
                    }
                    for (byte[] b : encoded) {
                        out.put(b);
                    }
                }
            }
        }
    }

    public static int stringSize(String s) {
        return 4 + (s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length);
    }

    public static void writeString(ByteBuffer out, String s) {
        if (s == null) {
            out.putInt(NO_NAME);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length);
        out.put(bytes);
    }

    private static byte[][] nonNull(byte[][] values) {
        byte[][] result = values.clone();
        for (int i = 0; i < result.length; i++) {
            if (result[i] == null) {
                result[i] = new byte[0];
            }
        }
        return result;
    }

    private static byte[][] encodeStrings(String[] values) {
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i] == null ? new byte[0] : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return encoded;
    }
}
