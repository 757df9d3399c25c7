package io.mlflow4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/** Rules and look-ups every validator shares, written once. */
final class MemberRules {
    private MemberRules() {}

    /** The methods of {@code type} that carry the annotation, in declaration order. */
    static List<ExecutableElement> annotatedMethods(TypeElement type, String annotation) {
        List<ExecutableElement> result = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (Annotations.find(method, annotation).isPresent()) {
                result.add(method);
            }
        }
        return result;
    }

    /** The type, or the first class enclosing it, that is private: generated code cannot reach it. */
    static Optional<TypeElement> privateEnclosing(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Where to report a problem of a record component. javac keeps no source position for record
     * components; their fields have the component's.
     */
    static Element componentField(TypeElement record, RecordComponentElement component) {
        for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
            if (field.getSimpleName().equals(component.getSimpleName())) {
                return field;
            }
        }
        return component;
    }

    /** Whether the class mentions a type that another processor may still generate. */
    static boolean hasUnresolvedTypes(TypeElement type) {
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof ExecutableElement method) {
                if (TypeMapping.isError(method.getReturnType())) {
                    return true;
                }
                for (VariableElement p : method.getParameters()) {
                    if (TypeMapping.isError(p.asType())) {
                        return true;
                    }
                }
            } else if (member instanceof VariableElement field && TypeMapping.isError(field.asType())) {
                return true;
            }
        }
        return false;
    }
}
