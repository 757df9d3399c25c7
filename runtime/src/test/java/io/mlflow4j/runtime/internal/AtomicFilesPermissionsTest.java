package io.mlflow4j.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders written through a temporary place get the permissions ordinary ones get (as
 * MLflow's do), not the owner-only ones of the JDK's temporary files: an MLflow UI run by another
 * user must be able to read the store.
 */
class AtomicFilesPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void writtenFilesAreReadableLikeOrdinaryFiles() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary")); // 0666 less the umask
        Path written = dir.resolve("meta.yaml");
        AtomicFiles.writeString(written, "name: x\n");
        assertEquals(
                without(Files.getPosixFilePermissions(ordinary), "rw-r--r--"), Files.getPosixFilePermissions(written));
    }

    @Test
    void stagingFoldersAreReadableLikeOrdinaryFolders() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createDirectory(dir.resolve("ordinary")); // 0777 less the umask
        Path staging = AtomicFiles.createStagingDirectory(dir, ".model.tmp-");
        assertEquals(
                without(Files.getPosixFilePermissions(ordinary), "rwxr-xr-x"), Files.getPosixFilePermissions(staging));
    }

    private static Set<PosixFilePermission> without(Set<PosixFilePermission> ordinary, String allowed) {
        Set<PosixFilePermission> expected = EnumSet.noneOf(PosixFilePermission.class);
        expected.addAll(ordinary);
        expected.retainAll(PosixFilePermissions.fromString(allowed));
        return expected;
    }
}
