package io.mlflow4j.runtime.scoring;

import io.mlflow4j.runtime.data.Table;
import io.mlflow4j.runtime.data.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A payload read into the model's input, a table or (for a tensor signature) tensors, and its params.
 *
 * @param table the input, typed per the signature; {@code null} when the input is tensors
 * @param tensors the input tensors, cast to their specs' dtypes; {@code null} when the input is a table
 * @param params the params, or {@code null} when the request had none
 */
record ParsedRequest(Table table, List<Tensor> tensors, Map<String, Object> params) {
    ParsedRequest(Table table, Map<String, Object> params) {
        this(table, null, params);
    }

    static ParsedRequest ofTensors(List<Tensor> tensors, Map<String, Object> params) {
        return new ParsedRequest(null, tensors, params);
    }
}
