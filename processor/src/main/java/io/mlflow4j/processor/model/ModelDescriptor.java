package io.mlflow4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * What the processor knows about one {@code @MlflowModel} class once it is valid: everything the
 * writers need, and no {@code Element}s.
 *
 * @param modelClass the user's class
 * @param name the MLflow model name
 * @param description the description
 * @param predict the {@code @Predict} method
 * @param artifacts the {@code @Artifact} fields, in declaration order
 * @param loadMethod the {@code @Load} method's name, if there is one
 * @param inputExample where the {@code @InputExample} comes from, if there is one
 */
public record ModelDescriptor(
        ClassName modelClass,
        String name,
        String description,
        PredictMethod predict,
        List<ArtifactField> artifacts,
        Optional<String> loadMethod,
        Optional<InputExampleSource> inputExample) {

    /** {@code IrisClassifierMlflowModel}; nested classes become {@code Outer_InnerMlflowModel}. */
    public ClassName adapterClass() {
        return ClassName.get(modelClass.packageName(), String.join("_", modelClass.simpleNames()) + "MlflowModel");
    }

    public ClassName loggerClass() {
        return ClassName.get(modelClass.packageName(), String.join("_", modelClass.simpleNames()) + "Logger");
    }
}
