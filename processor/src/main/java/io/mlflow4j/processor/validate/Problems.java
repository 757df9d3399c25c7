package io.mlflow4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The problems one validator finds, each on the exact element, annotation and value; turned into
 * a {@link Report} when the validator is done. Nothing is printed here: the processor prints
 * every report's problems.
 */
final class Problems {
    private final List<Problem> found = new ArrayList<>();
    private int errors;

    void error(Element element, Message message, Object... args) {
        add(Diagnostic.Kind.ERROR, element, null, null, message, args);
    }

    void error(Element element, AnnotationMirror annotation, Message message, Object... args) {
        add(Diagnostic.Kind.ERROR, element, annotation, null, message, args);
    }

    void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        add(Diagnostic.Kind.ERROR, element, annotation, value, message, args);
    }

    /** A warning: the class compiles, but something will not work as its author likely expects. */
    void warning(Element element, Message message, Object... args) {
        add(Diagnostic.Kind.WARNING, element, null, null, message, args);
    }

    void warning(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        add(Diagnostic.Kind.WARNING, element, annotation, value, message, args);
    }

    /** The errors so far, for a validator that stops reading a part once it has one. */
    int errorCount() {
        return errors;
    }

    /** Adds another validator's problems, in order, and returns its value. */
    <T> Optional<T> take(Report<T> report) {
        for (Problem problem : report.problems()) {
            found.add(problem);
            if (problem.kind() == Diagnostic.Kind.ERROR) {
                errors++;
            }
        }
        return report.value();
    }

    /** The value with the problems found; the value is dropped when there was an error. */
    <T> Report<T> report(T value) {
        return new Report<>(errors == 0 ? value : null, List.copyOf(found));
    }

    /** The problems found, with a value that stays even after errors (for the validators that use it). */
    <T> Report<T> reportKeeping(T value) {
        return new Report<>(value, List.copyOf(found));
    }

    private void add(
            Diagnostic.Kind kind,
            Element element,
            AnnotationMirror annotation,
            AnnotationValue value,
            Message message,
            Object[] args) {
        if (kind == Diagnostic.Kind.ERROR) {
            errors++;
        }
        found.add(new Problem(kind, element, annotation, value, message.format(args)));
    }
}
