package io.mlflow4j.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** File writes that never leave a half-written file: write beside the target, then rename. */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwxr-xr-x");

    private AtomicFiles() {}

    public static void writeString(Path target, String content) {
        writeBytes(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] content) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(tmp, content);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * A staging folder beside its final place, to be renamed into place when complete. Unlike
     * {@link Files#createTempDirectory}, which makes it {@code rwx------}, it gets the permissions
     * an ordinary {@code mkdir} gives ({@code rwxr-xr-x} less the umask), as MLflow's folders have:
     * others who read the store (an MLflow UI run by another user) must be able to read it.
     */
    public static Path createStagingDirectory(Path parent, String prefix) throws IOException {
        return isPosix(parent)
                ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS))
                : Files.createTempDirectory(parent, prefix);
    }

    /** A temporary file with the permissions an ordinary file gets ({@code rw-r--r--} less the umask). */
    private static Path createTempFile(Path parent, String prefix, String suffix) throws IOException {
        return isPosix(parent)
                ? Files.createTempFile(parent, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS))
                : Files.createTempFile(parent, prefix, suffix);
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Renames atomically where the file system can, replacing the target. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Copies a file or a folder tree. */
    public static void copyTree(Path source, Path target) throws IOException {
        placeTree(source, target, AtomicFiles::copy);
    }

    /**
     * Like {@link #copyTree}, but files are hard-linked where the file system allows it (same
     * device), else copied. Only for short-lived staging folders that are read and deleted, never
     * for folders the user keeps: a link shares the file, so later changes to the source show through.
     */
    public static void linkOrCopyTree(Path source, Path target) throws IOException {
        placeTree(source, target, AtomicFiles::linkOrCopy);
    }

    private interface FilePlacer {
        void place(Path file, Path target) throws IOException;
    }

    private static void placeTree(Path source, Path target, FilePlacer placer) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            placer.place(source, target);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                placer.place(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copy(Path file, Path target) throws IOException {
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void linkOrCopy(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            copy(file, target);
        }
    }

    /** Deletes a file or folder tree if it exists; best effort, used to clean up after failures. */
    public static void deleteTree(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path + ": " + e.getMessage(), e);
        }
    }

    /** Sum of the sizes of all regular files under {@code root}, except {@code excluded}. */
    public static long totalSize(Path root, Path excluded) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(excluded))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }
}
