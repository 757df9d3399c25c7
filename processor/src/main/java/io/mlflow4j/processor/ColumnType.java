package io.mlflow4j.processor;

import static io.mlflow4j.processor.RuntimeNames.CELLS;
import static io.mlflow4j.processor.RuntimeNames.COLUMN;
import static io.mlflow4j.processor.RuntimeNames.DATA_TYPE;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.Optional;

/**
 * How one Java type is read from and written to an MLflow column: its MLflow type, and the
 * code that converts a cell. Narrow and textual Java types map onto MLflow's wider ones
 * ({@code byte} and {@code short} are integer columns, {@code char} and enums are string columns)
 * with checked conversions in the runtime's {@code Cells}.
 *
 * @param mlflow the column's MLflow type
 * @param kind how the Java type relates to it
 * @param javaType the Java type as written
 * @param inner the wrapped type of an {@code Optional}, else {@code null}
 */
record ColumnType(ScalarType mlflow, Kind kind, TypeName javaType, ColumnType inner, NestedJava nested) {
    enum Kind { PRIMITIVE, BOXED, STRING, NARROW, NARROW_BOXED, CHAR, CHARACTER, ENUM, BYTES, DATETIME, NESTED, OPTIONAL }

    static ColumnType of(ScalarType mlflow, Kind kind, TypeName javaType) {
        return new ColumnType(mlflow, kind, javaType, null, null);
    }

    static ColumnType optional(ColumnType inner) {
        return new ColumnType(inner.mlflow, Kind.OPTIONAL, ParameterizedOptional.of(inner.javaType), inner, null);
    }

    /** An array, object or map column. */
    static ColumnType nested(NestedJava nested) {
        ScalarType mlflow = switch (nested.dataType()) {
            case "ARRAY" -> ScalarType.ARRAY;
            case "MAP" -> ScalarType.MAP;
            default -> ScalarType.OBJECT;
        };
        return new ColumnType(mlflow, Kind.NESTED, nested.javaType(), null, nested);
    }

    /** The nested Java type of this column (through an Optional), or {@code null}. */
    NestedJava nestedType() {
        return kind == Kind.OPTIONAL ? inner.nestedType() : nested;
    }

    /** Whether a missing value can be represented (else the column must be required). */
    boolean canBeMissing() {
        return kind != Kind.PRIMITIVE && kind != Kind.NARROW && kind != Kind.CHAR;
    }

    boolean requiredByDefault() {
        return kind != Kind.OPTIONAL;
    }

    /** The element type of the array that collects this column's values before it becomes a Column. */
    TypeName arrayComponent() {
        return switch (kind) {
            case PRIMITIVE -> mlflow.javaType;
            case NARROW -> TypeName.INT;
            case STRING, CHAR, CHARACTER, ENUM -> ClassName.get(String.class);
            case BYTES -> ArrayTypeName.of(TypeName.BYTE);
            case BOXED, NARROW_BOXED, DATETIME, NESTED -> ClassName.get(Object.class);
            case OPTIONAL -> inner.arrayComponent();
        };
    }

    /** Reads row {@code i} of the column in variable {@code column}. */
    CodeBlock read(String column) {
        return switch (kind) {
            case PRIMITIVE -> CodeBlock.of("$N.$N(i)", column, mlflow.getter);
            case BOXED -> CodeBlock.of("($T) $N.get(i)", javaType, column);
            case STRING -> CodeBlock.of("$N.getString(i)", column);
            case NARROW -> CodeBlock.of("$T.$N($N, i)", CELLS, javaType == TypeName.BYTE ? "toByte" : "toShort", column);
            case NARROW_BOXED -> CodeBlock.of("$T.$N($N, i)", CELLS,
                    javaType.equals(TypeName.BYTE.box()) ? "toByteOrNull" : "toShortOrNull", column);
            case CHAR -> CodeBlock.of("$T.toChar($N, i)", CELLS, column);
            case CHARACTER -> CodeBlock.of("$T.toCharOrNull($N, i)", CELLS, column);
            case ENUM -> CodeBlock.of("$T.toEnum($N, i, $T.class)", CELLS, column, javaType);
            case BYTES -> CodeBlock.of("$N.getBytes(i)", column);
            case NESTED -> NestedCode.read(nested, CodeBlock.of("$N.get(i)", column), 0, CodeBlock.of("$N.name()", column));
            case DATETIME -> CodeBlock.of("$T.$N($N, i)", CELLS, "to" + ((ClassName) javaType).simpleName(), column);
            case OPTIONAL -> CodeBlock.of("$T.ofNullable($L)", Optional.class, inner.read(column));
        };
    }

    /** Converts a value of the Java type into what the collecting array holds. */
    CodeBlock write(CodeBlock value) {
        return switch (kind) {
            case PRIMITIVE, BOXED, STRING, NARROW, NARROW_BOXED, BYTES -> value;
            case DATETIME -> CodeBlock.of("$T.nanos($L)", CELLS, value);
            case NESTED -> NestedCode.write(nested, value, 0);
            case CHAR -> CodeBlock.of("$T.valueOf($L)", String.class, value);
            case CHARACTER -> CodeBlock.of("$T.charToString($L)", CELLS, value);
            case ENUM -> CodeBlock.of("$T.enumName($L)", CELLS, value);
            case OPTIONAL -> inner.write(CodeBlock.of("$T.unwrap($L)", CELLS, value));
        };
    }

    /** The Column built from the collecting array {@code array}. */
    CodeBlock column(CodeBlock name, String array) {
        TypeName component = arrayComponent();
        if (component.equals(ClassName.get(String.class))) {
            return CodeBlock.of("$T.ofStrings($L, $N)", COLUMN, name, array);
        }
        if (component.equals(ClassName.get(Object.class))) {
            return CodeBlock.of("$T.ofBoxed($L, $T.$L, $N)", COLUMN, name, DATA_TYPE, mlflow.dataType, array);
        }
        if (nestedType() != null) {
            return CodeBlock.of("$T.ofNested($L, $T.$L, $N)", COLUMN, name, DATA_TYPE, mlflow.dataType, array);
        }
        if (kind == Kind.BYTES || (kind == Kind.OPTIONAL && inner.kind == Kind.BYTES)) {
            return CodeBlock.of("$T.ofBinary($L, $N)", COLUMN, name, array);
        }
        if (component.equals(TypeName.INT)) {
            return CodeBlock.of("$T.ofInts($L, $N)", COLUMN, name, array);
        }
        return CodeBlock.of("$T.$N($L, $N)", COLUMN, mlflow.columnFactory, name, array);
    }

    /** {@code Optional<T>} as a type name. */
    private static final class ParameterizedOptional {
        static TypeName of(TypeName inner) {
            return com.palantir.javapoet.ParameterizedTypeName.get(ClassName.get(Optional.class), inner.box());
        }
    }
}
