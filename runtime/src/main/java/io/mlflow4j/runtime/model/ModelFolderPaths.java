package io.mlflow4j.runtime.model;

import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a path that a model folder names ({@code data/classpath.txt} entries, {@code data:} and
 * {@code classpath:} in {@code MLmodel}, the input example) and refuses one outside the folder: a
 * downloaded model must not make the loader read {@code ../../etc/...} or an absolute path, nor
 * follow a link out of the folder.
 */
public final class ModelFolderPaths {
    private static final int MAX_SHOWN = 200;

    private ModelFolderPaths() {}

    /** {@code relative} resolved in {@code base} (inside {@code modelRoot}); an error names {@code what}. */
    public static Path inside(Path modelRoot, Path base, String relative, String what) {
        Path root = modelRoot.toAbsolutePath().normalize();
        Path resolved = base.toAbsolutePath().normalize().resolve(relative).normalize();
        boolean inside = !Path.of(relative).isAbsolute() && resolved.startsWith(root);
        if (inside && Files.exists(resolved)) {
            try {
                inside = resolved.toRealPath().startsWith(root.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            String shown = relative.length() > MAX_SHOWN ? relative.substring(0, MAX_SHOWN) + "..." : relative;
            throw MlflowException.invalidParameter("The model at " + root + " names " + what + " '" + shown
                    + "', which is outside the model folder. A model folder may only refer to its own files;"
                    + " save or log the model again, or check where the folder came from.");
        }
        return resolved;
    }
}
