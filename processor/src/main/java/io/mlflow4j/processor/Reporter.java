package io.mlflow4j.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors and warnings on the exact element, annotation and value, and counts the errors. */
final class Reporter {
    private final Messager messager;
    private int errors;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    void error(Element element, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }

    void error(Element element, AnnotationMirror annotation, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation);
    }

    void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
    }

    /** A warning: the class compiles, but something will not work as its author likely expects. */
    void warning(Element element, Message message, Object... args) {
        messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element);
    }

    void warning(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
        messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element, annotation, value);
    }

    int errorCount() {
        return errors;
    }
}
