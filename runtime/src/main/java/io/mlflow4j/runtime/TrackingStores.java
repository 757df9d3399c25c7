package io.mlflow4j.runtime;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.FileUris;
import io.mlflow4j.runtime.store.TrackingStore;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import io.mlflow4j.runtime.store.rest.HttpSettings;
import io.mlflow4j.runtime.store.rest.RestTrackingStore;
import java.net.URI;
import java.nio.file.Paths;

/** Picks the tracking store for a tracking URI, following MLflow's rules for {@code MLFLOW_TRACKING_URI}. */
public final class TrackingStores {
    private TrackingStores() {}

    /**
     * @param trackingUri an {@code http://} or {@code https://} tracking server (with the HTTP
     *     settings of {@link HttpSettings#fromEnvironment()}), a local path, a {@code file:} URI, or
     *     {@code null} for {@code ./mlruns}
     */
    public static TrackingStore forUri(String trackingUri) {
        if (trackingUri == null || trackingUri.isBlank()) {
            return new FileTrackingStore(Paths.get("mlruns"));
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
            default:
                throw MlflowException.invalidParameter(
                        "Unsupported tracking URI '" + uri.replaceFirst("^([a-zA-Z]+://)[^/@]*@", "$1")
                                + "'. mlflow4j supports an http:// or https:// tracking server, a local path or a file: URI"
                                + " (unset MLFLOW_TRACKING_URI for ./mlruns).");
        }
    }
}
