package io.mlflow4j.runtime.generated;

import io.mlflow4j.runtime.data.Column;
import io.mlflow4j.runtime.data.Datetimes;
import io.mlflow4j.runtime.error.MlflowException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

/**
 * Checked cell conversions for Java types that MLflow stores in a wider column: {@code byte} and
 * {@code short} in integer columns, {@code char} and enums in string columns. Generated code
 * calls these; a value that does not fit is an input error naming the column, the row and the
 * value.
 */
public final class Cells {
    private Cells() {}

    public static byte toByte(Column column, int row) {
        int value = column.getInt(row);
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
            throw outOfRange(column, row, value, "byte");
        }
        return (byte) value;
    }

    public static short toShort(Column column, int row) {
        int value = column.getInt(row);
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw outOfRange(column, row, value, "short");
        }
        return (short) value;
    }

    public static Byte toByteOrNull(Column column, int row) {
        return column.isMissing(row) ? null : toByte(column, row);
    }

    public static Short toShortOrNull(Column column, int row) {
        return column.isMissing(row) ? null : toShort(column, row);
    }

    public static char toChar(Column column, int row) {
        String value = column.getString(row);
        if (value == null || value.length() != 1) {
            throw MlflowException.invalidParameter("Column " + column.name() + " row " + row + " holds "
                    + (value == null ? "no value" : "'" + value + "'") + ", but the model reads it as one char."
                    + " Send strings of exactly one character.");
        }
        return value.charAt(0);
    }

    public static Character toCharOrNull(Column column, int row) {
        return column.isMissing(row) || column.getString(row) == null ? null : toChar(column, row);
    }

    public static <E extends Enum<E>> E toEnum(Column column, int row, Class<E> type) {
        String value = column.getString(row);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw MlflowException.invalidParameter("Column " + column.name() + " row " + row + " holds '" + value
                    + "', which is not one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    public static Instant toInstant(Column column, int row) {
        return column.isMissing(row) ? null : Datetimes.toInstant(column.getEpochNanos(row));
    }

    public static LocalDateTime toLocalDateTime(Column column, int row) {
        return column.isMissing(row) ? null : Datetimes.toLocalDateTime(column.getEpochNanos(row));
    }

    public static LocalDate toLocalDate(Column column, int row) {
        return column.isMissing(row)
                ? null
                : Datetimes.toLocalDateTime(column.getEpochNanos(row)).toLocalDate();
    }

    /** At UTC: MLflow's datetimes carry no zone. */
    public static OffsetDateTime toOffsetDateTime(Column column, int row) {
        return column.isMissing(row)
                ? null
                : Datetimes.toInstant(column.getEpochNanos(row)).atOffset(ZoneOffset.UTC);
    }

    public static Date toDate(Column column, int row) {
        return column.isMissing(row) ? null : Date.from(Datetimes.toInstant(column.getEpochNanos(row)));
    }

    /** Epoch nanoseconds of a datetime value, or {@code null}. */
    public static Long nanos(Instant value) {
        return value == null ? null : Datetimes.toEpochNanos(value);
    }

    public static Long nanos(LocalDateTime value) {
        return value == null ? null : Datetimes.toEpochNanos(value);
    }

    public static Long nanos(LocalDate value) {
        return value == null ? null : Datetimes.toEpochNanos(value.atStartOfDay());
    }

    public static Long nanos(OffsetDateTime value) {
        return value == null ? null : Datetimes.toEpochNanos(value.toInstant());
    }

    public static Long nanos(Date value) {
        return value == null ? null : Datetimes.toEpochNanos(value.toInstant());
    }

    public static String charToString(Character value) {
        return value == null ? null : value.toString();
    }

    public static String enumName(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** The value inside an Optional; {@code null} for an empty or null Optional. */
    public static <T> T unwrap(Optional<T> value) {
        return value == null ? null : value.orElse(null);
    }

    private static MlflowException outOfRange(Column column, int row, int value, String javaType) {
        return MlflowException.invalidParameter(
                "Column " + column.name() + " row " + row + " holds " + value + ", which does not fit the model's "
                        + javaType + ". Send values in range, or widen the record component.");
    }
}
