package io.mlflow4j.runtime.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** A loaded model folder, as seen by generated code when it injects artifacts. */
public final class ModelContext {
    private final Path modelRoot;

    public ModelContext(Path modelRoot) {
        this.modelRoot = modelRoot;
    }

    public Path modelRoot() {
        return modelRoot;
    }

    /** Where artifact {@code name} lives in the loaded model: {@code <model>/artifacts/<name>}. */
    public Path artifact(String name) {
        Path path =
                ModelFolderPaths.inside(modelRoot, modelRoot.resolve(ModelLayout.ARTIFACTS_DIR), name, "its artifact");
        if (!Files.exists(path)) {
            throw new IllegalStateException("Artifact '" + name + "' is missing from the model at " + modelRoot
                    + " (expected " + path + "). The model folder is incomplete; save or log it again.");
        }
        return path;
    }
}
