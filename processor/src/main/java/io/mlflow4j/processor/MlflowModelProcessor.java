package io.mlflow4j.processor;

import com.google.auto.service.AutoService;
import io.mlflow4j.processor.model.ModelDescriptor;
import io.mlflow4j.processor.validate.AnnotationNames;
import io.mlflow4j.processor.validate.ModelValidator;
import io.mlflow4j.processor.validate.Problem;
import io.mlflow4j.processor.validate.Report;
import io.mlflow4j.processor.validate.StrayAnnotations;
import io.mlflow4j.processor.write.Generators;
import java.io.IOException;
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

/**
 * The mlflow4j annotation processor. It only loops over rounds and delegates: validate
 * ({@link ModelValidator}, which returns the model and every problem) then write
 * ({@link Generators}). Classes that mention types not generated yet are deferred to a later round.
 */
@AutoService(Processor.class)
public final class MlflowModelProcessor extends AbstractProcessor {
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                AnnotationNames.MLFLOW_MODEL,
                AnnotationNames.PREDICT,
                AnnotationNames.ARTIFACT,
                AnnotationNames.PARAM,
                AnnotationNames.COLUMN,
                AnnotationNames.LOAD,
                AnnotationNames.INPUT_EXAMPLE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (annotations.isEmpty() && deferred.isEmpty()) {
            return false; // nothing of ours in this round (such as the round of the sources we generated)
        }
        Set<? extends Element> annotated = annotatedThisRound(round);
        for (TypeElement type : modelsThisRound(annotated)) {
            if (!round.processingOver() && ModelValidator.hasUnresolvedTypes(type)) {
                deferred.add(type.getQualifiedName().toString());
                continue;
            }
            processModel(type);
        }
        print(StrayAnnotations.validate(annotated));
        return false;
    }

    /** The elements that carry @MlflowModel, @Predict, @Load or @Artifact, found in one pass over the round. */
    private Set<? extends Element> annotatedThisRound(RoundEnvironment round) {
        Set<TypeElement> wanted = new LinkedHashSet<>();
        for (String name : List.of(
                AnnotationNames.MLFLOW_MODEL,
                AnnotationNames.PREDICT,
                AnnotationNames.LOAD,
                AnnotationNames.ARTIFACT)) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
            if (annotation != null) {
                wanted.add(annotation);
            }
        }
        return wanted.isEmpty() ? Set.of() : round.getElementsAnnotatedWithAny(wanted.toArray(TypeElement[]::new));
    }

    private List<TypeElement> modelsThisRound(Set<? extends Element> annotated) {
        List<TypeElement> models = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                models.add(type);
            }
        }
        deferred.clear();
        for (Element element : annotated) {
            if (element instanceof TypeElement type && ModelValidator.isModel(type)) {
                models.add(type);
            }
        }
        return models;
    }

    private void processModel(TypeElement type) {
        try {
            Report<ModelDescriptor> report = ModelValidator.validate(type);
            print(report);
            if (report.value().isPresent()) {
                Generators.writeAll(report.value().get(), type, processingEnv.getFiler());
            }
        } catch (IOException | RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Problem.internalError(type, trace.toString()).printTo(processingEnv.getMessager());
        }
    }

    private void print(Report<?> report) {
        for (Problem problem : report.problems()) {
            problem.printTo(processingEnv.getMessager());
        }
    }
}
