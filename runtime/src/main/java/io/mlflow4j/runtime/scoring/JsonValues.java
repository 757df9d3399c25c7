package io.mlflow4j.runtime.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as the Python value {@code json.loads} gives, in the runtime's Java forms: {@code null},
 * {@code Boolean}, {@code String}, {@code Long} (or {@code BigInteger} beyond 64 bits),
 * {@code Double}, {@code List} and {@code LinkedHashMap}; for params and nested cells, which the
 * shared enforcement then checks.
 */
final class JsonValues {
    private JsonValues() {}

    static Object toJava(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(item -> list.add(toJava(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        v.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }
}
