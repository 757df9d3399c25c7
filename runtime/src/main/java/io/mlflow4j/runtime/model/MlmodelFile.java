package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.MlflowException;
import io.mlflow4j.runtime.internal.PyYaml;
import io.mlflow4j.runtime.schema.ModelSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An {@code MLmodel} file read from a model folder. */
public record MlmodelFile(Path modelRoot, Map<String, Object> content) {

    public static MlmodelFile read(Path modelRoot) {
        Path file = modelRoot.resolve(ModelLayout.MLMODEL);
        if (!Files.isRegularFile(file)) {
            throw MlflowException.notFound("No MLmodel file in " + modelRoot
                    + ". Point to the folder that holds MLmodel (for a logged model: runs:/<run id>/<artifact path>).");
        }
        try {
            return new MlmodelFile(modelRoot, PyYaml.load(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> flavors() {
        Object flavors = content.get("flavors");
        return flavors instanceof Map ? (Map<String, Object>) flavors : Map.of();
    }

    /** The {@code java_function} flavor, or a clear error when the model was not made by mlflow4j. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> javaFlavor() {
        Object flavor = flavors().get(ModelLayout.JAVA_FLAVOR);
        if (!(flavor instanceof Map)) {
            throw MlflowException.notFound("Model at " + modelRoot + " does not have the \"" + ModelLayout.JAVA_FLAVOR
                    + "\" flavor (it has " + flavors().keySet() + "). Only models saved by mlflow4j can be loaded in Java.");
        }
        return (Map<String, Object>) flavor;
    }

    /** The signature, or {@code null} when the model has none. */
    public ModelSignature signature() {
        Object sig = content.get("signature");
        return sig instanceof Map<?, ?> map ? ModelSignature.fromMlmodelMap(map) : null;
    }

    public String string(String key) {
        Object v = content.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
