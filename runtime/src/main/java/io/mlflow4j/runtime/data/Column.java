package io.mlflow4j.runtime.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * One column of a {@link Table}: a name (or {@code null}), an MLflow data type and its values,
 * stored unboxed for numbers and booleans. Missing values are tracked separately, so a missing
 * {@code long} is not confused with 0.
 *
 * <pre>{@code
 * Column x = Column.ofDoubles("x", new double[] {1.5, -2.0});
 * Column label = Column.ofStrings("label", new String[] {"a", null});
 * }</pre>
 */
public final class Column {
    private final String name;
    private final DataType type;
    // boolean[], int[], long[], float[], double[], String[], byte[][] (binary) or long[] (datetime:
    // nanoseconds since 1970-01-01T00:00, MLflow's datetime64[ns], which has no time zone)
    private final Object values;
    private final BitSet missing;
    private final int size;

    private Column(String name, DataType type, Object values, BitSet missing, int size) {
        this.name = name;
        this.type = type;
        this.values = values;
        this.missing = missing == null || missing.isEmpty() ? null : missing;
        this.size = size;
    }

    public static Column ofBooleans(String name, boolean[] values) {
        return new Column(name, DataType.BOOLEAN, values, null, values.length);
    }

    public static Column ofInts(String name, int[] values) {
        return new Column(name, DataType.INTEGER, values, null, values.length);
    }

    public static Column ofLongs(String name, long[] values) {
        return new Column(name, DataType.LONG, values, null, values.length);
    }

    public static Column ofFloats(String name, float[] values) {
        return new Column(name, DataType.FLOAT, values, null, values.length);
    }

    public static Column ofDoubles(String name, double[] values) {
        return new Column(name, DataType.DOUBLE, values, null, values.length);
    }

