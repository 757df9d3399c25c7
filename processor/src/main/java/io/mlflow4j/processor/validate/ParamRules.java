package io.mlflow4j.processor.validate;

import io.mlflow4j.processor.model.ParamArgument;
import io.mlflow4j.processor.model.ScalarType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/** The {@code @Param} parameters after a {@code @Predict} method's input, whatever its form. */
final class ParamRules {
    private static final Pattern PARAM_NAME = Pattern.compile("[\\w.\\- /]+");

    private ParamRules() {}

    /** Every parameter after the first, as a param; each problem is reported on its parameter. */
    static List<ParamArgument> read(ExecutableElement method, Problems problems) {
        String methodName = method.getSimpleName().toString();
        List<ParamArgument> params = new ArrayList<>();
        Map<String, VariableElement> names = new HashMap<>();
        for (VariableElement parameter :
                method.getParameters().subList(1, method.getParameters().size())) {
            param(parameter, methodName, names, problems).ifPresent(params::add);
        }
        return params;
    }

    private static Optional<ParamArgument> param(
            VariableElement parameter, String methodName, Map<String, VariableElement> names, Problems problems) {
        Optional<AnnotationMirror> annotation = Annotations.find(parameter, AnnotationNames.PARAM);
        if (annotation.isEmpty()) {
            problems.error(parameter, Message.PREDICT_EXTRA_PARAMETER, parameter.getSimpleName(), methodName);
            return Optional.empty();
        }
        AnnotationMirror param = annotation.get();
        Optional<AnnotationValue> nameValue = Annotations.explicitValue(param, "name");
        String name = nameValue
                .map(v -> String.valueOf(v.getValue()))
                .filter(s -> !s.isEmpty())
                .orElse(parameter.getSimpleName().toString());
        if (!PARAM_NAME.matcher(name).matches() || name.isBlank()) {
            problems.error(parameter, param, nameValue.orElse(null), Message.PARAM_NAME, name);
            return Optional.empty();
        }
        if (names.putIfAbsent(name, parameter) != null) {
            problems.error(parameter, param, nameValue.orElse(null), Message.PARAM_DUPLICATE, name, methodName);
            return Optional.empty();
        }
        Optional<TypeMapping.ParamType> type = TypeMapping.paramType(parameter.asType());
        if (type.isEmpty()) {
            problems.error(parameter, Message.PARAM_TYPE, name, parameter.asType());
            return Optional.empty();
        }
        Optional<AnnotationValue> defaultValue = Annotations.explicitValue(param, "defaultValue");
        String text = defaultValue.map(v -> String.valueOf(v.getValue())).orElse("");
        ScalarType scalar = type.get().type();
        try {
            Object parsed =
                    type.get().list() ? ParamDefaults.parseList(text, scalar) : ParamDefaults.parse(text, scalar);
            return Optional.of(new ParamArgument(
                    name, scalar, type.get().list(), type.get().getter(), parsed));
        } catch (IllegalArgumentException e) {
            problems.error(
                    parameter,
                    param,
                    defaultValue.orElse(null),
                    Message.PARAM_DEFAULT,
                    text,
                    name,
                    type.get().list() ? "list of " + scalar.javaName : scalar.javaName,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
