package io.mlflow4j.processor.validate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.mlflow4j.processor.model.ColumnType;
import io.mlflow4j.processor.model.NestedJava;
import io.mlflow4j.processor.model.ScalarType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps Java types to MLflow scalar types and recognises the container types @Predict accepts. */
final class TypeMapping {
    private TypeMapping() {}

    /** A scalar column type, with whether the Java type is primitive. */
    record Scalar(ScalarType type, boolean primitive) {}

    static Optional<Scalar> scalar(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN:
                return Optional.of(new Scalar(ScalarType.BOOLEAN, true));
            case INT:
                return Optional.of(new Scalar(ScalarType.INT, true));
            case LONG:
                return Optional.of(new Scalar(ScalarType.LONG, true));
            case FLOAT:
                return Optional.of(new Scalar(ScalarType.FLOAT, true));
            case DOUBLE:
                return Optional.of(new Scalar(ScalarType.DOUBLE, true));
            case DECLARED:
                return switch (qualifiedName(type)) {
                    case "java.lang.Boolean" -> Optional.of(new Scalar(ScalarType.BOOLEAN, false));
                    case "java.lang.Integer" -> Optional.of(new Scalar(ScalarType.INT, false));
                    case "java.lang.Long" -> Optional.of(new Scalar(ScalarType.LONG, false));
                    case "java.lang.Float" -> Optional.of(new Scalar(ScalarType.FLOAT, false));
                    case "java.lang.Double" -> Optional.of(new Scalar(ScalarType.DOUBLE, false));
                    case "java.lang.String" -> Optional.of(new Scalar(ScalarType.STRING, false));
                    default -> Optional.empty();
                };
            default:
                return Optional.empty();
        }
    }

    /** The column type of a record component or scalar result, if the Java type has one. */
    static Optional<ColumnType> columnType(TypeMirror type) {
        switch (type.getKind()) {
            case BYTE:
                return Optional.of(ColumnType.of(ScalarType.INT, ColumnType.Kind.NARROW, TypeName.BYTE));
            case SHORT:
                return Optional.of(ColumnType.of(ScalarType.INT, ColumnType.Kind.NARROW, TypeName.SHORT));
            case CHAR:
                return Optional.of(ColumnType.of(ScalarType.STRING, ColumnType.Kind.CHAR, TypeName.CHAR));
            case DECLARED:
                break;
            case ARRAY:
                return isBytes(type)
                        ? Optional.of(
                                ColumnType.of(ScalarType.BINARY, ColumnType.Kind.BYTES, ScalarType.BINARY.javaType))
                        : nested(type, new HashSet<>()).map(ColumnType::nested);
            default:
                return scalar(type).map(s -> ColumnType.of(s.type(), ColumnType.Kind.PRIMITIVE, s.type().javaType));
        }
        String name = qualifiedName(type);
        switch (name) {
            case "java.lang.Byte":
                return Optional.of(ColumnType.of(ScalarType.INT, ColumnType.Kind.NARROW_BOXED, TypeName.BYTE.box()));
            case "java.lang.Short":
                return Optional.of(ColumnType.of(ScalarType.INT, ColumnType.Kind.NARROW_BOXED, TypeName.SHORT.box()));
            case "java.lang.Character":
                return Optional.of(ColumnType.of(ScalarType.STRING, ColumnType.Kind.CHARACTER, TypeName.CHAR.box()));
            case "java.lang.String":
                return Optional.of(
                        ColumnType.of(ScalarType.STRING, ColumnType.Kind.STRING, ClassName.get(String.class)));
            case "java.time.Instant":
            case "java.time.LocalDateTime":
            case "java.time.LocalDate":
            case "java.time.OffsetDateTime":
            case "java.util.Date":
                return Optional.of(
                        ColumnType.of(ScalarType.DATETIME, ColumnType.Kind.DATETIME, ClassName.get((TypeElement)
                                ((DeclaredType) type).asElement())));
            case "java.util.Optional": {
                var args = ((DeclaredType) type).getTypeArguments();
                if (args.size() != 1) {
                    return Optional.empty();
                }
                return columnType(args.get(0))
                        .filter(inner -> inner.kind() != ColumnType.Kind.OPTIONAL && inner.canBeMissing())
                        .map(ColumnType::optional);
            }
            default:
                break;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(ColumnType.of(ScalarType.STRING, ColumnType.Kind.ENUM, ClassName.get(element)));
        }
        Optional<ColumnType> boxed = scalar(type)
                .map(s ->
                        ColumnType.of(s.type(), ColumnType.Kind.BOXED, s.type().boxedType()));
        return boxed.isPresent() ? boxed : nested(type, new HashSet<>()).map(ColumnType::nested);
    }

    /**
     * The nested type of a List, Set, array, Map with String keys or record, down to leaves
     * (booleans, numbers, strings, enums); empty when some part has no mapping or a record
     * contains itself.
     */
    static Optional<NestedJava> nested(TypeMirror type, Set<String> visiting) {
        if (type.getKind().isPrimitive()) {
            return nestedLeaf(type);
        }
        if (type.getKind() == TypeKind.ARRAY) {
            TypeMirror component = ((ArrayType) type).getComponentType();
            if (component.getKind().isPrimitive()) {
                return Optional.empty(); // primitive arrays are tensors, not array columns
            }
            return nested(component, visiting)
                    .map(e -> new NestedJava(NestedJava.Shape.ARRAY, TypeName.get(type), e, null, null));
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        DeclaredType declared = (DeclaredType) type;
        String name = qualifiedName(type);
        var args = declared.getTypeArguments();
        switch (name) {
            case "java.util.List", "java.util.Collection", "java.util.Set": {
                if (args.size() != 1) {
                    return Optional.empty();
                }
                NestedJava.Shape shape = name.equals("java.util.Set") ? NestedJava.Shape.SET : NestedJava.Shape.LIST;
                return nested(args.get(0), visiting).map(e -> new NestedJava(shape, TypeName.get(type), e, null, null));
            }
            case "java.util.Map": {
                if (args.size() != 2 || !qualifiedName(args.get(0)).equals("java.lang.String")) {
                    return Optional.empty();
                }
                return nested(args.get(1), visiting)
                        .map(v -> new NestedJava(NestedJava.Shape.MAP, TypeName.get(type), v, null, null));
            }
            case "java.lang.Boolean",
                    "java.lang.Integer",
                    "java.lang.Short",
                    "java.lang.Byte",
                    "java.lang.Long",
                    "java.lang.Float",
                    "java.lang.Double",
                    "java.lang.String":
                return nestedLeaf(type);
            default:
                break;
        }
        TypeElement element = (TypeElement) declared.asElement();
        if (element.getKind() == ElementKind.ENUM) {
            return Optional.of(
                    new NestedJava(NestedJava.Shape.ENUM, ClassName.get(element), null, null, ScalarType.STRING));
        }
        Optional<TypeElement> record = record(type);
        if (record.isEmpty() || !visiting.add(name)) {
            return Optional.empty();
        }
        try {
            List<NestedJava.Property> properties = new ArrayList<>();
            for (RecordComponentElement component : record.get().getRecordComponents()) {
                Optional<NestedJava> propertyType = nested(component.asType(), visiting);
                if (propertyType.isEmpty()) {
                    return Optional.empty();
                }
                Optional<AnnotationMirror> column = Annotations.find(component, AnnotationNames.COLUMN);
                String propertyName = column.flatMap(Annotations::nameValue)
                        .map(v -> String.valueOf(v.getValue()))
                        .filter(v -> !v.isEmpty())
                        .orElse(component.getSimpleName().toString());
                boolean required = component.asType().getKind().isPrimitive()
                        || column.map(c -> Annotations.bool(c, "required", true))
                                .orElse(true);
                properties.add(new NestedJava.Property(
                        component.getSimpleName().toString(), propertyName, propertyType.get(), required));
            }
            return properties.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new NestedJava(
                            NestedJava.Shape.RECORD, ClassName.get(record.get()), null, properties, null));
        } finally {
            visiting.remove(name);
        }
    }

    /**
     * A leaf of a nested type. Every integral Java type is an MLflow {@code long} there: MLflow infers
     * long for Python ints, and its nested check refuses any value for a nested {@code integer}
     * ("Expected type integer, received type int"); the generated code checks the range on reading.
     */
    private static Optional<NestedJava> nestedLeaf(TypeMirror type) {
        TypeName javaType = TypeName.get(type);
        TypeName boxed = javaType.box();
        if (boxed.equals(TypeName.INT.box())
                || boxed.equals(TypeName.SHORT.box())
                || boxed.equals(TypeName.BYTE.box())) {
            return Optional.of(new NestedJava(NestedJava.Shape.LEAF, javaType, null, null, ScalarType.LONG));
        }
        return scalar(type).map(s -> new NestedJava(NestedJava.Shape.LEAF, javaType, null, null, s.type()));
    }

    /** {@code byte[]}: one binary value, not an array of rows. */
    static boolean isBytes(TypeMirror type) {
        return type.getKind() == TypeKind.ARRAY
                && ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE;
    }

    static boolean isDecimal(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED && qualifiedName(type).equals("java.math.BigDecimal");
    }

    /** How a {@code @Param} parameter's Java type maps to an MLflow param. */
    record ParamType(ScalarType type, boolean list, String getter) {}

    static Optional<ParamType> paramType(TypeMirror type) {
        Optional<Scalar> scalar = scalar(type);
        if (scalar.isPresent()) {
            return Optional.of(
                    new ParamType(scalar.get().type(), false, scalar.get().type().getter));
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        String name = qualifiedName(type);
        switch (name) {
            case "java.time.Instant",
                    "java.time.LocalDateTime",
                    "java.time.LocalDate",
                    "java.time.OffsetDateTime",
                    "java.util.Date":
                return Optional.of(new ParamType(
                        ScalarType.DATETIME,
                        false,
                        "get" + ((TypeElement) ((DeclaredType) type).asElement()).getSimpleName()));
            case "java.util.List":
                return listElement(type)
                        .flatMap(TypeMapping::scalar)
                        .filter(s -> !s.primitive())
                        .map(s -> new ParamType(s.type(), true, "getList"));
            default:
                return Optional.empty();
        }
    }

    /** The element type of {@code java.util.List<X>}, if the type is one. */
    static Optional<TypeMirror> listElement(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED && qualifiedName(type).equals("java.util.List")) {
            var args = ((DeclaredType) type).getTypeArguments();
            if (args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED) {
                return Optional.of(args.get(0));
            }
        }
        return Optional.empty();
    }

    /** The element type of {@code java.util.stream.Stream<X>}, if the type is one. */
    static Optional<TypeMirror> streamElement(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED && qualifiedName(type).equals("java.util.stream.Stream")) {
            var args = ((DeclaredType) type).getTypeArguments();
            if (args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED) {
                return Optional.of(args.get(0));
            }
        }
        return Optional.empty();
    }

    /** The record's type element, if the type is a record. */
    static Optional<TypeElement> record(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (element.getKind().name().equals("RECORD")
                    && ((DeclaredType) type).getTypeArguments().isEmpty()) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    static boolean isError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type.getKind() == TypeKind.DECLARED) {
            for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
                if (isError(arg)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String qualifiedName(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return type.toString();
        }
        return ((TypeElement) ((DeclaredType) type).asElement())
                .getQualifiedName()
                .toString();
    }
}
