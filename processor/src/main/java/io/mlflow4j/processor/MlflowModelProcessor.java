package io.mlflow4j.processor;

import com.google.auto.service.AutoService;
import io.mlflow4j.annotations.Artifact;
import io.mlflow4j.annotations.Column;
import io.mlflow4j.annotations.InputExample;
import io.mlflow4j.annotations.Load;
import io.mlflow4j.annotations.MlflowModel;
import io.mlflow4j.annotations.Param;
import io.mlflow4j.annotations.Predict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The mlflow4j annotation processor. It only loops over rounds and delegates: validate
 * ({@link ModelValidator}) then write ({@link Generators}). Classes that mention types not
 * generated yet are deferred to a later round.
 */
@AutoService(Processor.class)
public final class MlflowModelProcessor extends AbstractProcessor {
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(MlflowModel.class.getName(), Predict.class.getName(), Artifact.class.getName(),
                Param.class.getName(), Column.class.getName(), Load.class.getName(), InputExample.class.getName());
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        for (TypeElement type : modelsThisRound(round)) {
            if (!round.processingOver() && ModelValidator.hasUnresolvedTypes(type)) {
                deferred.add(type.getQualifiedName().toString());
                continue;
            }
            processModel(type, reporter);
        }
        StrayAnnotations.check(round, reporter);
        return false;
    }

    private List<TypeElement> modelsThisRound(RoundEnvironment round) {
        List<TypeElement> models = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                models.add(type);
            }
        }
        deferred.clear();
        for (Element element : round.getElementsAnnotatedWith(MlflowModel.class)) {
            if (element instanceof TypeElement type) {
                models.add(type);
            }
        }
        return models;
    }

    private void processModel(TypeElement type, Reporter reporter) {
        try {
            new ModelValidator(reporter).validate(type).ifPresent(model -> {
                try {
                    Generators.writeAll(model, type, processingEnv.getFiler());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            reporter.error(type, Message.INTERNAL_ERROR, trace);
        }
    }

    /** Finds @Predict, @Load, @Artifact and @Param used outside a model, where they would silently do nothing. */
    private static final class StrayAnnotations {
        static void check(RoundEnvironment round, Reporter reporter) {
            for (Element method : round.getElementsAnnotatedWith(Predict.class)) {
                requireModel(method, "Predict", reporter);
            }
            for (Element method : round.getElementsAnnotatedWith(Load.class)) {
                requireModel(method, "Load", reporter);
            }
            for (Element field : ElementFilter.fieldsIn(round.getElementsAnnotatedWith(Artifact.class))) {
                requireModel(field, "Artifact", reporter);
            }
        }

        private static void requireModel(Element member, String annotation, Reporter reporter) {
            Element owner = member.getEnclosingElement();
            if (owner.getAnnotation(MlflowModel.class) == null) {
                reporter.error(member, Message.NOT_IN_MODEL, annotation, member.getSimpleName(), annotation);
            }
        }
    }
}
