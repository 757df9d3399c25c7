package io.mlflow4j.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.mlflow4j.processor.model.ColumnType;
import io.mlflow4j.processor.model.NestedJava;
import io.mlflow4j.processor.model.PredictForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/** The code for nested columns: their MLflow type, and the conversions of cells to Java values and back. */
final class NestedCode {
    private static final ClassName NESTED = RuntimeNames.NESTED;
    private static final ClassName NESTED_TYPE = RuntimeNames.NESTED_TYPE;

    private NestedCode() {}

    /** An expression building the runtime's {@code NestedType}. */
    static CodeBlock type(NestedJava n) {
        return switch (n.shape()) {
            case LIST, SET, ARRAY -> CodeBlock.of("$T.array($L)", NESTED_TYPE, type(n.element()));
            case MAP -> CodeBlock.of("$T.map($L)", NESTED_TYPE, type(n.element()));
            case LEAF, ENUM -> CodeBlock.of("$T.scalar($T.$L)", NESTED_TYPE, RuntimeNames.DATA_TYPE, n.leaf().dataType);
            case RECORD -> {
                List<CodeBlock> properties = new ArrayList<>();
                for (NestedJava.Property p : n.properties()) {
                    properties.add(CodeBlock.of(
                            "$T.property($S, $L, $L)", NESTED_TYPE, p.name(), type(p.type()), p.required()));
                }
                yield CodeBlock.of("$T.object(\n$>$L$<)", NESTED_TYPE, CodeBlock.join(properties, ",\n"));
            }
        };
    }

    /**
     * Converts a canonical cell (lists, maps, boxed leaves) into the Java type.
     *
     * @param field an expression naming the column or property, for range errors
     */
    static CodeBlock read(NestedJava n, CodeBlock cell, int depth, CodeBlock field) {
        String v = "v" + depth;
        return switch (n.shape()) {
            case LEAF ->
                narrowReader(n)
                        .map(method -> CodeBlock.of("$T.$N($L, $L)", NESTED, method, cell, field))
                        .orElse(CodeBlock.of("($T) $L", n.javaType().box(), cell));
            case ENUM -> CodeBlock.of("$T.toEnum($L, $T.class)", NESTED, cell, n.javaType());
            case LIST ->
                CodeBlock.of(
                        "$T.toList($L, $N -> $L)",
                        NESTED,
                        cell,
                        v,
                        read(n.element(), CodeBlock.of("$N", v), depth + 1, field));
            case SET ->
                CodeBlock.of(
                        "$T.toSet($L, $N -> $L)",
                        NESTED,
                        cell,
                        v,
                        read(n.element(), CodeBlock.of("$N", v), depth + 1, field));
            case ARRAY ->
                CodeBlock.of(
                        "$T.toArray($L, $N -> $L, $T[]::new)",
                        NESTED,
                        cell,
                        v,
                        read(n.element(), CodeBlock.of("$N", v), depth + 1, field),
                        rawType(n.element().javaType()));
            case MAP ->
                CodeBlock.of(
                        "$T.toMap($L, $N -> $L)",
                        NESTED,
                        cell,
                        v,
                        read(n.element(), CodeBlock.of("$N", v), depth + 1, field));
            case RECORD -> CodeBlock.of("read$L($L)", n.helperSuffix(), cell);
        };
    }

    /** The range-checking reader of an int, short or byte leaf, which MLflow holds as a long. */
    private static Optional<String> narrowReader(NestedJava leaf) {
        TypeName boxed = leaf.javaType().box();
        if (boxed.equals(TypeName.INT.box())) {
            return Optional.of("toInt");
        }
        if (boxed.equals(TypeName.SHORT.box())) {
            return Optional.of("toShort");
        }
        return boxed.equals(TypeName.BYTE.box()) ? Optional.of("toByte") : Optional.empty();
    }

    /** Converts a Java value into a canonical cell. */
    static CodeBlock write(NestedJava n, CodeBlock value, int depth) {
        String v = "v" + depth;
        return switch (n.shape()) {
            case LEAF -> value;
            case ENUM -> CodeBlock.of("$T.enumName($L)", RuntimeNames.CELLS, value);
            case LIST, SET ->
                CodeBlock.of(
                        "$T.fromCollection($L, $N -> $L)",
                        NESTED,
                        value,
                        v,
                        write(n.element(), CodeBlock.of("$N", v), depth + 1));
            case ARRAY ->
                CodeBlock.of(
                        "$T.fromArray($L, $N -> $L)",
                        NESTED,
                        value,
                        v,
                        write(n.element(), CodeBlock.of("$N", v), depth + 1));
            case MAP ->
                CodeBlock.of(
                        "$T.fromMap($L, $N -> $L)",
                        NESTED,
                        value,
                        v,
                        write(n.element(), CodeBlock.of("$N", v), depth + 1));
            case RECORD -> CodeBlock.of("write$L($L)", n.helperSuffix(), value);
        };
    }

    /** {@code readX} and {@code writeX} for every record nested in the columns of a model over rows. */
    static List<MethodSpec> helpers(PredictForm.Rows rows) {
        Map<TypeName, NestedJava> records = new LinkedHashMap<>();
        rows.input().columns().forEach(c -> collectRecords(c.type().nestedType(), records));
        for (ColumnType type : rows.output().types()) {
            collectRecords(type.nestedType(), records);
        }
        List<MethodSpec> methods = new ArrayList<>();
        TypeName cells = ParameterizedTypeName.get(
                ClassName.get(Map.class), ClassName.get(String.class), ClassName.get(Object.class));
        for (NestedJava record : records.values()) {
            List<CodeBlock> args = new ArrayList<>();
            CodeBlock.Builder put = CodeBlock.builder().add("$T.object()", NESTED);
            for (NestedJava.Property p : record.properties()) {
                args.add(read(
                        p.type(),
                        CodeBlock.of("$T.property(cell, $S)", NESTED, p.name()),
                        0,
                        CodeBlock.of("$S", ((ClassName) record.javaType()).simpleName() + "." + p.name())));
                put.add("\n.put($S, $L)", p.name(), write(p.type(), CodeBlock.of("value.$N()", p.accessor()), 0));
            }
            methods.add(MethodSpec.methodBuilder("read" + record.helperSuffix())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(record.javaType())
                    .addParameter(Object.class, "cell")
                    .addStatement(
                            "return cell == null ? null : new $T(\n$L)", record.javaType(), CodeBlock.join(args, ",\n"))
                    .build());
            methods.add(MethodSpec.methodBuilder("write" + record.helperSuffix())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(cells)
                    .addParameter(record.javaType(), "value")
                    .addStatement("return value == null ? null : $L.build()", put.build())
                    .build());
        }
        return methods;
    }

    private static void collectRecords(NestedJava n, Map<TypeName, NestedJava> records) {
        if (n == null) {
            return;
        }
        if (n.shape() == NestedJava.Shape.RECORD) {
            if (records.putIfAbsent(n.javaType(), n) == null) {
                for (NestedJava.Property p : n.properties()) {
                    collectRecords(p.type(), records);
                }
            }
            return;
        }
        collectRecords(n.element(), records);
    }

    private static TypeName rawType(TypeName type) {
        if (type instanceof ParameterizedTypeName parameterized) {
            return parameterized.rawType();
        }
        return type instanceof ArrayTypeName ? type : type.box();
    }
}
