package io.mlflow4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * Tensors in or out: one unnamed array, or a record whose components are arrays (named).
 *
 * @param record the record's type, or empty for one unnamed array
 * @param tensors the tensors, in declaration order
 */
public record TensorIO(Optional<ClassName> record, List<TensorJava> tensors) {}
