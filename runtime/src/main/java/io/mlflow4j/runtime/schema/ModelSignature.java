package io.mlflow4j.runtime.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's signature: input columns, output columns and inference params, each optional. Stored
 * in {@code MLmodel} as JSON strings exactly as MLflow writes them.
 *
 * <pre>{@code
 * ModelSignature sig = new ModelSignature(
 *         Schema.of(ColSpec.required(DataType.DOUBLE, "x")),
 *         Schema.of(ColSpec.required(DataType.DOUBLE, null)),
 *         ParamSchema.of(new ParamSpec("threshold", DataType.DOUBLE, 0.5)));
 * }</pre>
 */
public record ModelSignature(Schema inputs, Schema outputs, ParamSchema params) {
    public ModelSignature {
        if (inputs == null && outputs == null && params == null) {
            throw new IllegalArgumentException("A signature needs inputs, outputs or params.");
        }
    }

    /** The {@code signature} block of {@code MLmodel}: all three keys, {@code null} when absent. */
    public Map<String, Object> toMlmodelMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("inputs", inputs == null ? null : inputs.toJson());
        map.put("outputs", outputs == null ? null : outputs.toJson());
        map.put("params", params == null ? null : params.toJson());
        return map;
    }

    public static ModelSignature fromMlmodelMap(Map<?, ?> map) {
        return new ModelSignature(
                map.get("inputs") instanceof String s ? Schema.fromJson(s) : null,
                map.get("outputs") instanceof String s ? Schema.fromJson(s) : null,
                map.get("params") instanceof String s ? ParamSchema.fromJson(s) : null);
    }
}
