package io.mlflow4j.runtime.generated;

import io.mlflow4j.runtime.error.MlflowException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Conversions between nested cells (canonical lists and maps, after schema enforcement) and the
 * user's Java types, for generated code: the element conversion is passed in, so nesting composes.
 * {@code null} stays {@code null}.
 */
public final class Nested {
    private Nested() {}

    public static <T> List<T> toList(Object cell, Function<Object, T> item) {
        if (cell == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (Object value : (List<?>) cell) {
            out.add(item.apply(value));
        }
        return out;
    }

    public static <T> Set<T> toSet(Object cell, Function<Object, T> item) {
        List<T> list = toList(cell, item);
        return list == null ? null : new LinkedHashSet<>(list);
    }

    public static <T> T[] toArray(Object cell, Function<Object, T> item, IntFunction<T[]> array) {
        List<T> list = toList(cell, item);
        return list == null ? null : list.toArray(array.apply(0));
    }

    public static <T> Map<String, T> toMap(Object cell, Function<Object, T> value) {
        if (cell == null) {
            return null;
        }
        Map<String, T> out = new LinkedHashMap<>();
        ((Map<?, ?>) cell).forEach((k, v) -> out.put((String) k, value.apply(v)));
        return out;
    }

    /** A property of an object cell. */
    public static Object property(Object cell, String name) {
        return ((Map<?, ?>) cell).get(name);
    }

    public static <T> List<Object> fromCollection(Collection<T> values, Function<T, Object> item) {
        if (values == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(values.size());
        for (T value : values) {
            out.add(item.apply(value));
        }
        return out;
    }

    public static <T> List<Object> fromArray(T[] values, Function<T, Object> item) {
        return values == null ? null : fromCollection(Arrays.asList(values), item);
    }

    public static <T> Map<String, Object> fromMap(Map<String, T> values, Function<T, Object> value) {
        if (values == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, value.apply(v)));
        return out;
    }

    /** An object cell under construction: {@code Nested.object().put("a", 1).build()}. */
    public static ObjectCell object() {
        return new ObjectCell();
    }

    /** Builds the map of an object cell. */
    public static final class ObjectCell {
        private final Map<String, Object> properties = new LinkedHashMap<>();

        public ObjectCell put(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Map<String, Object> build() {
            return properties;
        }
    }

    /**
     * An int from a nested long (MLflow has no nested integer that it accepts), checked to fit.
     *
     * @param field the column or property, named in the error
     */
    public static Integer toInt(Object value, String field) {
        return value == null ? null : (int) inRange(value, field, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    public static Short toShort(Object value, String field) {
        return value == null ? null : (short) inRange(value, field, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    public static Byte toByte(Object value, String field) {
        return value == null ? null : (byte) inRange(value, field, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    private static long inRange(Object value, String field, long min, long max, String javaType) {
        long v = ((Number) value).longValue();
        if (v < min || v > max) {
            throw MlflowException.invalidParameter(
                    "Value " + v + " of '" + field + "' does not fit the model's " + javaType + " (from " + min + " to "
                            + max + "). Send values in that range, or declare the Java type long.");
        }
        return v;
    }

    public static <E extends Enum<E>> E toEnum(Object value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, (String) value);
    }
}
