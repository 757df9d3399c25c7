package io.mlflow4j.processor.validate;

import io.mlflow4j.processor.model.InputExampleSource;
import io.mlflow4j.processor.model.ParamArgument;
import io.mlflow4j.processor.model.PredictForm;
import io.mlflow4j.processor.model.PredictMethod;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The {@code @InputExample}: one static, reachable member that gives what the {@code @Predict}
 * method takes, and params that name its {@code @Param}s.
 */
final class InputExampleValidator {
    private final Problems problems = new Problems();

    /**
     * @param predict the {@code @Predict} method, or empty when it has a problem (reported already):
     *     then the example's type is not checked
     */
    Report<Optional<InputExampleSource>> validate(TypeElement type, Optional<PredictMethod> predict) {
        Optional<InputExampleSource> found = Optional.empty();
        String first = null;
        for (Element member : type.getEnclosedElements()) {
            Optional<AnnotationMirror> annotation = Annotations.find(member, AnnotationNames.INPUT_EXAMPLE);
            if (annotation.isEmpty()) {
                continue;
            }
            String name = member.getSimpleName().toString();
            if (first != null) {
                problems.error(member, annotation.get(), Message.INPUT_EXAMPLE_DUPLICATE, name, type.getSimpleName());
                continue;
            }
            first = name;
            found = example(type, member, annotation.get(), predict);
        }
        if (found.isPresent()) {
            found = Optional.of(withParams(found.get(), type, predict.orElseThrow()));
        }
        return problems.report(found);
    }

    private Optional<InputExampleSource> example(
            TypeElement type, Element member, AnnotationMirror annotation, Optional<PredictMethod> predict) {
        String name = member.getSimpleName().toString();
        int errorsBefore = problems.errorCount();
        if (!member.getModifiers().contains(Modifier.STATIC)) {
            problems.error(member, annotation, Message.INPUT_EXAMPLE_NOT_STATIC, name);
        }
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
            problems.error(member, annotation, Message.INPUT_EXAMPLE_PRIVATE, name);
        }
        boolean isMethod = member instanceof ExecutableElement;
        if (isMethod && !((ExecutableElement) member).getParameters().isEmpty()) {
            problems.error(member, annotation, Message.INPUT_EXAMPLE_PARAMETERS, name);
        }
        boolean ok = problems.errorCount() == errorsBefore;
        TypeMirror given = isMethod ? ((ExecutableElement) member).getReturnType() : member.asType();
        Optional<TypeMirror> element = TypeMapping.listElement(given);
        if (predict.isEmpty()) {
            return Optional.empty(); // the @Predict problem is reported already
        }
        PredictForm form = predict.get().form();
        if (form instanceof PredictForm.Table) {
            problems.error(member, annotation, Message.INPUT_EXAMPLE_TABLE, name);
            return Optional.empty();
        }
        if (form instanceof PredictForm.Tensors) {
            ExecutableElement predictMethod =
                    MemberRules.annotatedMethods(type, AnnotationNames.PREDICT).get(0);
            TypeMirror expected = predictMethod.getParameters().get(0).asType();
            if (!given.toString().equals(expected.toString())) {
                problems.error(
                        member, annotation, Message.INPUT_EXAMPLE_TYPE, name, given, expected, expected, expected);
                return Optional.empty();
            }
            return ok ? Optional.of(new InputExampleSource(name, isMethod, false, Map.of())) : Optional.empty();
        }
        PredictForm.Rows rows = (PredictForm.Rows) form;
        String expected = rows.input().type().canonicalName();
        boolean matches = TypeMapping.record(element.orElse(given))
                .map(r -> r.getQualifiedName().contentEquals(expected))
                .orElse(false);
        if (!matches) {
            String simple = rows.input().type().simpleName();
            problems.error(member, annotation, Message.INPUT_EXAMPLE_TYPE, name, given, expected, simple, simple);
            return Optional.empty();
        }
        return ok
                ? Optional.of(new InputExampleSource(name, isMethod, element.isPresent(), Map.of()))
                : Optional.empty();
    }

    /** The {@code params} of every @InputExample, parsed by their @Param types. */
    private InputExampleSource withParams(InputExampleSource source, TypeElement type, PredictMethod predict) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Element member : type.getEnclosedElements()) {
            Optional<AnnotationMirror> annotation = Annotations.find(member, AnnotationNames.INPUT_EXAMPLE);
            Optional<AnnotationValue> value = annotation.flatMap(a -> Annotations.explicitValue(a, "params"));
            if (value.isEmpty()) {
                continue;
            }
            for (Object item : (List<?>) value.get().getValue()) {
                String entry = String.valueOf(((AnnotationValue) item).getValue());
                int eq = entry.indexOf('=');
                String name = eq < 0 ? entry : entry.substring(0, eq).trim();
                Optional<ParamArgument> param = predict.params().stream()
                        .filter(p -> p.name().equals(name))
                        .findFirst();
                String problem =
                        eq < 0 ? "has no '='" : param.isEmpty() ? "names no @Param of the @Predict method" : null;
                if (problem == null) {
                    try {
                        String text = entry.substring(eq + 1).trim();
                        params.put(
                                name,
                                param.get().list()
                                        ? ParamDefaults.parseList(
                                                text, param.get().type())
                                        : ParamDefaults.parse(text, param.get().type()));
                    } catch (IllegalArgumentException e) {
                        problem = "does not parse as " + param.get().type().javaName + ": " + e.getMessage();
                    }
                }
                if (problem != null) {
                    problems.error(
                            member,
                            annotation.get(),
                            (AnnotationValue) item,
                            Message.INPUT_EXAMPLE_PARAMS,
                            entry,
                            problem);
                }
            }
        }
        return new InputExampleSource(
                source.member(), source.method(), source.list(), Collections.unmodifiableMap(params));
    }
}
