package io.mlflow4j.processor.validate;

import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Finds @Predict, @Load and @Artifact used outside a model, where they would silently do nothing. */
public final class StrayAnnotations {
    private StrayAnnotations() {}

    public static Report<Void> validate(RoundEnvironment round, Elements elements) {
        Problems problems = new Problems();
        for (String name : new String[] {AnnotationNames.PREDICT, AnnotationNames.LOAD, AnnotationNames.ARTIFACT}) {
            TypeElement annotation = elements.getTypeElement(name);
            if (annotation == null) {
                continue;
            }
            for (Element member : round.getElementsAnnotatedWith(annotation)) {
                if (Annotations.find(member.getEnclosingElement(), AnnotationNames.MLFLOW_MODEL)
                        .isEmpty()) {
                    String simpleName = annotation.getSimpleName().toString();
                    problems.error(member, Message.NOT_IN_MODEL, simpleName, member.getSimpleName(), simpleName);
                }
            }
        }
        return problems.reportKeeping(null);
    }
}
