package io.mlflow4j.runtime.schema;

import io.mlflow4j.runtime.data.Params;
import io.mlflow4j.runtime.error.MlflowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MLflow's {@code _enforce_params_schema}: fills defaults, converts values, drops unknown params. */
public final class ParamsEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(ParamsEnforcer.class);

    private ParamsEnforcer() {}

    /**
     * @param schema the signature's params, or {@code null} when the model declares none
     * @param given the caller's params, or {@code null}
     */
    public static Params enforce(ParamSchema schema, Map<String, ?> given) {
        if (schema == null) {
            if (given != null && !given.isEmpty()) {
                LOG.warn("The model has no params in its signature; ignoring params {}.", given.keySet());
            }
            return Params.empty();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (ParamSpec spec : schema.params()) {
            Object value = given == null ? null : given.get(spec.name());
            if (value == null) {
                result.put(spec.name(), spec.defaultValue());
                continue;
            }
            try {
                result.put(
                        spec.name(),
                        ParamValues.convert(spec.name(), spec.type(), spec.list(), spec.defaultValue(), value));
            } catch (IllegalArgumentException e) {
                // MLflow raises f"Invalid parameters found: {invalid_params!r}", a set of (name, message) tuples.
                failures.add("(" + ParamValues.pythonRepr(spec.name()) + ", " + ParamValues.pythonRepr(e.getMessage())
                        + ")");
            }
        }
        if (given != null) {
            List<String> unknown = new ArrayList<>();
            for (String key : given.keySet()) {
                if (schema.param(key).isEmpty()) {
                    unknown.add(key);
                }
            }
            if (!unknown.isEmpty()) {
                LOG.warn(
                        "Unrecognized params {} are ignored. Params in the model's signature: {}.",
                        unknown,
                        schema.params().stream().map(ParamSpec::name).toList());
            }
        }
        if (!failures.isEmpty()) {
            throw MlflowException.invalidParameter("Invalid parameters found: {" + String.join(", ", failures) + "}");
        }
        return new Params(result);
    }
}
