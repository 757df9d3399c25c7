package io.mlflow4j.processor.model;

/**
 * An {@code @Artifact} field.
 *
 * @param name the artifact's name: its folder under {@code artifacts/}
 * @param fieldName the field
 * @param kind how the field holds the path
 */
public record ArtifactField(String name, String fieldName, Kind kind) {
    /** How an {@code @Artifact} field holds its path. */
    public enum Kind {
        PATH,
        FILE,
        STRING
    }
}
