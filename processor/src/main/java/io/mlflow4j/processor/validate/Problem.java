package io.mlflow4j.processor.validate;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * One error or warning, on the element (and, when known, the annotation and its value) where the
 * mistake is, so that an IDE underlines it.
 */
public record Problem(
        Diagnostic.Kind kind, Element element, AnnotationMirror annotation, AnnotationValue value, String text) {
    /** An exception in the processor itself, reported on the class it was reading. */
    public static Problem internalError(Element type, String trace) {
        return new Problem(Diagnostic.Kind.ERROR, type, null, null, Message.INTERNAL_ERROR.format(trace));
    }

    public void printTo(Messager messager) {
        if (value != null) {
            messager.printMessage(kind, text, element, annotation, value);
        } else if (annotation != null) {
            messager.printMessage(kind, text, element, annotation);
        } else {
            messager.printMessage(kind, text, element);
        }
    }
}
