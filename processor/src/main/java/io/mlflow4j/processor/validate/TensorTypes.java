package io.mlflow4j.processor.validate;

import com.palantir.javapoet.ClassName;
import io.mlflow4j.processor.model.TensorIO;
import io.mlflow4j.processor.model.TensorJava;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads tensors: primitive arrays, or records whose components are all primitive arrays. */
final class TensorTypes {
    private final Problems reporter;

    TensorTypes(Problems reporter) {
        this.reporter = reporter;
    }

    /** A primitive array other than {@code byte[]} (binary), or a record of such arrays only. */
    static boolean isTensorLike(TypeMirror type) {
        if (isPrimitiveArray(type)) {
            return true;
        }
        Optional<TypeElement> record = TypeMapping.record(type);
        return record.isPresent()
                && !record.get().getRecordComponents().isEmpty()
                && record.get().getRecordComponents().stream().allMatch(c -> isPrimitiveArray(c.asType()));
    }

    private static boolean isPrimitiveArray(TypeMirror type) {
        if (type.getKind() != TypeKind.ARRAY || TypeMapping.isBytes(type)) {
            return false;
        }
        TypeMirror t = type;
        while (t.getKind() == TypeKind.ARRAY) {
            t = ((ArrayType) t).getComponentType();
        }
        return t.getKind().isPrimitive();
    }

    /** The tensors of a parameter or result; errors are reported on {@code where} or the component. */
    TensorIO io(Element where, TypeMirror type) {
        if (isPrimitiveArray(type)) {
            TensorJava tensor = tensor(where, type, null, null);
            return tensor == null ? null : new TensorIO(Optional.empty(), List.of(tensor));
        }
        TypeElement record = TypeMapping.record(type).orElseThrow();
        List<TensorJava> tensors = new ArrayList<>();
        boolean ok = true;
        for (RecordComponentElement component : record.getRecordComponents()) {
            Element reportOn = MemberRules.componentField(record, component);
            String name = Annotations.find(reportOn, AnnotationNames.COLUMN)
                    .flatMap(Annotations::nameValue)
                    .map(v -> String.valueOf(v.getValue()))
                    .filter(v -> !v.isEmpty())
                    .orElse(component.getSimpleName().toString());
            TensorJava tensor = tensor(
                    reportOn,
                    component.asType(),
                    name,
                    component.getSimpleName().toString());
            ok &= tensor != null;
            tensors.add(tensor);
        }
        return ok ? new TensorIO(Optional.of(ClassName.get(record)), tensors) : null;
    }

    private TensorJava tensor(Element where, TypeMirror type, String name, String accessor) {
        int rank = 0;
        TypeMirror t = type;
        while (t.getKind() == TypeKind.ARRAY) {
            t = ((ArrayType) t).getComponentType();
            rank++;
        }
        String element = t.toString();
        boolean floating = element.equals("float") || element.equals("double");
        boolean supported = (floating && rank <= 3)
                || ((element.equals("int") || element.equals("long") || element.equals("boolean")) && rank <= 2);
        if (!supported) {
            reporter.error(where, Message.TENSOR_TYPE, where.getSimpleName(), type);
            return null;
        }
        List<Integer> shape = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            shape.add(-1);
        }
        Optional<AnnotationMirror> annotation = Annotations.find(where, AnnotationNames.TENSOR_SHAPE);
        if (annotation.isPresent()) {
            Optional<AnnotationValue> value = Annotations.explicitValue(annotation.get(), "value");
            List<Integer> given = new ArrayList<>();
            value.ifPresent(v -> {
                for (Object item : (List<?>) v.getValue()) {
                    given.add((Integer) ((AnnotationValue) item).getValue());
                }
            });
            if (given.size() != rank || given.stream().anyMatch(d -> d == 0 || d < -1)) {
                reporter.error(
                        where,
                        annotation.get(),
                        value.orElse(null),
                        Message.TENSOR_SHAPE,
                        given,
                        where.getSimpleName(),
                        rank,
                        rank);
                return null;
            }
            shape = given;
        }
        return new TensorJava(name, accessor, element, shape);
    }
}
