package io.mlflow4j.processor.validate;

import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/** Finds @Predict, @Load and @Artifact used outside a model, where they would silently do nothing. */
public final class StrayAnnotations {
    private static final String[] MEMBER_ANNOTATIONS = {
        AnnotationNames.PREDICT, AnnotationNames.LOAD, AnnotationNames.ARTIFACT
    };

    private StrayAnnotations() {}

    /** @param annotated the elements of a round that carry one of the processor's annotations */
    public static Report<Void> validate(Set<? extends Element> annotated) {
        Problems problems = new Problems();
        for (Element member : annotated) {
            for (String name : MEMBER_ANNOTATIONS) {
                Optional<AnnotationMirror> annotation = Annotations.find(member, name);
                if (annotation.isPresent()
                        && Annotations.find(member.getEnclosingElement(), AnnotationNames.MLFLOW_MODEL)
                                .isEmpty()) {
                    String simpleName = annotation
                            .get()
                            .getAnnotationType()
                            .asElement()
                            .getSimpleName()
                            .toString();
                    problems.error(member, Message.NOT_IN_MODEL, simpleName, member.getSimpleName(), simpleName);
                }
            }
        }
        return problems.reportKeeping(null);
    }
}
