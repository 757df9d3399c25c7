package io.mlflow4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** A record whose components are columns. */
public record RowRecord(ClassName type, List<ColumnComponent> columns) {}
