package io.mlflow4j.runtime.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * MLflow's datetime values ({@code datetime64[ns]}: nanoseconds since 1970-01-01T00:00, no time
 * zone) to and from Java's time types. Zoned values are taken at UTC, as pandas stores them.
 */
public final class Datetimes {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Datetimes() {}

    public static long toEpochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    public static long toEpochNanos(LocalDateTime time) {
        return toEpochNanos(time.toInstant(ZoneOffset.UTC));
    }

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    public static LocalDateTime toLocalDateTime(long epochNanos) {
        return LocalDateTime.ofInstant(toInstant(epochNanos), ZoneOffset.UTC);
    }

    /**
     * Parses what pandas' {@code to_datetime} reads from JSON and CSV: {@code 2024-01-02},
     * {@code 2024-01-02T03:04:05.123}, {@code 2024-01-02 03:04:05}, or with an offset or {@code Z}.
     */
    public static long parseToEpochNanos(String text) {
        String s = text.trim();
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            if (s.length() == 10) {
                return toEpochNanos(LocalDate.parse(s).atStartOfDay());
            }
            return toEpochNanos(LocalDateTime.parse(s));
        } catch (DateTimeParseException notLocal) {
            return toEpochNanos(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        }
    }

    /** Python's {@code datetime.isoformat()}: microseconds only when not zero (pandas keeps no more in JSON). */
    public static String isoformat(long epochNanos) {
        LocalDateTime time = toLocalDateTime(epochNanos);
        String base = time.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        int micros = time.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }
}
