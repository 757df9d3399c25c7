package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.schema.ModelSignature;
import java.util.List;
import java.util.Objects;

/**
 * What the annotation processor learned about a model class: its MLflow name and description,
 * the signature, the artifact names and the classes involved. Generated code holds one as a
 * constant; the runtime writes and loads model folders from it.
 *
 * @param name the model name from {@code @MlflowModel}
 * @param description the description, possibly empty
 * @param signature the inferred signature
 * @param artifactNames the {@code @Artifact} names, in declaration order
 * @param modelClass the user's annotated class
 * @param adapterClass the generated {@code <Model>MlflowModel} class
 */
public record ModelSpec(
        String name,
        String description,
        ModelSignature signature,
        List<String> artifactNames,
        Class<?> modelClass,
        Class<?> adapterClass) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signature, "signature");
        artifactNames = List.copyOf(artifactNames);
        description = description == null ? "" : description;
    }
}
