package io.mlflow4j.processor.validate;

import io.mlflow4j.processor.model.ArtifactField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/** The {@code @Artifact} fields and the {@code @Load} method: what a loaded model is set up with. */
final class ArtifactValidator {
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * @param artifacts the artifact fields, in declaration order
     * @param loadMethod the {@code @Load} method's name, if there is one
     */
    record Setup(List<ArtifactField> artifacts, Optional<String> loadMethod) {}

    private final Problems problems = new Problems();

    Report<Setup> validate(TypeElement type) {
        List<ArtifactField> artifacts = artifacts(type);
        Optional<String> load = loadMethod(type);
        return problems.report(new Setup(artifacts, load));
    }

    private List<ArtifactField> artifacts(TypeElement type) {
        List<ArtifactField> artifacts = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            Optional<AnnotationMirror> annotation = Annotations.find(field, AnnotationNames.ARTIFACT);
            if (annotation.isPresent()) {
                artifact(field, annotation.get(), seen).ifPresent(artifacts::add);
            }
        }
        return artifacts;
    }

    private Optional<ArtifactField> artifact(
            VariableElement field, AnnotationMirror annotation, Map<String, String> seen) {
        int errorsBefore = problems.errorCount();
        String fieldName = field.getSimpleName().toString();
        if (field.getModifiers().contains(Modifier.STATIC)) {
            problems.error(field, annotation, Message.ARTIFACT_STATIC, fieldName);
        }
        if (field.getModifiers().contains(Modifier.FINAL)) {
            problems.error(field, annotation, Message.ARTIFACT_FINAL, fieldName);
        }
        if (field.getModifiers().contains(Modifier.PRIVATE)) {
            problems.error(field, annotation, Message.ARTIFACT_PRIVATE, fieldName);
        }
        ArtifactField.Kind kind = switch (TypeMapping.qualifiedName(field.asType())) {
            case "java.nio.file.Path" -> ArtifactField.Kind.PATH;
            case "java.io.File" -> ArtifactField.Kind.FILE;
            case "java.lang.String" -> ArtifactField.Kind.STRING;
            default -> null;
        };
        if (kind == null) {
            problems.error(field, Message.ARTIFACT_TYPE, fieldName, field.asType());
        }
        Optional<AnnotationValue> nameValue = Annotations.nameValue(annotation);
        String name = nameValue
                .map(v -> String.valueOf(v.getValue()))
                .filter(s -> !s.isEmpty())
                .orElse(fieldName);
        if (!ARTIFACT_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            problems.error(field, annotation, nameValue.orElse(null), Message.ARTIFACT_NAME, name);
        } else {
            String previous = seen.putIfAbsent(name, fieldName);
            if (previous != null) {
                problems.error(
                        field,
                        annotation,
                        nameValue.orElse(null),
                        Message.ARTIFACT_DUPLICATE,
                        name,
                        previous,
                        fieldName);
            }
        }
        return problems.errorCount() > errorsBefore
                ? Optional.empty()
                : Optional.of(new ArtifactField(name, fieldName, kind));
    }

    private Optional<String> loadMethod(TypeElement type) {
        String first = null;
        for (ExecutableElement method : MemberRules.annotatedMethods(type, AnnotationNames.LOAD)) {
            String name = method.getSimpleName().toString();
            AnnotationMirror annotation =
                    Annotations.find(method, AnnotationNames.LOAD).orElseThrow();
            if (first != null) {
                problems.error(method, annotation, Message.LOAD_DUPLICATE, name, type.getSimpleName());
                continue;
            }
            first = name;
            if (!method.getParameters().isEmpty()) {
                problems.error(method, annotation, Message.LOAD_PARAMETERS, name);
            }
            if (method.getModifiers().contains(Modifier.STATIC)) {
                problems.error(method, annotation, Message.LOAD_STATIC, name);
            }
            if (method.getModifiers().contains(Modifier.PRIVATE)) {
                problems.error(method, annotation, Message.LOAD_PRIVATE, name);
            }
        }
        return Optional.ofNullable(first);
    }
}
