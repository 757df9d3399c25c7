package io.mlflow4j.runtime;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.FileUris;
import io.mlflow4j.runtime.store.MlflowTarget;
import io.mlflow4j.runtime.store.TrackingStore;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import io.mlflow4j.runtime.store.rest.HttpSettings;
import io.mlflow4j.runtime.store.rest.RestTrackingStore;
import io.mlflow4j.runtime.store.sqlite.SqliteTrackingStore;
import io.mlflow4j.runtime.store.sqlite.SqliteUris;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the tracking store for a tracking URI, following MLflow's rules for {@code MLFLOW_TRACKING_URI}. */
public final class TrackingStores {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingStores.class);
    private static volatile boolean warnedOfFileStore;

    private TrackingStores() {}

    /**
     * @param trackingUri an {@code http://} or {@code https://} tracking server (with the HTTP
     *     settings of {@link HttpSettings#fromEnvironment()}), a {@code sqlite:///} database (artifacts
     *     under {@code ./mlruns}, as MLflow's client keeps them), a local path or a {@code file:} URI
     *     (a file store), or {@code null} for MLflow's default ({@link #defaultStore})
     */
    public static TrackingStore forUri(String trackingUri) {
        if (trackingUri == null || trackingUri.isBlank()) {
            return defaultStore(Paths.get("").toAbsolutePath());
        }
        String uri = trackingUri.trim();
        int colon = uri.indexOf(':');
        String scheme = colon > 1 ? uri.substring(0, colon).toLowerCase() : "";
        switch (scheme) {
            case "":
                return new FileTrackingStore(Paths.get(uri));
            case "file":
                return new FileTrackingStore(FileUris.toPath(uri));
            case "http":
            case "https":
                return new RestTrackingStore(URI.create(uri), HttpSettings.fromEnvironment());
            case "sqlite":
                return new SqliteTrackingStore(SqliteUris.toPath(uri), Paths.get("mlruns"));
            default:
                throw MlflowException.invalidParameter(
                        "Unsupported tracking URI '" + uri.replaceFirst("^([a-zA-Z]+://)[^/@]*@", "$1")
                                + "'. mlflow4j supports an http:// or https:// tracking server, a sqlite:/// database, a local"
                                + " path or a file: URI (unset MLFLOW_TRACKING_URI for MLflow's default, sqlite:///mlflow.db).");
        }
    }

    /**
     * MLflow's default store (3.7 and later), exactly its rule: the file store {@code ./mlruns} if it
     * already holds experiments (a folder named by digits with a {@code meta.yaml}), otherwise
     * {@code sqlite:///<working dir>/mlflow.db} with artifacts under {@code ./mlruns}. For teams
     * still on MLflow 2.x ({@link MlflowTarget#configured()} is 2) it stays {@code ./mlruns}, as
     * MLflow 2 has it.
     */
    public static TrackingStore defaultStore(Path workingDir) {
        Path mlruns = workingDir.resolve("mlruns");
        if (MlflowTarget.configured() == MlflowTarget.MLFLOW_2) {
            return new FileTrackingStore(mlruns);
        }
        if (holdsExperiments(mlruns)) {
            if (!warnedOfFileStore) {
                warnedOfFileStore = true;
                LOG.warn(
                        "Using the file store {} because it holds experiments, as MLflow does. MLflow deprecates the"
                                + " file store (3.13 and later refuse it unless MLFLOW_ALLOW_FILE_STORE=true): move it into a"
                                + " database with 'mlflow migrate-filestore --source {} --target sqlite:///mlflow.db'.",
                        mlruns,
                        mlruns);
            }
            return new FileTrackingStore(mlruns);
        }
        return new SqliteTrackingStore(workingDir.resolve("mlflow.db"), mlruns);
    }

    /** As MLflow's {@code _get_default_tracking_uri}: a direct subfolder named by digits holding meta.yaml; an error means no. */
    static boolean holdsExperiments(Path mlruns) {
        if (!Files.isDirectory(mlruns)) {
            return false;
        }
        try (Stream<Path> children = Files.list(mlruns)) {
            return children.anyMatch(
                    d -> d.getFileName().toString().matches("\\d+") && Files.isRegularFile(d.resolve("meta.yaml")));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
