package io.mlflow4j.runtime.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Inference params after enforcement: every param of the signature is present, converted to its
 * type. Generated code reads them with the typed getters.
 */
public final class Params {
    private static final Params EMPTY = new Params(Map.of());
    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Params empty() {
        return EMPTY;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public long getLong(String name) {
        return (Long) require(name);
    }

    public float getFloat(String name) {
        return (Float) require(name);
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    /** A datetime param, as MLflow holds it: a date and time without zone. */
    public LocalDateTime getLocalDateTime(String name) {
        return (LocalDateTime) require(name);
    }

    /** A datetime param taken at UTC. */
    public Instant getInstant(String name) {
        return getLocalDateTime(name).toInstant(ZoneOffset.UTC);
    }

    public LocalDate getLocalDate(String name) {
        return getLocalDateTime(name).toLocalDate();
    }

    public OffsetDateTime getOffsetDateTime(String name) {
        return getLocalDateTime(name).atOffset(ZoneOffset.UTC);
    }

    public Date getDate(String name) {
        return Date.from(getInstant(name));
    }

    /** A list param (shape {@code [-1]}); its elements have the param's type, boxed. */
    @SuppressWarnings("unchecked")
    public <T> List<T> getList(String name) {
        return (List<T>) require(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(
                    "Param '" + name + "' has no value; params must be enforced before predict.");
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
