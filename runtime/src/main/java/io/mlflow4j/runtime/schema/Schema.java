package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.internal.PythonJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The inputs or outputs of a signature: a non-empty list of columns, all named or all unnamed. */
public final class Schema {
    private final List<ColSpec> columns;

    public Schema(List<ColSpec> columns) {
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
        return columns.get(0).name() != null;
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
        return PythonJson.dumps(json);
    }

    @SuppressWarnings("unchecked")
    public static Schema fromJson(String json) {
        List<ColSpec> columns = new ArrayList<>();
        for (Object spec : PythonJson.parseArray(json)) {
            if (!(spec instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("Not a column spec: " + spec);
            }
            if ("tensor".equals(map.get("type"))) {
                throw new IllegalArgumentException("Tensor signatures are not supported yet: " + json);
            }
            columns.add(ColSpec.fromJsonMap((Map<String, Object>) map));
        }
        return new Schema(columns);
    }

    /** MLflow's repr, used in its error messages: {@code ['x': double (required)]}. */
    @Override
    public String toString() {
        return columns.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }
}
