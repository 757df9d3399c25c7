package io.mlflow4j.runtime.internal;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;

/** {@code file:} URIs as MLflow writes and accepts them, as local paths. */
public final class FileUris {
    private FileUris() {}

    /** {@code file:///abs/path}, {@code file:/abs/path} or {@code file:relative/path} (as Python accepts). */
    public static Path toPath(String uri) {
        if (uri.startsWith("file://")) {
            return Paths.get(URI.create(uri.replace(" ", "%20")));
        }
        return Paths.get(uri.substring("file:".length()));
    }
}
