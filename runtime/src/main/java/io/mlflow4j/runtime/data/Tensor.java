package io.mlflow4j.runtime.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor: a flat array of values in row-major order with a shape, as numpy holds it.
 *
 * <pre>{@code
 * Tensor x = Tensor.of("features", new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
 * }</pre>
 *
 * @param name the tensor's name, or {@code null} for an unnamed input or output
 * @param dtype {@code float32}, {@code float64}, {@code int32}, {@code int64} or {@code bool}
 * @param shape the dimensions (all known: this is a value, not a spec)
 * @param data {@code float[]}, {@code double[]}, {@code int[]}, {@code long[]} or {@code boolean[]}
 *     matching {@code dtype}, of the product of the dimensions in length
 */
public record Tensor(String name, String dtype, int[] shape, Object data) {
    public Tensor {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        long expected = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Tensor dimensions are sizes, not " + d + ".");
            }
            expected *= d;
        }
        int length = switch (dtype) {
            case "float32" -> ((float[]) data).length;
            case "float64" -> ((double[]) data).length;
            case "int32" -> ((int[]) data).length;
            case "int64" -> ((long[]) data).length;
            case "bool" -> ((boolean[]) data).length;
            default -> throw new IllegalArgumentException("Unsupported tensor dtype '" + dtype + "'.");
        };
        if (length != expected) {
            throw new IllegalArgumentException("Tensor '" + name + "' has " + length + " values but shape "
                    + Arrays.toString(shape) + " needs " + expected + ".");
        }
    }

    public static Tensor of(String name, float[] data, int... shape) {
        return new Tensor(name, "float32", shape, data);
    }

    public static Tensor of(String name, double[] data, int... shape) {
        return new Tensor(name, "float64", shape, data);
    }

    public static Tensor of(String name, int[] data, int... shape) {
        return new Tensor(name, "int32", shape, data);
    }

    public static Tensor of(String name, long[] data, int... shape) {
        return new Tensor(name, "int64", shape, data);
    }

    public static Tensor of(String name, boolean[] data, int... shape) {
        return new Tensor(name, "bool", shape, data);
    }

    public Tensor withName(String newName) {
        return new Tensor(newName, dtype, shape, data);
    }

    /** numpy's shape repr: {@code (2, 4)}, {@code (3,)}. */
    public String shapeString() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t
                && Objects.equals(t.name, name)
                && t.dtype.equals(dtype)
                && Arrays.equals(t.shape, shape)
                && Objects.deepEquals(t.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + ": ") + "Tensor(" + dtype + ", " + shapeString() + ")";
    }
}
