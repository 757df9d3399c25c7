package io.mlflow4j.runtime.server;

import io.mlflow4j.runtime.data.Table;
import java.util.Map;

/**
 * A payload read into the model's input table and its params.
 *
 * @param table the input, typed per the signature
 * @param params the params, or {@code null} when the request had none
 */
record ParsedRequest(Table table, Map<String, Object> params) {}
