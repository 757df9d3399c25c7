package io.mlflow4j.runtime.uri;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.store.LoggedModel;
import io.mlflow4j.runtime.store.TrackingStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Turns a model URI into a local model folder: a path, {@code file:...}, {@code runs:/<run id>/<path>},
 * an MLflow 3 logged model ({@code models:/m-<id>}) or a registered model ({@code models:/<name>/<version>}, {@code models:/<name>@<alias>},
 * {@code models:/<name>/latest}), downloading from a tracking server when the store is one. The
 * store is passed in: {@code Mlflow.store()} for the process's tracking URI.
 */
public final class ModelUris {
    private ModelUris() {}

    public static Path toLocalFolder(String uri, TrackingStore store) {
        if (uri == null || uri.isBlank()) {
            throw MlflowException.invalidParameter(
                    "Model URI is empty. Give a path, file:/..., runs:/<run id>/<path> or models:/<name>/<version>.");
        }
        Path folder;
        if (uri.startsWith("runs:")) {
            RunsUri runs = RunsUri.parse(uri);
            if (runs.path().isEmpty()) {
                throw MlflowException.invalidParameter(
                        "Invalid runs URI '" + uri + "'. Use runs:/<run id>/<artifact path>.");
            }
            // MLflow 3 keeps a run's models apart from its artifacts: look for the logged model first.
            LoggedModel logged = LoggedModels.of(store, uri);
            folder = logged != null
                    ? LoggedModels.download(store, logged)
                    : store.downloadArtifacts(runs.runId(), runs.path());
        } else if (LoggedModels.isModelIdUri(uri)) {
            folder = LoggedModels.download(store, LoggedModels.of(store, uri));
        } else if (uri.startsWith("models:")) {
            folder = RegisteredModelUri.parse(uri).download(store);
        } else if (uri.startsWith("file:")) {
            folder = uri.startsWith("file://")
                    ? Paths.get(URI.create(uri.replace(" ", "%20")))
                    : Paths.get(uri.substring(5));
        } else if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !uri.matches("^[a-zA-Z]:[\\\\/].*")) {
            throw MlflowException.invalidParameter(
                    "Unsupported model URI scheme in '" + uri
                            + "'. Use a folder path, file:/..., runs:/<run id>/<path>, models:/<name>/<version> or models:/<name>@<alias>.");
        } else {
            folder = Paths.get(uri);
        }
        if (!Files.isDirectory(folder)) {
            throw MlflowException.notFound("Model URI '" + uri + "' points to " + folder.toAbsolutePath()
                    + ", which is not a folder. Check the path or run id.");
        }
        return folder;
    }
}
