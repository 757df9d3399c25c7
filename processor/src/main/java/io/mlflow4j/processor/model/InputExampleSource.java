package io.mlflow4j.processor.model;

import java.util.Map;

/**
 * Where the {@code @InputExample} comes from.
 *
 * @param member the static method or field's name
 * @param method whether it is a method (else a field)
 * @param list whether it gives a List of rows (else one row, or the tensors)
 * @param params the params it carries, parsed by their {@code @Param} types
 */
public record InputExampleSource(String member, boolean method, boolean list, Map<String, Object> params) {}
