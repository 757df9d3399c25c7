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
        for (TypeElement type : modelsThisRound(round)) {
            if (!round.processingOver() && ModelValidator.hasUnresolvedTypes(type)) {
                deferred.add(type.getQualifiedName().toString());
                continue;
            }
            processModel(type);
        }
        print(StrayAnnotations.validate(round, processingEnv.getElementUtils()));
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
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(AnnotationNames.MLFLOW_MODEL);
        if (annotation == null) {
            return models; // the annotations are not on the class path: nothing to process
        }
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
            if (element instanceof TypeElement type) {
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
