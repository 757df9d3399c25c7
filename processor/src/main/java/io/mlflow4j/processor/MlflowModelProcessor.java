package io.mlflow4j.processor;

import com.google.auto.service.AutoService;
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
 * ({@link ModelValidator}) then write ({@link Generators}). Classes that mention types not
 * generated yet are deferred to a later round.
 */
@AutoService(Processor.class)
public final class MlflowModelProcessor extends AbstractProcessor {
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AnnotationNames.MLFLOW_MODEL, AnnotationNames.PREDICT, AnnotationNames.ARTIFACT,
                AnnotationNames.PARAM, AnnotationNames.COLUMN, AnnotationNames.LOAD, AnnotationNames.INPUT_EXAMPLE);
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
        StrayAnnotations.check(round, processingEnv.getElementUtils(), reporter);
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
        static void check(RoundEnvironment round, javax.lang.model.util.Elements elements, Reporter reporter) {
            for (String name : new String[] {AnnotationNames.PREDICT, AnnotationNames.LOAD, AnnotationNames.ARTIFACT}) {
                TypeElement annotation = elements.getTypeElement(name);
                if (annotation == null) {
                    continue;
                }
                for (Element member : round.getElementsAnnotatedWith(annotation)) {
                    requireModel(member, annotation.getSimpleName().toString(), reporter);
                }
            }
        }

        private static void requireModel(Element member, String annotation, Reporter reporter) {
            Element owner = member.getEnclosingElement();
            if (Annotations.find(owner, AnnotationNames.MLFLOW_MODEL).isEmpty()) {
                reporter.error(member, Message.NOT_IN_MODEL, annotation, member.getSimpleName(), annotation);
            }
        }
    }
}