    public static Column ofStrings(String name, String[] values) {
        BitSet missing = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.set(i);
            }
        }
        return new Column(name, DataType.STRING, values, missing, values.length);
    }

    /** A binary column; {@code null} entries are missing values. */
    public static Column ofBinary(String name, byte[][] values) {
        BitSet missing = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.set(i);
            }
        }
        return new Column(name, DataType.BINARY, values, missing, values.length);
    }

    /**
     * A nested column (ARRAY, OBJECT or MAP): each cell a {@code List} (array) or a {@code Map}
     * with string keys (object, map) of nested values; {@code null} is a missing value.
     */
    public static Column ofNested(String name, DataType type, Object[] cells) {
        if (!type.isNested()) {
            throw new IllegalArgumentException(type + " is not a nested type");
        }
        return ofBoxed(name, type, cells);
    }

    /**
     * A datetime column from nanoseconds since 1970-01-01T00:00 (MLflow's {@code datetime64[ns]},
     * without time zone); {@code missing} marks missing values (NaT), or is {@code null}.
     */
    public static Column ofDatetimes(String name, long[] epochNanos, BitSet missing) {
        return new Column(
                name,
                DataType.DATETIME,
                epochNanos,
                missing == null ? null : (BitSet) missing.clone(),
                epochNanos.length);
    }

    /**
     * A column from boxed values of the type's Java class ({@code Boolean}, {@code Integer},
     * {@code Long}, {@code Float}, {@code Double}, {@code String}, {@code byte[]}, and {@code Long}
     * epoch nanoseconds for datetime); {@code null} is a missing value.
     */
    public static Column ofBoxed(String name, DataType type, Object[] boxed) {
        int n = boxed.length;
        BitSet missing = new BitSet();
        for (int i = 0; i < n; i++) {
            if (boxed[i] == null) {
                missing.set(i);
            }
        }
        Object values;
        switch (type) {
            case BOOLEAN -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = boxed[i] != null && (Boolean) boxed[i];
                values = v;
            }
            case INTEGER -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = boxed[i] == null ? 0 : ((Number) boxed[i]).intValue();
                values = v;
            }
            case LONG -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = boxed[i] == null ? 0 : ((Number) boxed[i]).longValue();
                values = v;
            }
            case FLOAT -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = boxed[i] == null ? Float.NaN : ((Number) boxed[i]).floatValue();
                values = v;
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = boxed[i] == null ? Double.NaN : ((Number) boxed[i]).doubleValue();
                values = v;
            }
            case BINARY -> {
                byte[][] v = new byte[n][];
                for (int i = 0; i < n; i++) v[i] = (byte[]) boxed[i];
                values = v;
            }
            case DATETIME -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = boxed[i] == null ? 0 : ((Number) boxed[i]).longValue();
                values = v;
            }
            case ARRAY, OBJECT, MAP -> values = boxed.clone();
            case STRING -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) v[i] = (String) boxed[i];
                values = v;
            }
            default -> throw new IllegalArgumentException("Columns of type " + type + " are not supported yet.");
        }
        return new Column(name, type, values, missing, n);
    }

    /**
     * A column over an existing array, without copying: {@code boolean[]}, {@code int[]},
     * {@code long[]}, {@code float[]}, {@code double[]} or {@code String[]}, matching {@code type}.
     * {@code missing} marks missing values, or is {@code null}. Used by bulk readers such as the
     * Python bridge; the caller must not change the array afterwards.
     */
    public static Column wrap(String name, DataType type, Object values, BitSet missing) {
        int size = switch (type) {
            case BOOLEAN -> ((boolean[]) values).length;
            case INTEGER -> ((int[]) values).length;
            case LONG -> ((long[]) values).length;
            case FLOAT -> ((float[]) values).length;
            case DOUBLE -> ((double[]) values).length;
            case STRING -> ((String[]) values).length;
            case BINARY -> ((byte[][]) values).length;
            case DATETIME -> ((long[]) values).length;
            case ARRAY, OBJECT, MAP -> ((Object[]) values).length;
        };
        return new Column(name, type, values, missing == null ? null : (BitSet) missing.clone(), size);
    }

    /**
     * The backing array, for bulk writers such as the Python bridge: {@code boolean[]},
     * {@code int[]}, {@code long[]}, {@code float[]}, {@code double[]} or {@code String[]}.
     * Read it, never change it.
     */
    public Object rawValues() {
        return values;
    }

    /** A copy of the missing-value marks, or {@code null} when no value is missing. */
    public BitSet missingMask() {
        return missing == null ? null : (BitSet) missing.clone();
    }

    /** The same values under another name. */
    public Column withName(String newName) {
        return new Column(newName, type, values, missing, size);
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    public int size() {
        return size;
    }

    public boolean isMissing(int row) {
        return missing != null && missing.get(row);
    }

    public boolean hasMissing() {
        return missing != null;
    }

    public boolean getBoolean(int row) {
        return as(DataType.BOOLEAN, boolean[].class)[row];
    }

    public int getInt(int row) {
        return as(DataType.INTEGER, int[].class)[row];
    }

    public long getLong(int row) {
        return as(DataType.LONG, long[].class)[row];
    }

    public float getFloat(int row) {
        return as(DataType.FLOAT, float[].class)[row];
    }

    public double getDouble(int row) {
        return as(DataType.DOUBLE, double[].class)[row];
    }

    /** The bytes, or {@code null} when missing. */
    public byte[] getBytes(int row) {
        byte[][] bytes = as(DataType.BINARY, byte[][].class);
        return isMissing(row) ? null : bytes[row];
    }

    /** Nanoseconds since 1970-01-01T00:00 (no time zone); check {@link #isMissing} first. */
    public long getEpochNanos(int row) {
        return as(DataType.DATETIME, long[].class)[row];
    }

    /** The string, or {@code null} when missing. */
    public String getString(int row) {
        String[] strings = as(DataType.STRING, String[].class);
        return isMissing(row) ? null : strings[row];
    }

    /** The value boxed, or {@code null} when missing. */
    public Object get(int row) {
        if (isMissing(row)) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> ((boolean[]) values)[row];
            case INTEGER -> ((int[]) values)[row];
            case LONG -> ((long[]) values)[row];
            case FLOAT -> ((float[]) values)[row];
            case DOUBLE -> ((double[]) values)[row];
            case DATETIME -> ((long[]) values)[row];
            default -> ((Object[]) values)[row];
        };
    }

    /** A copy converted to a wider type; the caller has checked the conversion is safe. */
    public Column widenTo(DataType target) {
        if (target == type) {
            return this;
        }
        Object converted;
        if (type == DataType.INTEGER && target == DataType.LONG) {
            int[] v = (int[]) values;
            long[] out = new long[size];
            for (int i = 0; i < size; i++) out[i] = v[i];
            converted = out;
        } else if ((type == DataType.INTEGER || type == DataType.LONG || type == DataType.FLOAT)
                && target == DataType.DOUBLE) {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) out[i] = isMissing(i) ? Double.NaN : ((Number) rawNumber(i)).doubleValue();
            converted = out; // a missing value is NaN, as pandas makes it when it casts to float64
        } else {
            throw new IllegalArgumentException("Cannot widen " + type + " to " + target);
        }
        return new Column(name, target, converted, missing == null ? null : (BitSet) missing.clone(), size);
    }

    private Object rawNumber(int row) {
        return switch (type) {
            case INTEGER -> ((int[]) values)[row];
            case LONG -> ((long[]) values)[row];
            case FLOAT -> ((float[]) values)[row];
            case DOUBLE -> ((double[]) values)[row];
            default -> throw new IllegalStateException("not numeric: " + type);
        };
    }

    private <T> T as(DataType expected, Class<T> storage) {
        if (type != expected) {
            throw new IllegalStateException("Column '" + name + "' holds " + type + " values, not " + expected + ".");
        }
        return storage.cast(values);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Column c) || c.size != size || c.type != type || !Objects.equals(c.name, name)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!Objects.deepEquals(get(i), c.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, size);
    }

    @Override
    public String toString() {
        Object[] shown = new Object[Math.min(size, 10)];
        for (int i = 0; i < shown.length; i++) shown[i] = get(i);
        return (name == null ? "" : name + ": ") + type + Arrays.toString(shown) + (size > 10 ? "..." : "");
    }
}
