package io.mlflow4j.runtime.generated;

import io.mlflow4j.runtime.data.Tensor;

/**
 * Tensors to Java arrays of one to three dimensions and back, for generated code, one method per
 * element type and rank: plain loops, no reflection.
 */
public final class TensorArrays {
    private TensorArrays() {}

    // ---- float ----

    public static float[] toFloat1(Tensor t) {
        return ((float[]) t.data()).clone();
    }

    public static float[][] toFloat2(Tensor t) {
        float[] d = (float[]) t.data();
        int rows = t.shape()[0], cols = t.shape()[1];
        float[][] out = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static float[][][] toFloat3(Tensor t) {
        float[] d = (float[]) t.data();
        int a = t.shape()[0], b = t.shape()[1], c = t.shape()[2];
        float[][][] out = new float[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(d, (i * b + j) * c, out[i][j], 0, c);
            }
        }
        return out;
    }

    public static Tensor fromFloat(String name, float[] v) {
        return Tensor.of(name, v.clone(), v.length);
    }

    public static Tensor fromFloat(String name, float[][] v) {
        int rows = v.length, cols = rows == 0 ? 0 : v[0].length;
        float[] d = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            checkedLength(v[i].length, cols, name);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return Tensor.of(name, d, rows, cols);
    }

    public static Tensor fromFloat(String name, float[][][] v) {
        int a = v.length, b = a == 0 ? 0 : v[0].length, c = b == 0 ? 0 : v[0][0].length;
        float[] d = new float[a * b * c];
        for (int i = 0; i < a; i++) {
            checkedLength(v[i].length, b, name);
            for (int j = 0; j < b; j++) {
                checkedLength(v[i][j].length, c, name);
                System.arraycopy(v[i][j], 0, d, (i * b + j) * c, c);
            }
        }
        return Tensor.of(name, d, a, b, c);
    }

    // ---- double ----

    public static double[] toDouble1(Tensor t) {
        return ((double[]) t.data()).clone();
    }

    public static double[][] toDouble2(Tensor t) {
        double[] d = (double[]) t.data();
        int rows = t.shape()[0], cols = t.shape()[1];
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static double[][][] toDouble3(Tensor t) {
        double[] d = (double[]) t.data();
        int a = t.shape()[0], b = t.shape()[1], c = t.shape()[2];
        double[][][] out = new double[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(d, (i * b + j) * c, out[i][j], 0, c);
            }
        }
        return out;
    }

    public static Tensor fromDouble(String name, double[] v) {
        return Tensor.of(name, v.clone(), v.length);
    }

    public static Tensor fromDouble(String name, double[][] v) {
        int rows = v.length, cols = rows == 0 ? 0 : v[0].length;
        double[] d = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            checkedLength(v[i].length, cols, name);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return Tensor.of(name, d, rows, cols);
    }

    public static Tensor fromDouble(String name, double[][][] v) {
        int a = v.length, b = a == 0 ? 0 : v[0].length, c = b == 0 ? 0 : v[0][0].length;
        double[] d = new double[a * b * c];
        for (int i = 0; i < a; i++) {
            checkedLength(v[i].length, b, name);
            for (int j = 0; j < b; j++) {
                checkedLength(v[i][j].length, c, name);
                System.arraycopy(v[i][j], 0, d, (i * b + j) * c, c);
            }
        }
        return Tensor.of(name, d, a, b, c);
    }

    // ---- int ----

    public static int[] toInt1(Tensor t) {
        return ((int[]) t.data()).clone();
    }

    public static int[][] toInt2(Tensor t) {
        int[] d = (int[]) t.data();
        int rows = t.shape()[0], cols = t.shape()[1];
        int[][] out = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static Tensor fromInt(String name, int[] v) {
        return Tensor.of(name, v.clone(), v.length);
    }

    public static Tensor fromInt(String name, int[][] v) {
        int rows = v.length, cols = rows == 0 ? 0 : v[0].length;
        int[] d = new int[rows * cols];
        for (int i = 0; i < rows; i++) {
            checkedLength(v[i].length, cols, name);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return Tensor.of(name, d, rows, cols);
    }

    // ---- long ----

    public static long[] toLong1(Tensor t) {
        return ((long[]) t.data()).clone();
    }

    public static long[][] toLong2(Tensor t) {
        long[] d = (long[]) t.data();
        int rows = t.shape()[0], cols = t.shape()[1];
        long[][] out = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static Tensor fromLong(String name, long[] v) {
        return Tensor.of(name, v.clone(), v.length);
    }

    public static Tensor fromLong(String name, long[][] v) {
        int rows = v.length, cols = rows == 0 ? 0 : v[0].length;
        long[] d = new long[rows * cols];
        for (int i = 0; i < rows; i++) {
            checkedLength(v[i].length, cols, name);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return Tensor.of(name, d, rows, cols);
    }

    // ---- boolean ----

    public static boolean[] toBoolean1(Tensor t) {
        return ((boolean[]) t.data()).clone();
    }

    public static boolean[][] toBoolean2(Tensor t) {
        boolean[] d = (boolean[]) t.data();
        int rows = t.shape()[0], cols = t.shape()[1];
        boolean[][] out = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, i * cols, out[i], 0, cols);
        }
        return out;
    }

    public static Tensor fromBoolean(String name, boolean[] v) {
        return Tensor.of(name, v.clone(), v.length);
    }

    public static Tensor fromBoolean(String name, boolean[][] v) {
        int rows = v.length, cols = rows == 0 ? 0 : v[0].length;
        boolean[] d = new boolean[rows * cols];
        for (int i = 0; i < rows; i++) {
            checkedLength(v[i].length, cols, name);
            System.arraycopy(v[i], 0, d, i * cols, cols);
        }
        return Tensor.of(name, d, rows, cols);
    }

    private static void checkedLength(int length, int expected, String name) {
        if (length != expected) {
            throw new IllegalStateException("The model returned a ragged array for tensor "
                    + (name == null ? "" : "'" + name + "' ") + "(a row of " + length + " where the first has "
                    + expected + "). Return rectangular arrays.");
        }
    }
}
