package io.mlflow4j.runtime.store.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlflow4j.runtime.error.MlflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Artifacts behind a tracking server's proxied artifact endpoints ({@code mlflow-artifacts:} URIs,
 * the default of {@code mlflow server}): {@code mlflow-artifacts:/<path>} is
 * {@code <tracking server>/api/2.0/mlflow-artifacts/artifacts/<path>}, and a host in the URI
 * ({@code mlflow-artifacts://host:port/<path>}) replaces the tracking server's. Files go up and
 * come down streamed, one request per file. Credentials go to the tracking server's own origin
 * only: requests to another host carry no Authorization header.
 */
final class MlflowArtifactsRepository {
    public static final String SCHEME = "mlflow-artifacts";
    static final String ARTIFACTS_PATH = "/api/2.0/mlflow-artifacts/artifacts";
    /** Deeper folders than this are taken for a server listing a folder inside itself. */
    static final int MAX_DEPTH = 64;

    private final RestClient tracking;
    private final Map<String, RestClient> otherHosts = new ConcurrentHashMap<>();

    public MlflowArtifactsRepository(RestClient tracking) {
        this.tracking = tracking;
    }

    public static boolean handles(String artifactUri) {
        return artifactUri != null && artifactUri.startsWith(SCHEME + ":");
    }

    /** One entry of a listing: {@code path} relative to the listed folder. */
    public record FileInfo(String path, boolean isDir, long fileSize) {}

    /** A file of an upload, and where it goes relative to the destination folder. */
    private record Upload(Path file, String relative, long size) {}

    /**
     * Uploads every file under {@code localDir} into the folder {@code artifactUri}. If one fails,
     * the files already uploaded are deleted again (best effort) and the error names the file and
     * why it failed.
     */
    public void uploadDirectory(Path localDir, String artifactUri) {
        Target target = target(artifactUri);
        List<Upload> uploads = new ArrayList<>();
        long total = 0;
        try (Stream<Path> files = Files.walk(localDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                long size = Files.size(file);
                uploads.add(
                        new Upload(file, localDir.relativize(file).toString().replace('\\', '/'), size));
                total += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + localDir + " for uploading: " + e, e);
        }
        TransferProgress progress = new TransferProgress(
                "Uploading " + localDir.getFileName() + " to " + artifactUri, total, uploads.size());
        List<String> done = new ArrayList<>();
        for (Upload upload : uploads) {
            String relPath = join(target.relPath, upload.relative);
            try {
                target.client.putFile(
                        ARTIFACTS_PATH + "/" + RestClient.encodePath(relPath),
                        upload.file,
                        contentType(upload.file),
                        progress::fileBytes);
            } catch (RuntimeException e) {
                for (String uploaded : done) {
                    deleteQuietly(target.client, uploaded);
                }
                throw new MlflowException(
                        MlflowException.ErrorCode.INTERNAL_ERROR,
                        "Uploading " + upload.relative + " ("
                                + upload.size + " bytes, from " + upload.file + ") to " + artifactUri
                                + " failed, so nothing was"
                                + " logged (" + done.size() + " files already uploaded were deleted again): "
                                + e.getMessage(),
                        e);
            }
            done.add(relPath);
            progress.fileDone(upload.size);
        }
        progress.finished();
    }

    /** Uploads one file into the folder {@code artifactUri}. */
    public void uploadFile(Path file, String artifactUri) {
        Target target = target(artifactUri);
        String relPath = join(target.relPath, file.getFileName().toString());
        try {
            long size = Files.size(file);
            TransferProgress progress = new TransferProgress("Uploading " + file.getFileName(), size, 1);
            target.client.putFile(
                    ARTIFACTS_PATH + "/" + RestClient.encodePath(relPath),
                    file,
                    contentType(file),
                    progress::fileBytes);
            progress.fileDone(size);
            progress.finished();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e, e);
        } catch (RuntimeException e) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "Uploading " + file + " to " + artifactUri + " failed: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The entries of the folder {@code artifactUri}; empty if it is a file or does not exist. An
     * entry that names the folder itself or a place outside it is refused.
     */
    public List<FileInfo> list(String artifactUri) {
        Target target = target(artifactUri);
        JsonNode answer =
                target.client.get(ARTIFACTS_PATH, target.relPath.isEmpty() ? Map.of() : Map.of("path", target.relPath));
        List<FileInfo> files = new ArrayList<>();
        for (JsonNode f : answer.path("files")) {
            String name = ListingEntry.childName(target.relPath, f.path("path").asText(), artifactUri);
            files.add(new FileInfo(
                    name, f.path("is_dir").asBoolean(false), f.path("file_size").asLong(-1)));
        }
        return files;
    }

    /**
     * Downloads the file or folder at {@code artifactUri} to {@code target} (which must not exist),
     * streamed to disk.
     */
    public void download(String artifactUri, Path destination) {
        download(artifactUri, destination, 0);
    }

    private void download(String artifactUri, Path destination, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MlflowException(
                    MlflowException.ErrorCode.INTERNAL_ERROR,
                    "The listing of " + artifactUri
                            + " is " + depth
                            + " folders deep; the server seems to list a folder inside itself. Check the"
                            + " artifacts on the server.");
        }
        List<FileInfo> entries = list(artifactUri);
        try {
            if (entries.isEmpty()) {
                Files.createDirectories(destination.getParent());
                Target target = target(artifactUri);
                target.client.download(
                        ARTIFACTS_PATH + "/" + RestClient.encodePath(target.relPath),
                        destination,
                        listedSize(artifactUri));
                return;
            }
            Files.createDirectories(destination);
            for (FileInfo entry : entries) {
                String child = artifactUri.replaceAll("/+$", "") + "/" + entry.path();
                if (entry.isDir()) {
                    download(child, destination.resolve(entry.path()), depth + 1);
                } else {
                    Target target = target(child);
                    target.client.download(
                            ARTIFACTS_PATH + "/" + RestClient.encodePath(target.relPath),
                            destination.resolve(entry.path()),
                            entry.fileSize());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create " + destination + " for downloading " + artifactUri + ": " + e, e);
        }
    }

    /** The size the parent folder's listing gives for the file {@code artifactUri}, or -1. */
    private long listedSize(String artifactUri) {
        String uri = artifactUri.replaceAll("/+$", "");
        int slash = uri.lastIndexOf('/');
        if (slash < 0
                || uri.substring(0, slash).endsWith(":")
                || uri.substring(0, slash).endsWith(":/")) {
            return -1;
        }
        String name = uri.substring(slash + 1);
        for (FileInfo entry : list(uri.substring(0, slash))) {
            if (entry.path().equals(name) && !entry.isDir()) {
                return entry.fileSize();
            }
        }
        return -1;
    }

    private static void deleteQuietly(RestClient client, String relPath) {
        try {
            client.delete(ARTIFACTS_PATH + "/" + RestClient.encodePath(relPath));
        } catch (RuntimeException e) {
            // best effort: the upload error is what matters
        }
    }

    private record Target(RestClient client, String relPath) {}

    private Target target(String artifactUri) {
        if (!handles(artifactUri)) {
            throw MlflowException.invalidParameter("'" + artifactUri + "' is not an mlflow-artifacts: URI.");
        }
        String rest = artifactUri.substring(SCHEME.length() + 1);
        RestClient client = tracking;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
            if (!authority.isEmpty() && !tracking.isOrigin(authority)) {
                // never the tracking server's credentials to another host (as a browser keeps them to their origin)
                client = otherHosts.computeIfAbsent(
                        authority,
                        a -> new RestClient(
                                URI.create(URI.create(tracking.server()).getScheme() + "://" + a),
                                tracking.settings().withAuth(HttpAuth.none())));
            }
        }
        String relPath = rest.replaceAll("^/+|/+$", "");
        for (String segment : relPath.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw MlflowException.invalidParameter(
                        "Invalid artifact URI '" + artifactUri + "': '.' and '..' are not allowed.");
            }
        }
        return new Target(client, relPath);
    }

    private static String join(String dir, String relative) {
        return dir.isEmpty() ? relative : dir + "/" + relative;
    }

    private static String contentType(Path file) {
        try {
            String type = Files.probeContentType(file);
            return type != null ? type : "application/octet-stream";
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }
}
