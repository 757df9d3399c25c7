package io.mlflow4j.processor;

import java.util.Optional;
import javax.lang.model.element.TypeElement;
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

    /** The record's type element, if the type is a record. */
    static Optional<TypeElement> record(TypeMirror type) {
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (element.getKind().name().equals("RECORD") && ((DeclaredType) type).getTypeArguments().isEmpty()) {
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
        return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    }
}
