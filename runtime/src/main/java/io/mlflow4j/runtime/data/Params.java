package io.mlflow4j.runtime.data;

import java.util.Collections;
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

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("Param '" + name + "' has no value; params must be enforced before predict.");
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
