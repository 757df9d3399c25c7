package io.mlflow4j.runtime.store.sqlite;

import io.mlflow4j.runtime.error.MlflowException;
import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.internal.StagingFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Artifacts in local folders, where MLflow's SQL store keeps them without a server: at plain
 * absolute paths such as {@code /home/user/project/mlruns/1/<run id>/artifacts} (as MLflow 3.11.1
 * records them), or at {@code file:} URIs (as {@code mlflow migrate-filestore} leaves them). Every
 * put is all or nothing: files are staged beside the target, then moved in.
 */
final class LocalArtifacts {
    /** Staging folders, {@code <prefix><pid>-*}, beside the target, where MLflow lists nothing. */
    static final String STAGING_PREFIX = ".mlflow4j-staging-";

    private LocalArtifacts() {}

    /** The local folder of an artifact location; one elsewhere (a server's {@code mlflow-artifacts:}) fails, naming the fix. */
    static Path toPath(String location, String whose) {
        if (location != null && location.startsWith("file:")) {
            return location.startsWith("file://")
                    ? Paths.get(URI.create(location.replace(" ", "%20")))
                    : Paths.get(location.substring("file:".length()));
        }
        if (location != null && !location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            try {
                Path path = Paths.get(location);
                if (path.isAbsolute()) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
        }
        throw new MlflowException(
                MlflowException.ErrorCode.INVALID_STATE,
                whose + " stores its artifacts at " + location
                        + ", which is not a local folder, so mlflow4j cannot reach it through the database alone. Set"
                        + " MLFLOW_TRACKING_URI to the tracking server that serves it (such as http://localhost:5000).");
    }

    /**
     * Copies the files of {@code localDir} under {@code root} at {@code artifactPath} (empty: into
     * {@code root} itself); refuses before copying anything if a name is taken.
     */
    static void putFolder(Path root, Path localDir, String artifactPath, String whose) {
        Path target = artifactPath == null || artifactPath.isEmpty() ? root : root.resolve(artifactPath);
        List<String> taken = new ArrayList<>();
        if (!target.equals(root) && Files.exists(target)) {
            taken.add(artifactPath);
        } else if (target.equals(root) && Files.isDirectory(root)) {
            try (Stream<Path> children = Files.list(localDir)) {
                for (Path child : children.toList()) {
                    if (Files.exists(root.resolve(child.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
                        taken.add(child.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + localDir + ": " + e.getMessage(), e);
            }
        }
        if (!taken.isEmpty()) {
            taken.sort(null);
            throw MlflowException.invalidParameter(whose + " already has artifacts at " + taken + " (in " + root
                    + "). Log under another artifact path.");
        }
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = StagingFolders.create(target.getParent(), STAGING_PREFIX);
            AtomicFiles.copyTree(localDir, staging.resolve("content"));
            if (target.equals(root)) {
                Files.createDirectories(root);
                try (Stream<Path> children = Files.list(staging.resolve("content"))) {
                    for (Path child : children.toList()) {
                        AtomicFiles.move(child, root.resolve(child.getFileName().toString()));
                    }
                }
            } else {
                AtomicFiles.move(staging.resolve("content"), target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not store the artifacts of " + whose + " from " + localDir + " at " + target + ": "
                            + e.getMessage() + ". Nothing was stored.",
                    e);
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    static void putFile(Path root, Path localFile, String artifactPath) {
        if (!Files.isRegularFile(localFile)) {
            throw MlflowException.invalidParameter("Cannot log artifact " + localFile + ": not a file.");
        }
        Path dir = artifactPath == null || artifactPath.isEmpty() ? root : root.resolve(artifactPath);
        try {
            AtomicFiles.writeBytes(dir.resolve(localFile.getFileName().toString()), Files.readAllBytes(localFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + localFile + ": " + e.getMessage(), e);
        }
    }
}
