package io.mlflow4j.processor.validate;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads annotation mirrors and their explicitly written values, for precise error positions. */
final class Annotations {
    private Annotations() {}

    static Optional<AnnotationMirror> find(Element element, String annotationName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The value as written in source, or empty when the attribute takes its default. */
    static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(attribute)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    static String string(AnnotationMirror mirror, String attribute, String defaultValue) {
        return explicitValue(mirror, attribute)
                .map(v -> String.valueOf(v.getValue()))
                .orElse(defaultValue);
    }

    static boolean bool(AnnotationMirror mirror, String attribute, boolean defaultValue) {
        return explicitValue(mirror, attribute).map(v -> (Boolean) v.getValue()).orElse(defaultValue);
    }

    /** The first non-empty of {@code value} and {@code name}, with the value that gave it. */
    static Optional<AnnotationValue> nameValue(AnnotationMirror mirror) {
        Optional<AnnotationValue> value = explicitValue(mirror, "value")
                .filter(v -> !String.valueOf(v.getValue()).isEmpty());
        return value.isPresent() ? value : explicitValue(mirror, "name");
    }
}
