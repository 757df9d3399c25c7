package io.mlflow4j.processor.validate;

import com.palantir.javapoet.ClassName;
import io.mlflow4j.processor.model.ColumnComponent;
import io.mlflow4j.processor.model.ColumnType;
import io.mlflow4j.processor.model.RowRecord;
import io.mlflow4j.processor.model.ScalarType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/** Reads a record's components as columns: the rows a {@code @Predict} method takes, and the results it returns. */
final class RecordColumns {
    private final Problems problems;

    RecordColumns(Problems problems) {
        this.problems = problems;
    }

    /**
     * The record's columns, or empty after a problem. Problems in a record from this compilation
     * are reported on the component; for a record from a library, on {@code usedAt}.
     *
     * @param input whether the record is the input (optional integer columns get a warning)
     */
    Optional<RowRecord> read(TypeElement record, Element usedAt, boolean input) {
        int errorsBefore = problems.errorCount();
        if (MemberRules.privateEnclosing(record).isPresent()) {
            problems.error(usedAt, Message.INPUT_NOT_ACCESSIBLE, "Record " + record.getSimpleName());
            return Optional.empty();
        }
        List<? extends RecordComponentElement> components = record.getRecordComponents();
        if (components.isEmpty()) {
            problems.error(usedAt, Message.INPUT_EMPTY_RECORD, record.getSimpleName());
            return Optional.empty();
        }
        List<ColumnComponent> columns = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (RecordComponentElement component : components) {
            column(record, component, input, seen).ifPresent(columns::add);
        }
        return problems.errorCount() > errorsBefore
                ? Optional.empty()
                : Optional.of(new RowRecord(ClassName.get(record), columns));
    }

    private Optional<ColumnComponent> column(
            TypeElement record, RecordComponentElement component, boolean input, Map<String, String> seen) {
        Element reportOn = MemberRules.componentField(record, component);
        String componentName = component.getSimpleName().toString();
        Optional<ColumnType> type = TypeMapping.columnType(component.asType());
        if (type.isEmpty()) {
            problems.error(
                    reportOn,
                    TypeMapping.isDecimal(component.asType()) ? Message.COLUMN_DECIMAL : Message.COLUMN_TYPE,
                    componentName,
                    record.getSimpleName(),
                    component.asType());
            return Optional.empty();
        }
        Optional<AnnotationMirror> column = Annotations.find(reportOn, AnnotationNames.COLUMN)
                .or(() -> Annotations.find(component, AnnotationNames.COLUMN));
        String columnName = componentName;
        boolean required = type.get().requiredByDefault();
        if (column.isPresent()) {
            Optional<AnnotationValue> nameValue = Annotations.nameValue(column.get());
            if (nameValue.isPresent()) {
                columnName = String.valueOf(nameValue.get().getValue());
                if (columnName.isEmpty()) {
                    problems.error(reportOn, column.get(), nameValue.get(), Message.COLUMN_NAME, componentName);
                    return Optional.empty();
                }
            }
            required = Annotations.bool(column.get(), "required", required);
            if (!required && !type.get().canBeMissing()) {
                problems.error(
                        reportOn,
                        column.get(),
                        Annotations.explicitValue(column.get(), "required").get(),
                        Message.COLUMN_OPTIONAL_PRIMITIVE,
                        componentName,
                        record.getSimpleName(),
                        type.get().javaType(),
                        type.get().javaType().box());
                return Optional.empty();
            }
        }
        if (input
                && !required
                && (type.get().mlflow() == ScalarType.INT || type.get().mlflow() == ScalarType.LONG)) {
            warnOptionalInteger(reportOn, column, columnName, record, type.get());
        }
        String previous = seen.putIfAbsent(columnName, componentName);
        if (previous != null) {
            problems.error(
                    reportOn, Message.COLUMN_DUPLICATE, columnName, record.getSimpleName(), previous, componentName);
            return Optional.empty();
        }
        return Optional.of(new ColumnComponent(componentName, columnName, type.get(), required));
    }

    /** On {@code required = false} when the annotation says it, else on the component. */
    private void warnOptionalInteger(
            Element reportOn,
            Optional<AnnotationMirror> column,
            String columnName,
            TypeElement record,
            ColumnType type) {
        String mlflowType = type.mlflow() == ScalarType.INT ? "integer" : "long";
        Optional<AnnotationValue> requiredValue = column.flatMap(c -> Annotations.explicitValue(c, "required"));
        if (requiredValue.isPresent()) {
            problems.warning(
                    reportOn,
                    column.get(),
                    requiredValue.get(),
                    Message.OPTIONAL_INTEGER,
                    columnName,
                    record.getSimpleName(),
                    mlflowType,
                    type.javaType());
        } else {
            problems.warning(
                    reportOn,
                    Message.OPTIONAL_INTEGER,
                    columnName,
                    record.getSimpleName(),
                    mlflowType,
                    type.javaType());
        }
    }
}
