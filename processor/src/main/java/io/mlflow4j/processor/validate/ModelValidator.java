package io.mlflow4j.processor.validate;

import io.mlflow4j.processor.model.InputExampleSource;
import io.mlflow4j.processor.model.ModelDescriptor;
import io.mlflow4j.processor.model.PredictMethod;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Validate stage: reads one {@code @MlflowModel} class with one validator per concern (the class,
 * {@code @Predict}, {@code @Artifact} and {@code @Load}, {@code @InputExample}) and returns every
 * problem they found, with the model only when there was no error.
 */
public final class ModelValidator {
    private ModelValidator() {}

    /** Whether the class mentions a type that another processor may still generate. */
    public static boolean hasUnresolvedTypes(TypeElement type) {
        return MemberRules.hasUnresolvedTypes(type);
    }

    /** Whether the class carries {@code @MlflowModel}. */
    public static boolean isModel(TypeElement type) {
        return Annotations.find(type, AnnotationNames.MLFLOW_MODEL).isPresent();
    }

    public static Report<ModelDescriptor> validate(TypeElement type) {
        Problems problems = new Problems();
        AnnotationMirror annotation =
                Annotations.find(type, AnnotationNames.MLFLOW_MODEL).orElseThrow();
        Optional<ClassValidator.NamedClass> named = problems.take(new ClassValidator().validate(type, annotation));
        if (named.isEmpty()) {
            return problems.report(null); // not a class: its members mean nothing
        }
        Optional<PredictMethod> predict = problems.take(new PredictValidator().validate(type, annotation));
        Optional<ArtifactValidator.Setup> setup = problems.take(new ArtifactValidator().validate(type));
        Optional<Optional<InputExampleSource>> example =
                problems.take(new InputExampleValidator().validate(type, predict));
        if (problems.errorCount() > 0) {
            return problems.report(null);
        }
        ClassValidator.NamedClass model = named.orElseThrow();
        return problems.report(new ModelDescriptor(
                model.type(),
                model.name(),
                model.description(),
                predict.orElseThrow(),
                setup.orElseThrow().artifacts(),
                setup.orElseThrow().loadMethod(),
                example.orElseThrow()));
    }
}
