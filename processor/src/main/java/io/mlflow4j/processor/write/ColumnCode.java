package io.mlflow4j.processor.write;

import static io.mlflow4j.processor.write.RuntimeNames.CELLS;
import static io.mlflow4j.processor.write.RuntimeNames.COLUMN;
import static io.mlflow4j.processor.write.RuntimeNames.DATA_TYPE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.mlflow4j.processor.model.ColumnType;
import io.mlflow4j.processor.model.ColumnType.Kind;
import java.util.Optional;

/**
 * The code that converts one column's cells: read into the Java type, written back into the array
 * that collects a result column, and that array turned into a {@code Column}. Checked conversions
 * of narrow and textual types call the runtime's {@code Cells}.
 */
final class ColumnCode {
    private ColumnCode() {}

    /** Reads row {@code i} of the column in variable {@code column}. */
    static CodeBlock read(ColumnType t, String column) {
        return switch (t.kind()) {
            case PRIMITIVE -> CodeBlock.of("$N.$N(i)", column, t.mlflow().getter);
            case BOXED -> CodeBlock.of("($T) $N.get(i)", t.javaType(), column);
            case STRING -> CodeBlock.of("$N.getString(i)", column);
            case NARROW ->
                CodeBlock.of("$T.$N($N, i)", CELLS, t.javaType() == TypeName.BYTE ? "toByte" : "toShort", column);
            case NARROW_BOXED ->
                CodeBlock.of(
                        "$T.$N($N, i)",
                        CELLS,
                        t.javaType().equals(TypeName.BYTE.box()) ? "toByteOrNull" : "toShortOrNull",
                        column);
            case CHAR -> CodeBlock.of("$T.toChar($N, i)", CELLS, column);
            case CHARACTER -> CodeBlock.of("$T.toCharOrNull($N, i)", CELLS, column);
            case ENUM -> CodeBlock.of("$T.toEnum($N, i, $T.class)", CELLS, column, t.javaType());
            case BYTES -> CodeBlock.of("$N.getBytes(i)", column);
            case NESTED ->
                NestedCode.read(t.nested(), CodeBlock.of("$N.get(i)", column), 0, CodeBlock.of("$N.name()", column));
            case DATETIME ->
                CodeBlock.of("$T.$N($N, i)", CELLS, "to" + ((ClassName) t.javaType()).simpleName(), column);
            case OPTIONAL -> CodeBlock.of("$T.ofNullable($L)", Optional.class, read(t.inner(), column));
        };
    }

    /** Converts a value of the Java type into what the collecting array holds. */
    static CodeBlock write(ColumnType t, CodeBlock value) {
        return switch (t.kind()) {
            case PRIMITIVE, BOXED, STRING, NARROW, NARROW_BOXED, BYTES -> value;
            case DATETIME -> CodeBlock.of("$T.nanos($L)", CELLS, value);
            case NESTED -> NestedCode.write(t.nested(), value, 0);
            case CHAR -> CodeBlock.of("$T.valueOf($L)", String.class, value);
            case CHARACTER -> CodeBlock.of("$T.charToString($L)", CELLS, value);
            case ENUM -> CodeBlock.of("$T.enumName($L)", CELLS, value);
            case OPTIONAL -> write(t.inner(), CodeBlock.of("$T.unwrap($L)", CELLS, value));
        };
    }

    /** The Column built from the collecting array {@code array}. */
    static CodeBlock column(ColumnType t, CodeBlock name, String array) {
        TypeName component = t.arrayComponent();
        if (component.equals(ClassName.get(String.class))) {
            return CodeBlock.of("$T.ofStrings($L, $N)", COLUMN, name, array);
        }
        if (component.equals(ClassName.get(Object.class))) {
            return CodeBlock.of("$T.ofBoxed($L, $T.$L, $N)", COLUMN, name, DATA_TYPE, t.mlflow().dataType, array);
        }
        if (t.nestedType() != null) {
            return CodeBlock.of("$T.ofNested($L, $T.$L, $N)", COLUMN, name, DATA_TYPE, t.mlflow().dataType, array);
        }
        if (t.kind() == Kind.BYTES || (t.kind() == Kind.OPTIONAL && t.inner().kind() == Kind.BYTES)) {
            return CodeBlock.of("$T.ofBinary($L, $N)", COLUMN, name, array);
        }
        if (component.equals(TypeName.INT)) {
            return CodeBlock.of("$T.ofInts($L, $N)", COLUMN, name, array);
        }
        return CodeBlock.of("$T.$N($L, $N)", COLUMN, t.mlflow().columnFactory, name, array);
    }
}
