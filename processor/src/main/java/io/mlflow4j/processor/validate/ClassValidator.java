package io.mlflow4j.processor.validate;

import com.palantir.javapoet.ClassName;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** The {@code @MlflowModel} class itself: a concrete, reachable class, and its MLflow name. */
final class ClassValidator {
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,255}");

    /**
     * The class as the writers name it.
     *
     * @param type the user's class
     * @param name the MLflow model name
     * @param description the description
     */
    record NamedClass(ClassName type, String name, String description) {}

    private final Problems problems = new Problems();

    /** The class, even after problems; empty when the annotation is not on a class at all: then nothing else is worth checking. */
    Report<NamedClass> validate(TypeElement type, AnnotationMirror annotation) {
        if (type.getKind() != ElementKind.CLASS) {
            problems.error(type, annotation, Message.MODEL_NOT_CLASS, kindName(type.getKind()), type.getSimpleName());
            return problems.report(null);
        }
        checkClass(type, annotation);
        String name = modelName(type, annotation);
        String description = Annotations.string(annotation, "description", "");
        return problems.reportKeeping(new NamedClass(ClassName.get(type), name, description));
    }

    private void checkClass(TypeElement type, AnnotationMirror annotation) {
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.error(type, annotation, Message.MODEL_ABSTRACT, type.getSimpleName());
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                || type.getNestingKind() == NestingKind.LOCAL
                || type.getNestingKind() == NestingKind.ANONYMOUS) {
            problems.error(type, annotation, Message.MODEL_INNER_CLASS, type.getSimpleName());
        }
        MemberRules.privateEnclosing(type)
                .ifPresent(t -> problems.error(type, annotation, Message.MODEL_PRIVATE, t.getSimpleName()));
        if (!type.getTypeParameters().isEmpty()) {
            problems.error(type, annotation, Message.MODEL_GENERIC, type.getSimpleName());
        }
        boolean hasNoArgConstructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
        if (!hasNoArgConstructor) {
            problems.error(type, annotation, Message.MODEL_CONSTRUCTOR, type.getSimpleName());
        }
    }

    private String modelName(TypeElement type, AnnotationMirror annotation) {
        Optional<AnnotationValue> value = Annotations.explicitValue(annotation, "name");
        String name = value.map(v -> String.valueOf(v.getValue())).orElse("");
        if (name.isEmpty()) {
            return kebabCase(type.getSimpleName().toString());
        }
        if (!MODEL_NAME.matcher(name).matches()) {
            problems.error(type, annotation, value.get(), Message.MODEL_NAME, name);
        }
        return name;
    }

    static String kebabCase(String simpleName) {
        return simpleName
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                .toLowerCase();
    }

    private static String kindName(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "interface";
            case ENUM -> "enum";
            case RECORD -> "record";
            case ANNOTATION_TYPE -> "annotation type";
            default -> kind.name().toLowerCase();
        };
    }
}
