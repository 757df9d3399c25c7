package io.mlflow4j.runtime.model;

import java.util.List;

/** Checks generated code runs on the user's results, so a mistake there gets a clear message. */
public final class Rows {
    private Rows() {}

    /** The result row, or an error naming the row when the model returned {@code null} for it. */
    public static <T> T notNull(T row, int index, String method) {
        if (row == null) {
            throw new IllegalStateException("@Predict method '" + method + "' returned null for row " + index
                    + ". Return a result for every row.");
        }
        return row;
    }

    /** The size of the result list, or an error when the model returned {@code null}. */
    public static int checkedSize(List<?> results, String method) {
        if (results == null) {
            throw new IllegalStateException("@Predict method '" + method + "' returned null. Return a list with one result per row.");
        }
        return results.size();
    }
}
