package io.mlflow4j.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.Optional;

/**
 * How one Java type maps to an MLflow column. Narrow and textual Java types map onto MLflow's
 * wider ones ({@code byte} and {@code short} are integer columns, {@code char} and enums are string
 * columns); the writers' {@code ColumnCode} converts their cells.
 *
 * @param mlflow the column's MLflow type
 * @param kind how the Java type relates to it
 * @param javaType the Java type as written
 * @param inner the wrapped type of an {@code Optional}, else {@code null}
 * @param nested the Java side of an array, object or map column, else {@code null}
 */
public record ColumnType(ScalarType mlflow, Kind kind, TypeName javaType, ColumnType inner, NestedJava nested) {
    public enum Kind {
        PRIMITIVE,
        BOXED,
        STRING,
        NARROW,
        NARROW_BOXED,
        CHAR,
        CHARACTER,
        ENUM,
        BYTES,
        DATETIME,
        NESTED,
        OPTIONAL
    }

    public static ColumnType of(ScalarType mlflow, Kind kind, TypeName javaType) {
        return new ColumnType(mlflow, kind, javaType, null, null);
    }

    public static ColumnType optional(ColumnType inner) {
        return new ColumnType(inner.mlflow, Kind.OPTIONAL, ParameterizedOptional.of(inner.javaType), inner, null);
    }

    /** An array, object or map column. */
    public static ColumnType nested(NestedJava nested) {
        ScalarType mlflow = switch (nested.dataType()) {
            case "ARRAY" -> ScalarType.ARRAY;
            case "MAP" -> ScalarType.MAP;
            default -> ScalarType.OBJECT;
        };
        return new ColumnType(mlflow, Kind.NESTED, nested.javaType(), null, nested);
    }

    /** The nested Java type of this column (through an Optional), or {@code null}. */
    public NestedJava nestedType() {
        return kind == Kind.OPTIONAL ? inner.nestedType() : nested;
    }

    /** Whether a missing value can be represented (else the column must be required). */
    public boolean canBeMissing() {
        return kind != Kind.PRIMITIVE && kind != Kind.NARROW && kind != Kind.CHAR;
    }

    public boolean requiredByDefault() {
        return kind != Kind.OPTIONAL;
    }

    /** The element type of the array that collects this column's values before it becomes a Column. */
    public TypeName arrayComponent() {
        return switch (kind) {
            case PRIMITIVE -> mlflow.javaType;
            case NARROW -> TypeName.INT;
            case STRING, CHAR, CHARACTER, ENUM -> ClassName.get(String.class);
            case BYTES -> ArrayTypeName.of(TypeName.BYTE);
            case BOXED, NARROW_BOXED, DATETIME, NESTED -> ClassName.get(Object.class);
            case OPTIONAL -> inner.arrayComponent();
        };
    }

    /** {@code Optional<T>} as a type name. */
    private static final class ParameterizedOptional {
        static TypeName of(TypeName inner) {
            return ParameterizedTypeName.get(ClassName.get(Optional.class), inner.box());
        }
    }
}
