package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.data.DataType;
import io.mlflow4j.runtime.scoring.CellValues.CellException;
import java.util.List;

/**
 * Missing values in an integer or long column, refused as MLflow's scoring server refuses them:
 * Python integers cannot be missing, so pandas holds such a column as {@code float64} (or as
 * objects), and casting it to {@code int32}/{@code int64} fails. Whether the column is optional
 * does not matter; the cast happens before the schema is looked at.
 */
final class MissingIntegers {
    static final String NONE = "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";

    private MissingIntegers() {}

    /**
     * Fails when the column holds a missing value.
     *
     * @param dataframe a DataFrame payload, cast with {@code astype}: a column of numbers with a
     *     missing (or infinite) value is {@code float64} and fails as a whole; any other column is
     *     cast value by value, as {@code np.array(values, dtype)} casts the other payloads
     */
    static void check(List<JsonNode> values, boolean dataframe) {
        boolean anyMissing = false;
        boolean numbers = true;
        boolean anyNumber = false;
        for (JsonNode v : values) {
            if (isNone(v)) {
                anyMissing = true;
            } else if (v.isNumber()) {
                anyNumber = true;
                anyMissing |= v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue());
            } else {
                numbers = false;
            }
        }
        if (!anyMissing) {
            return;
        }
        if (dataframe && numbers && anyNumber) {
            throw new CellException("IntCastingNaNError", "Cannot convert non-finite values (NA or inf) to integer");
        }
        for (JsonNode v : values) {
            if (isNone(v)) {
                throw new CellException("TypeError", NONE);
            }
            CellValues.convert(v, DataType.LONG); // NaN, inf or a bad value: its own error
        }
    }

    private static boolean isNone(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode();
    }
}
