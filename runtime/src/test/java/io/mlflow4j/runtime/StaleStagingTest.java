package io.mlflow4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlflow4j.runtime.internal.AtomicFiles;
import io.mlflow4j.runtime.model.EchoModelAdapter;
import io.mlflow4j.runtime.store.file.FileTrackingStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed while logging leaves behind (its staging folders, named after its pid) is
 * deleted by the next log; staging happens where MLflow does not list artifacts, and folders of
 * live processes are left alone.
 */
class StaleStagingTest {
    @TempDir
    Path tmp;

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("/bin/true").start();
        p.waitFor();
        assertFalse(p.isAlive());
        return p.pid();
    }

    private static Path leftover(Path parent, String name) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        Files.write(dir.resolve("half-written.jar"), new byte[1000]);
        return dir;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** MLflow 2's flow, which stages in the run's folder (MLflow 3's stages beside the logged model's files). */
    @Test
    void stagingOfAKilledProcessIsDeletedByTheNextLogAndNeverListedAsAnArtifact() throws Exception {
        MlflowVersionSetting.with("2", this::stagingOfAKilledProcessIsDeletedByTheNextLog);
    }

    private void stagingOfAKilledProcessIsDeletedByTheNextLog() throws Exception {
        long dead = deadPid();
        String tag = UUID.randomUUID().toString();
        Path systemTmp = Paths.get(System.getProperty("java.io.tmpdir"));
        Path staleModel = leftover(systemTmp, "mlflow4j-model-" + dead + "-" + tag);
        Path liveModel =
                leftover(systemTmp, "mlflow4j-model-" + ProcessHandle.current().pid() + "-" + tag);
        try (ActiveRun run = Mlflow.startRun(new FileTrackingStore(tmp.resolve("mlruns")), "e", "r")) {
            Path artifacts = Paths.get(URI.create(run.artifactUri()));
            Path runDir = artifacts.getParent();
            Path staleRun = leftover(runDir, ".mlflow4j-staging-" + dead + "-" + tag);
            Path otherRunDir = Files.createDirectories(runDir.resolveSibling("0123456789abcdef0123456789abcdef"));
            Path staleOtherRun = leftover(otherRunDir, ".mlflow4j-staging-" + dead + "-" + tag);
            Path otherLive = leftover(
                    runDir, ".mlflow4j-staging-" + ProcessHandle.current().pid() + "-" + tag);

            MlflowModels.log(new EchoModelAdapter(), run, "model");

            assertFalse(Files.exists(staleModel), "the killed process's model folder in " + systemTmp);
            assertFalse(Files.exists(staleRun), "the killed process's staging in the run's folder");
            assertFalse(Files.exists(staleOtherRun), "and in another run's folder, which may never be written again");
            assertTrue(Files.exists(liveModel) && Files.exists(otherLive), "a live process's staging stays");
            assertEquals(List.of("model"), names(artifacts), "nothing but the model where MLflow lists artifacts");
            assertTrue(Files.isRegularFile(artifacts.resolve("model/MLmodel")));
            assertEquals(
                    List.of(otherLive.getFileName().toString()),
                    names(runDir).stream()
                            .filter(n -> n.startsWith(".mlflow4j-staging-"))
                            .toList(),
                    "this log's own staging is gone");
        } finally {
            AtomicFiles.deleteTree(liveModel);
        }
    }
}
