package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.internal.PythonJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The params part of a signature: inference parameters with unique names and defaults. */
public final class ParamSchema {
    private final List<ParamSpec> params;

    public ParamSchema(List<ParamSpec> params) {
        Set<String> names = new HashSet<>();
        for (ParamSpec p : params) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("Duplicate param name '" + p.name() + "'.");
            }
        }
        this.params = List.copyOf(params);
    }

    public static ParamSchema of(ParamSpec... params) {
        return new ParamSchema(List.of(params));
    }

    public List<ParamSpec> params() {
        return params;
    }

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public String toJson() {
        List<Map<String, Object>> json = new ArrayList<>();
        for (ParamSpec p : params) {
            json.add(p.toJsonMap());
        }
        return PythonJson.dumps(json);
    }

    @SuppressWarnings("unchecked")
    public static ParamSchema fromJson(String json) {
        List<ParamSpec> params = new ArrayList<>();
        for (Object spec : PythonJson.parseArray(json)) {
            if (!(spec instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("Not a param spec: " + spec);
            }
            params.add(ParamSpec.fromJsonMap((Map<String, Object>) map));
        }
        return new ParamSchema(params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSchema s && s.params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public String toString() {
        return params.toString();
    }
}
