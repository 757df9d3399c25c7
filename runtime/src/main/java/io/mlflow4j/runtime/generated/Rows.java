package io.mlflow4j.runtime.generated;

import java.util.List;
import java.util.stream.Stream;

/** Checks generated code runs on the user's results and examples, so a mistake there gets a clear message. */
public final class Rows {
    private Rows() {}

    /**
     * The row, or an error naming it when it is {@code null}.
     *
     * @param source what produced the row, as users know it: {@code @Predict method 'predict'}
     */
    public static <T> T notNull(T row, int index, String source) {
        if (row == null) {
            throw new IllegalStateException(
                    source + " returned null for row " + index + ". Give a value for every row.");
        }
        return row;
    }

    /** The value (an array of results), or an error naming its source when it is {@code null}. */
    public static <T> T notNull(T value, String source) {
        if (value == null) {
            throw new IllegalStateException(source + " returned null. Return one value per row.");
        }
        return value;
    }

    /** The stream's elements in order, or an error naming its source when it is {@code null}. */
    public static <T> List<T> toList(Stream<T> results, String source) {
        return notNull(results, source).toList();
    }

    /** The size of the list, or an error naming its source when it is {@code null}. */
    public static int checkedSize(List<?> rows, String source) {
        if (rows == null) {
            throw new IllegalStateException(source + " returned null. Return a list with one value per row.");
        }
        return rows.size();
    }
}
