package io.mlflow4j.spark;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Single values between Spark's external types ({@link Row}, Scala collections, {@code Timestamp})
 * and mlflow4j's nested cells ({@code Map}, {@code List}, boxed scalars) and datetimes.
 */
final class SparkValues {
    private SparkValues() {}

    /** A Spark value of {@code type} as an mlflow4j nested cell: structs and maps become maps, arrays lists. */
    static Object toCell(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof StructType struct) {
            Row row = (Row) value;
            Map<String, Object> object = new LinkedHashMap<>();
            StructField[] fields = struct.fields();
            for (int i = 0; i < fields.length; i++) {
                if (!row.isNullAt(i)) {
                    object.put(fields[i].name(), toCell(row.get(i), fields[i].dataType()));
                }
            }
            return object;
        }
        if (type instanceof ArrayType array) {
            List<Object> list = new ArrayList<>();
            for (Object item : iterable(value)) {
                list.add(toCell(item, array.elementType()));
            }
            return list;
        }
        if (type instanceof MapType map) {
            Map<String, Object> object = new LinkedHashMap<>();
            if (value instanceof scala.collection.Map<?, ?> scalaMap) {
                scala.collection.Iterator<? extends Tuple2<?, ?>> entries = scalaMap.iterator();
                while (entries.hasNext()) {
                    Tuple2<?, ?> e = entries.next();
                    object.put(String.valueOf(e._1()), toCell(e._2(), map.valueType()));
                }
            } else {
                ((Map<?, ?>) value).forEach((k, v) -> object.put(String.valueOf(k), toCell(v, map.valueType())));
            }
            return object;
        }
        if (type instanceof ByteType || type instanceof ShortType) {
            return ((Number) value).intValue();
        }
        return value;
    }

    /** The items of a Spark array value: a Scala sequence, a Java list or a Java array. */
    static Iterable<?> iterable(Object value) {
        if (value instanceof scala.collection.Iterable<?> seq) {
            return CollectionConverters.asJava(seq);
        }
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        throw new IllegalArgumentException(
                "Not a Spark array value: " + value.getClass().getName());
    }

    /** The number of items of a Spark array value. */
    static int size(Object value) {
        if (value instanceof scala.collection.Iterable<?> seq) {
            return seq.size();
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        return ((Object[]) value).length;
    }

    /** An mlflow4j nested cell (or scalar) as the Spark value of {@code type}. */
    static Object fromCell(Object cell, DataType type) {
        if (cell == null) {
            return null;
        }
        if (type instanceof StructType struct) {
            Map<?, ?> object = (Map<?, ?>) cell;
            StructField[] fields = struct.fields();
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = fromCell(object.get(fields[i].name()), fields[i].dataType());
            }
            return RowFactory.create(values);
        }
        if (type instanceof ArrayType array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (cell instanceof Object[] a ? List.of(a) : (List<?>) cell)) {
                items.add(fromCell(item, array.elementType()));
            }
            return CollectionConverters.asScala(items).toList();
        }
        if (type instanceof MapType map) {
            Map<String, Object> values = new LinkedHashMap<>();
            ((Map<?, ?>) cell).forEach((k, v) -> values.put(String.valueOf(k), fromCell(v, map.valueType())));
            return scala.collection.immutable.Map.from(CollectionConverters.asScala(values));
        }
        if (cell instanceof Number n) {
            if (type instanceof DoubleType) {
                return n.doubleValue();
            } else if (type instanceof FloatType) {
                return n.floatValue();
            } else if (type instanceof LongType) {
                return n.longValue();
            } else if (type instanceof IntegerType) {
                return n.intValue();
            }
        }
        return cell;
    }

    /**
     * Nanoseconds since 1970-01-01T00:00 of the wall-clock time in {@code zone}: MLflow's datetimes
     * have no zone, and Spark hands a timestamp to pandas in the session's time zone.
     */
    static long epochNanos(Object value, ZoneId zone) {
        LocalDateTime local;
        if (value instanceof Timestamp ts) {
            local = LocalDateTime.ofInstant(ts.toInstant(), zone);
        } else if (value instanceof Instant instant) {
            local = LocalDateTime.ofInstant(instant, zone);
        } else if (value instanceof LocalDateTime ldt) {
            local = ldt;
        } else if (value instanceof Date date) {
            local = date.toLocalDate().atStartOfDay();
        } else if (value instanceof LocalDate date) {
            local = date.atStartOfDay();
        } else {
            throw new IllegalArgumentException(
                    "Not a Spark datetime value: " + value.getClass().getName());
        }
        return local.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + local.getNano();
    }

    /** The Spark timestamp of a wall-clock time in {@code zone}: an {@code Instant} or a {@code Timestamp}. */
    static Object timestamp(long epochNanos, ZoneId zone, boolean java8Api) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L),
                (int) Math.floorMod(epochNanos, 1_000_000_000L),
                ZoneOffset.UTC);
        Instant instant = local.atZone(zone).toInstant();
        return java8Api ? instant : Timestamp.from(instant);
    }
}
