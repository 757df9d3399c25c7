package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.internal.PythonJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs or outputs of a signature: a non-empty list of columns, all named or all unnamed, or
 * of tensors (one unnamed, or several named), never both.
 */
public final class Schema {
    private final List<ColSpec> columns;
    private final List<TensorSpec> tensors;

    private Schema(List<TensorSpec> tensors, boolean unused) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("A schema needs at least one tensor.");
        }
        Set<String> names = new HashSet<>();
        for (TensorSpec t : tensors) {
            if (tensors.size() > 1 && (t.name() == null || !names.add(t.name()))) {
                throw new IllegalArgumentException("Several tensors need distinct names: " + tensors);
            }
        }
        this.columns = List.of();
        this.tensors = List.copyOf(tensors);
    }

    /** A tensor schema: one unnamed tensor, or named ones. */
    public static Schema ofTensors(List<TensorSpec> tensors) {
        return new Schema(tensors, true);
    }

    public static Schema ofTensors(TensorSpec... tensors) {
        return ofTensors(List.of(tensors));
    }

    public boolean isTensor() {
        return !tensors.isEmpty();
    }

    public List<TensorSpec> tensors() {
        return tensors;
    }

    public Schema(List<ColSpec> columns) {
        this.tensors = List.of();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A schema needs at least one column.");
        }
        boolean named = columns.get(0).name() != null;
        Set<String> names = new HashSet<>();
        for (ColSpec c : columns) {
            if ((c.name() != null) != named) {
                throw new IllegalArgumentException("Either all columns of a schema are named or none is: " + columns);
            }
            if (named && !names.add(c.name())) {
                throw new IllegalArgumentException("Duplicate column name '" + c.name() + "' in schema " + columns);
            }
            if (!named && !c.required()) {
                throw new IllegalArgumentException("An unnamed schema cannot have optional columns: " + columns);
            }
        }
        this.columns = List.copyOf(columns);
    }

    public static Schema of(ColSpec... columns) {
        return new Schema(List.of(columns));
    }

    public List<ColSpec> columns() {
        return columns;
    }

    public boolean hasNames() {
        return isTensor() ? tensors.get(0).name() != null : columns.get(0).name() != null;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (ColSpec c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /** The JSON string MLflow stores in {@code MLmodel}. */
    public String toJson() {
        List<Map<String, Object>> json = new ArrayList<>();
        for (ColSpec c : columns) {
            json.add(c.toJsonMap());
        }
        for (TensorSpec t : tensors) {
            json.add(t.toJsonMap());
        }
        return PythonJson.dumps(json);
    }

    @SuppressWarnings("unchecked")
    public static Schema fromJson(String json) {
        List<ColSpec> columns = new ArrayList<>();
        List<TensorSpec> tensors = new ArrayList<>();
        for (Object spec : PythonJson.parseArray(json)) {
            if (!(spec instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("Not a column spec: " + spec);
            }
            if ("tensor".equals(map.get("type"))) {
                tensors.add(TensorSpec.fromJsonMap((Map<String, Object>) map));
            } else {
                columns.add(ColSpec.fromJsonMap((Map<String, Object>) map));
            }
        }
        if (!columns.isEmpty() && !tensors.isEmpty()) {
            throw new IllegalArgumentException("A schema mixes columns and tensors: " + json);
        }
        return tensors.isEmpty() ? new Schema(columns) : ofTensors(tensors);
    }

    /** MLflow's repr, used in its error messages: {@code ['x': double (required)]}. */
    @Override
    public String toString() {
        return isTensor() ? tensors.toString() : columns.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns) && s.tensors.equals(tensors);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + tensors.hashCode();
    }
}
